package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.spi.ArticleQuery;
import java.util.Optional;

/**
 * The desk query behind "these articles may answer your question" while a customer types a ticket
 * (R15): the department chosen and the text typed so far. Start from {@link #of} and add the
 * customer's language with {@link #inLanguage}.
 *
 * @param subject the subject typed so far, possibly empty
 * @param description the description typed so far, possibly empty
 * @param language the language the customer writes in, as a lower-case ISO 639 code: the host knows
 *     it (the panel's interface language, say), the directory does not. Empty: the knowledge base
 *     ranks articles of every language
 * @param limit how many suggestions at most, 1 to {@link dev.helpdesk.spi.ArticleQuery#LIMIT_MAX}
 */
public record SuggestArticles(
    DepartmentId department,
    String subject,
    String description,
    Optional<String> language,
    int limit) {
  public SuggestArticles {
    requireNonNull(department, "department must not be null");
    requireNonNull(subject, "subject must not be null");
    requireNonNull(description, "description must not be null");
    requireNonNull(language, "language must not be null");
    // The port's query checks lengths, language and limit; building one here rejects a bad
    // request where it is made, with the same messages.
    new ArticleQuery(
        Optional.of(department), subject, description, language, Optional.empty(), limit);
  }

  /** The port's query for a reader who may see the articles of {@code plan} (empty: all). */
  ArticleQuery toQuery(Optional<PlanId> plan) {
    return new ArticleQuery(Optional.of(department), subject, description, language, plan, limit);
  }

  /** A query in no particular language. */
  public static SuggestArticles of(
      DepartmentId department, String subject, String description, int limit) {
    return new SuggestArticles(department, subject, description, Optional.empty(), limit);
  }

  /** This query in {@code language} (lower-case ISO 639, such as {@code tr}). */
  public SuggestArticles inLanguage(String language) {
    return new SuggestArticles(
        department, subject, description, Checks.present(language, "language"), limit);
  }
}
