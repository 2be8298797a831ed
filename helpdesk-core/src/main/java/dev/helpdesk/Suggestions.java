package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.spi.ArticleQuery;
import dev.helpdesk.spi.ArticleSuggestion;
import dev.helpdesk.spi.KnowledgeBase;
import java.util.List;
import java.util.Optional;

/**
 * Knowledge-base suggestions while a ticket is typed (R15), authorized like every query: a customer
 * sees only the articles of their plan, staff and the system see all of them.
 */
final class Suggestions {
  private final Authorization auth;
  private final Optional<KnowledgeBase> knowledgeBase;

  Suggestions(Authorization auth, Optional<KnowledgeBase> knowledgeBase) {
    this.auth = auth;
    this.knowledgeBase = knowledgeBase;
  }

  List<ArticleSuggestion> suggest(Actor actor, SuggestArticles request) {
    requireNonNull(actor, "actor must not be null");
    requireNonNull(request, "request must not be null");
    Optional<PlanId> plan = Optional.empty();
    if (actor instanceof Actor.Customer c) {
      plan = Optional.of(auth.customer(c, "read knowledge-base suggestions").plan());
    } else if (actor instanceof Actor.Agent) {
      auth.agent(actor, "read knowledge-base suggestions");
    }
    ArticleQuery query = request.toQuery(plan);
    if (knowledgeBase.isEmpty() || query.isBlank()) {
      return List.of();
    }
    return ImmutableList.copyOf(knowledgeBase.get().suggest(query));
  }
}
