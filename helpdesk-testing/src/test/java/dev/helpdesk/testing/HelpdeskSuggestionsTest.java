package dev.helpdesk.testing;

import static dev.helpdesk.testing.DeskFixture.ALICE;
import static dev.helpdesk.testing.DeskFixture.BOB;
import static dev.helpdesk.testing.DeskFixture.DEDICATED;
import static dev.helpdesk.testing.DeskFixture.INTAKE;
import static dev.helpdesk.testing.DeskFixture.TECH;
import static dev.helpdesk.testing.DeskFixture.TINA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.Helpdesk;
import dev.helpdesk.SuggestArticles;
import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.spi.Article;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facade's knowledge-base query (R15): authorization by plan, the port asked, immutability. */
class HelpdeskSuggestionsTest {
  private static final Article IPMI =
      new Article(
          ArticleId.of("ipmi"),
          "en",
          "Reboot a dedicated server from the IPMI console",
          "Open the console and reboot the server.",
          List.of(),
          Optional.empty(),
          Set.of(DEDICATED));
  private static final Article VPS =
      Article.of(ArticleId.of("vps"), "en", "Reboot a VPS", "Press reboot.", List.of());

  private final List<ArticleQuery> asked = new ArrayList<>();
  private final DeskFixture fixture =
      new DeskFixture(
          Helpdesk.builder()
              .knowledgeBase(
                  query -> {
                    asked.add(query);
                    return InMemoryKnowledgeBase.of(List.of(IPMI, VPS)).suggest(query);
                  }));

  private static List<String> ids(List<ArticleSuggestion> suggestions) {
    return suggestions.stream().map(s -> s.id().value()).toList();
  }

  @Test
  void suggestArticles_customer_seesOnlyTheArticlesOfTheirPlan() {
    SuggestArticles request = SuggestArticles.of(TECH, "reboot", "", 5);

    assertThat(ids(fixture.desk.suggestArticles(ALICE, request))).containsExactly("vps");
    assertThat(ids(fixture.desk.suggestArticles(BOB, request)))
        .containsExactlyInAnyOrder("ipmi", "vps");
    assertThat(asked.get(0).plan()).contains(FakeDirectory.STANDARD);
    assertThat(asked.get(1).plan()).contains(DEDICATED);
  }

  @Test
  void suggestArticles_staffAndSystem_seeEveryArticle() {
    SuggestArticles request = SuggestArticles.of(TECH, "reboot", "", 5);

    assertThat(ids(fixture.desk.suggestArticles(TINA, request)))
        .containsExactlyInAnyOrder("ipmi", "vps");
    assertThat(ids(fixture.desk.suggestArticles(INTAKE, request)))
        .containsExactlyInAnyOrder("ipmi", "vps");
    assertThat(asked).allSatisfy(q -> assertThat(q.plan()).isEmpty());
  }

  @Test
  void suggestArticles_passesDepartmentTextAndLanguageToThePort() {
    fixture.desk.suggestArticles(
        ALICE, SuggestArticles.of(TECH, "Site down", "HTTP 500", 3).inLanguage("tr"));

    ArticleQuery query = asked.get(0);
    assertThat(query.department()).contains(TECH);
    assertThat(query.subject()).isEqualTo("Site down");
    assertThat(query.description()).isEqualTo("HTTP 500");
    assertThat(query.language()).contains("tr");
    assertThat(query.limit()).isEqualTo(3);
  }

  @Test
  void suggestArticles_unknownCustomerOrAgent_isRefused() {
    SuggestArticles request = SuggestArticles.of(TECH, "reboot", "", 5);

    assertThatThrownBy(
            () -> fixture.desk.suggestArticles(Actor.customer(CustomerId.of("mallory")), request))
        .isInstanceOf(ActionNotPermittedException.class)
        .hasMessageContaining("mallory");
    assertThatThrownBy(
            () -> fixture.desk.suggestArticles(Actor.agent(AgentId.of("nobody")), request))
        .isInstanceOf(ActionNotPermittedException.class);
    assertThat(asked).isEmpty();
  }

  @Test
  void suggestArticles_blankText_asksNothingAndSuggestsNothing() {
    assertThat(fixture.desk.suggestArticles(ALICE, SuggestArticles.of(TECH, " ", "\n", 5)))
        .isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void suggestArticles_withoutKnowledgeBase_suggestsNothing() {
    DeskFixture plain = new DeskFixture();

    assertThat(plain.desk.suggestArticles(ALICE, SuggestArticles.of(TECH, "reboot", "", 5)))
        .isEmpty();
  }

  @Test
  void suggestArticles_result_isImmutable() {
    List<ArticleSuggestion> got =
        fixture.desk.suggestArticles(ALICE, SuggestArticles.of(TECH, "reboot", "", 5));

    assertThatThrownBy(got::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void suggestArticles_badLanguageOrLimit_namesTheValue() {
    assertThatThrownBy(() -> SuggestArticles.of(TECH, "reboot", "", 5).inLanguage("Turkish"))
        .hasMessageContaining("'Turkish'");
    assertThatThrownBy(
            () -> fixture.desk.suggestArticles(ALICE, SuggestArticles.of(TECH, "reboot", "", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }
}
