package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.ArticleId;

/**
 * One suggested article: which one, in which language, and where it ranked. Enough to show a link
 * and, later, to count which suggestion a customer opened instead of submitting the ticket.
 *
 * @param language the language of the version suggested
 * @param rank 1 for the best suggestion, then 2, 3, ...
 */
public record ArticleSuggestion(ArticleId id, String language, String title, int rank) {
  public ArticleSuggestion {
    requireNonNull(id, "id must not be null");
    LanguageCodes.check(language, "language of suggestion " + id);
    requireNonNull(title, "title must not be null");
    checkArgument(rank >= 1, "rank of suggestion %s must be at least 1, got %s", id, rank);
  }
}
