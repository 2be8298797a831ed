package dev.helpdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import dev.helpdesk.spi.KnowledgeBase;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KnowledgeBase} must have, whatever its ranking: visibility by plan,
 * the customer's language first, one suggestion per article, ranks 1..n, the limit, and that a
 * title match beats a body-only match. An adapter's test implements {@link #knowledgeBaseOf} and
 * inherits every test; {@link InMemoryKnowledgeBase} and the Lucene adapter both run it.
 */
public interface KnowledgeBaseContract {

  /** A knowledge base holding exactly these articles. */
  KnowledgeBase knowledgeBaseOf(List<Article> articles);

  PlanId SHARED = PlanId.of("shared");
  PlanId DEDICATED = PlanId.of("dedicated");
  DepartmentId TECH = DepartmentId.of("tech");
  DepartmentId BILLING = DepartmentId.of("billing");

  private static Article article(String id, String language, String title, String body) {
    return Article.of(ArticleId.of(id), language, title, body, List.of());
  }

  private static List<String> ids(List<ArticleSuggestion> suggestions) {
    return suggestions.stream().map(s -> s.id().value()).toList();
  }

  private static List<Article> hosting() {
    return List.of(
        article(
            "ssl",
            "en",
            "Install a free SSL certificate",
            "Browsers warn visitors until the certificate is installed."),
        article(
            "dns",
            "en",
            "Nameservers and DNS propagation",
            "After you change nameservers the domain resolves within a day."),
        article(
            "mailbox",
            "en",
            "Mailbox quota exceeded",
            "A full mailbox rejects new mail; delete old messages or raise the quota."));
  }

  @Test
  default void suggest_wordOfATitle_ranksThatArticleFirst() {
    KnowledgeBase kb = knowledgeBaseOf(hosting());

    List<ArticleSuggestion> got = kb.suggest(ArticleQuery.text("certificate", 3));

    assertThat(got).isNotEmpty();
    assertThat(got.get(0).id()).isEqualTo(ArticleId.of("ssl"));
    assertThat(got.get(0).language()).isEqualTo("en");
    assertThat(got.get(0).title()).isEqualTo("Install a free SSL certificate");
    assertThat(got.get(0).rank()).isEqualTo(1);
  }

  @Test
  default void suggest_titleMatch_ranksAboveBodyOnlyMatch() {
    KnowledgeBase kb =
        knowledgeBaseOf(
            List.of(
                article(
                    "in-body",
                    "en",
                    "Moving a website",
                    "Copy the files, then import the backup of the database."),
                article("in-title", "en", "Restore a backup", "Pick a date and press restore.")));

    assertThat(ids(kb.suggest(ArticleQuery.text("backup", 2))))
        .containsExactly("in-title", "in-body");
  }

  @Test
  default void suggest_keyword_findsAnArticleWhoseTextLacksTheWord() {
    Article ssl =
        Article.of(
            ArticleId.of("ssl"),
            "en",
            "Install a free SSL certificate",
            "Browsers warn visitors until the certificate is installed.",
            List.of("padlock", "https"));
    KnowledgeBase kb = knowledgeBaseOf(List.of(ssl, hosting().get(1), hosting().get(2)));

    assertThat(ids(kb.suggest(ArticleQuery.text("padlock", 3)))).containsExactly("ssl");
  }

  @Test
  default void suggest_articleInTheQueryLanguage_isTheVersionSuggested() {
    KnowledgeBase kb =
        knowledgeBaseOf(
            List.of(
                article("wp", "en", "WordPress shows a white screen", "Disable the plugins."),
                article("wp", "tr", "WordPress beyaz ekran", "Eklentileri kapatın.")));

    List<ArticleSuggestion> turkish =
        kb.suggest(ArticleQuery.text("wordpress", 5).inLanguage("tr"));
    List<ArticleSuggestion> english =
        kb.suggest(ArticleQuery.text("wordpress", 5).inLanguage("en"));

    assertThat(turkish).hasSize(1);
    assertThat(turkish.get(0).language()).isEqualTo("tr");
    assertThat(english).hasSize(1);
    assertThat(english.get(0).language()).isEqualTo("en");
  }

  @Test
  default void suggest_customerLanguageFirst_thenOtherLanguagesFillTheRest() {
    KnowledgeBase kb =
        knowledgeBaseOf(
            List.of(
                article("php-version", "en", "Change the PHP version", "PHP 8.3 is the default."),
                article("php-errors", "ru", "Ошибки PHP", "Включите журнал ошибок PHP.")));

    List<ArticleSuggestion> got = kb.suggest(ArticleQuery.text("PHP", 5).inLanguage("ru"));

    assertThat(ids(got)).containsExactly("php-errors", "php-version");
    assertThat(got.get(1).language()).isEqualTo("en");
  }

