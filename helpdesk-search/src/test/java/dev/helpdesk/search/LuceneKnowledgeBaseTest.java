package dev.helpdesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Lucene knowledge base does beyond the contract: the analysis of each language (stemming,
 * Turkish case folding, Chinese and Korean segmentation, Swahili folding), typos, pasted error
 * codes, the index on disk and rebuilding.
 */
class LuceneKnowledgeBaseTest {
  private final List<LuceneKnowledgeBase> opened = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (LuceneKnowledgeBase kb : opened) {
      kb.close();
    }
  }

  private LuceneKnowledgeBase kb(Article... articles) {
    LuceneKnowledgeBase kb = LuceneKnowledgeBase.inMemory(List.of(articles));
    opened.add(kb);
    return kb;
  }

  private static Article article(String id, String language, String title, String body) {
    return Article.of(ArticleId.of(id), language, title, body, List.of());
  }

  private static List<String> suggest(LuceneKnowledgeBase kb, String text) {
    return ids(kb.suggest(ArticleQuery.text(text, 3)));
  }

  private static List<String> ids(List<ArticleSuggestion> suggestions) {
    return suggestions.stream().map(s -> s.id().value()).toList();
  }

  /** Two articles per language, so that a match has to beat a neighbour. */
  private LuceneKnowledgeBase hosting() {
    return kb(
        article("backup", "en", "Restoring backups", "Pick a date and restore the files."),
        article("mailbox", "en", "Mailbox quota", "Delete messages to free space."),
        article("mailbox", "ru", "Почтовый ящик переполнен", "Удалите старые письма."),
        article("ssl", "ru", "Сертификат безопасности", "Выпустите бесплатный сертификат."),
        article("password", "tr", "Şifre sıfırlama", "Giriş sayfasında bağlantıya tıklayın."),
        article("disk", "tr", "Disk alanı doldu", "Eski yedekleri silin."),
        article("ssl", "zh", "网站显示不安全", "安装免费的证书。"),
        article("database", "zh", "数据库连接失败", "检查数据库用户名和密码。"),
        article("mailbox", "ko", "메일함이 가득 참", "오래된 메일을 지우세요."),
        article("ssl", "ko", "인증서 설치", "무료 인증서를 발급하세요."),
        article("site-down", "sw", "Tovuti haifunguki", "Angalia ukurasa wa hali."),
        article("mailbox", "sw", "Sanduku la barua limejaa", "Futa barua za zamani."));
  }

  @Test
  void english_otherFormsOfAWord_matchTheirStem() {
    assertThat(suggest(hosting(), "how do I restore a backup")).first().isEqualTo("backup");
  }

  @Test
  void russian_otherCaseEndings_matchTheirStem() {
    assertThat(suggest(hosting(), "ящика переполнены")).first().isEqualTo("mailbox");
    assertThat(suggest(hosting(), "сертификаты")).first().isEqualTo("ssl");
  }

  @Test
  void turkish_dottedAndDotlessCapitals_andMissingTurkishLetters_match() {
    LuceneKnowledgeBase kb = hosting();

    assertThat(suggest(kb, "ŞİFRE SIFIRLAMA")).first().isEqualTo("password");
    assertThat(suggest(kb, "sifre sifirlama")).first().isEqualTo("password");
    assertThat(suggest(kb, "şifremi sıfırlamak istiyorum")).first().isEqualTo("password");
  }

  @Test
  void chinese_wordsWithoutSpaces_areSegmented() {
    LuceneKnowledgeBase kb = hosting();

    assertThat(suggest(kb, "我的网站不安全")).first().isEqualTo("ssl");
    assertThat(suggest(kb, "连接数据库失败了")).first().isEqualTo("database");
  }

  @Test
  void korean_particlesAndEndings_areSplitOff() {
    LuceneKnowledgeBase kb = hosting();

    assertThat(suggest(kb, "메일함은 꽉 찼어요")).first().isEqualTo("mailbox");
    assertThat(suggest(kb, "인증서를 설치하고 싶어요")).first().isEqualTo("ssl");
  }

  @Test
  void swahili_isFoldedAndItsFunctionWordsAloneMatchNothing() {
    LuceneKnowledgeBase kb = hosting();

    assertThat(suggest(kb, "TOVUTI HAIFUNGUKI")).first().isEqualTo("site-down");
    assertThat(suggest(kb, "ya na kwa")).isEmpty();
  }

  @Test
  void typos_withinOneOrTwoEdits_stillFindTheArticle() {
    LuceneKnowledgeBase kb = hosting();

    assertThat(suggest(kb, "mailbx qouta")).first().isEqualTo("mailbox");
    assertThat(suggest(kb, "restorng bakups")).first().isEqualTo("backup");
    assertThat(suggest(kb, "сертефикат")).first().isEqualTo("ssl");
  }

  @Test
  void pastedErrorCode_findsTheArticleWhoseKeywordsHaveIt() {
    Article ssl =
        Article.of(
            ArticleId.of("ssl"),
            "en",
            "Install an SSL certificate",
            "Issue a free certificate.",
            List.of("NET::ERR_CERT_DATE_INVALID", "padlock"));
    Article expired =
        article("domain-expired", "en", "Your domain expired", "Renew the domain before its date.");
    LuceneKnowledgeBase kb = kb(ssl, expired);

    assertThat(suggest(kb, "chrome says NET::ERR_CERT_DATE_INVALID, is it expired?"))
        .first()
        .isEqualTo("ssl");
  }

  @Test
  void longPastedText_isCutAndStillAnswers() {
    StringBuilder log = new StringBuilder("Mailbox quota exceeded ");
    Random random = new Random(1);
    while (log.length() < 90_000) {
      log.append(Integer.toHexString(random.nextInt())).append(' ');
    }
    ArticleQuery query =
        new ArticleQuery(
            java.util.Optional.empty(),
            "",
            log.toString(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            3);

    assertThat(ids(hosting().suggest(query))).first().isEqualTo("mailbox");
  }

  @Test
  void onDisk_indexesInTheDirectory_andRebuildReplacesEveryArticle(@TempDir Path dir) {
    LuceneKnowledgeBase kb =
        LuceneKnowledgeBase.onDisk(
            dir, List.of(article("backup", "en", "Restoring backups", "Pick a date.")));
    opened.add(kb);
    assertThat(dir.toFile().list()).isNotEmpty();
    assertThat(suggest(kb, "backup")).containsExactly("backup");

    kb.rebuild(List.of(article("cron", "en", "Cron jobs do not run", "Use full paths.")));

    assertThat(suggest(kb, "backup")).isEmpty();
    assertThat(suggest(kb, "cron")).containsExactly("cron");
    assertThat(kb.size()).isEqualTo(1);
    assertThat(kb.languages()).containsExactly("en");
  }

  @Test
  void rebuild_sameIdAndLanguageTwice_isRefusedNamingItAndKeepsTheOldArticles() {
    LuceneKnowledgeBase kb = kb(article("backup", "en", "Restoring backups", "Pick a date."));
    Article twice = article("cron", "en", "Cron jobs", "Use full paths.");

    assertThatThrownBy(() -> kb.rebuild(List.of(twice, twice)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cron")
        .hasMessageContaining("en");
    assertThat(suggest(kb, "backup")).containsExactly("backup");
  }
}