  @Test
  default void suggest_noArticleInTheLanguage_fallsBackToAnyLanguage() {
    KnowledgeBase kb = knowledgeBaseOf(hosting());

    assertThat(ids(kb.suggest(ArticleQuery.text("nameservers", 3).inLanguage("sw"))))
        .containsExactly("dns");
  }

  @Test
  default void suggest_customerOnAPlan_seesOnlyArticlesVisibleToIt() {
    Article dedicatedOnly =
        new Article(
            ArticleId.of("ipmi"),
            "en",
            "Reboot your server from the IPMI console",
            "Open the console and reboot.",
            List.of(),
            Optional.empty(),
            Set.of(DEDICATED));
    Article everyone = article("reboot-vps", "en", "Reboot a VPS", "Press reboot in the panel.");
    KnowledgeBase kb = knowledgeBaseOf(List.of(dedicatedOnly, everyone));
    ArticleQuery query = ArticleQuery.text("reboot", 5);

    assertThat(ids(kb.suggest(query.forPlan(SHARED)))).containsExactly("reboot-vps");
    assertThat(ids(kb.suggest(query.forPlan(DEDICATED))))
        .containsExactlyInAnyOrder("ipmi", "reboot-vps");
    assertThat(ids(kb.suggest(query))).containsExactlyInAnyOrder("ipmi", "reboot-vps");
  }

  @Test
  default void suggest_equalMatches_rankTheQueryDepartmentFirst() {
    Article tech =
        new Article(
            ArticleId.of("renewal-tech"),
            "en",
            "Domain renewal",
            "Renew the domain before it expires.",
            List.of(),
            Optional.of(TECH),
            Set.of());
    Article billing =
        new Article(
            ArticleId.of("renewal-billing"),
            "en",
            "Domain renewal",
            "Renew the domain before it expires.",
            List.of(),
            Optional.of(BILLING),
            Set.of());
    KnowledgeBase kb = knowledgeBaseOf(List.of(tech, billing));

    for (DepartmentId department : List.of(TECH, BILLING)) {
      ArticleQuery query =
          new ArticleQuery(
              Optional.of(department), "renewal", "", Optional.empty(), Optional.empty(), 2);
      assertThat(ids(kb.suggest(query)))
          .hasSize(2)
          .first()
          .isEqualTo("renewal-" + department.value());
    }
  }

  @Test
  default void suggest_manyMatches_returnsAtMostTheLimitWithRanksOneToN() {
    KnowledgeBase kb =
        knowledgeBaseOf(
            List.of(
                article("a", "en", "Backup of files", "backup"),
                article("b", "en", "Backup of databases", "backup"),
                article("c", "en", "Backup schedule", "backup"),
                article("d", "en", "Backup retention", "backup")));

    List<ArticleSuggestion> got = kb.suggest(ArticleQuery.text("backup", 3));

    assertThat(got).extracting(ArticleSuggestion::rank).containsExactly(1, 2, 3);
    assertThat(ids(got)).doesNotHaveDuplicates().isSubsetOf("a", "b", "c", "d");
  }

  @Test
  default void suggest_oneArticleInTwoLanguages_isSuggestedOnce() {
    KnowledgeBase kb =
        knowledgeBaseOf(
            List.of(
                article("cdn", "en", "Purge the CDN cache", "CDN cache purge."),
                article("cdn", "sw", "Futa akiba ya CDN", "CDN cache purge.")));

    assertThat(ids(kb.suggest(ArticleQuery.text("CDN cache purge", 5)))).containsExactly("cdn");
  }

  @Test
  default void suggest_blankOrUnrelatedText_suggestsNothing() {
    KnowledgeBase kb = knowledgeBaseOf(hosting());

    assertThat(kb.suggest(ArticleQuery.text("   ", 3))).isEmpty();
    assertThat(kb.suggest(ArticleQuery.text("qwxz vbnq", 3))).isEmpty();
  }

  @Test
  default void suggest_emptyKnowledgeBase_suggestsNothing() {
    KnowledgeBase kb = knowledgeBaseOf(List.of());

    assertThat(kb.suggest(ArticleQuery.text("certificate", 3))).isEmpty();
  }
}
