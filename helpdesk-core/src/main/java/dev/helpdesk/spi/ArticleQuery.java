package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.PlanId;
import java.util.Optional;

/**
 * What a {@link KnowledgeBase} is asked while a customer types a ticket (R15): the text so far, and
 * who reads the answer.
 *
 * @param department the department the ticket is for; articles of it rank first among equal
 *     matches, articles of other departments still appear
 * @param subject the subject typed so far, possibly empty
 * @param description the description typed so far, possibly empty
 * @param language the language the customer writes in (lower-case ISO 639); its articles come
 *     first, others fill the rest. Empty: the adapter ranks every language (it may guess one from
 *     the text)
 * @param plan only articles visible to this plan; empty: every article (staff)
 * @param limit how many suggestions at most, 1 to {@link #LIMIT_MAX}
 */
public record ArticleQuery(
    Optional<DepartmentId> department,
    String subject,
    String description,
    Optional<String> language,
    Optional<PlanId> plan,
    int limit) {
  /** Most suggestions one query returns. */
  public static final int LIMIT_MAX = 20;

  public ArticleQuery {
    requireNonNull(department, "department must not be null");
    requireNonNull(subject, "subject must not be null");
    checkArgument(
        subject.length() <= Limits.SUBJECT_MAX,
        "subject must be at most %s characters, got %s",
        Limits.SUBJECT_MAX,
        subject.length());
    requireNonNull(description, "description must not be null");
    checkArgument(
        description.length() <= Limits.BODY_MAX,
        "description must be at most %s characters, got %s",
        Limits.BODY_MAX,
        description.length());
    requireNonNull(language, "language must not be null");
    language.ifPresent(l -> LanguageCodes.check(l, "language"));
    requireNonNull(plan, "plan must not be null");
    checkArgument(limit >= 1 && limit <= LIMIT_MAX, "limit must be 1-%s, got %s", LIMIT_MAX, limit);
  }

  /** A staff query of free text in any department and language: what a search box asks. */
  public static ArticleQuery text(String text, int limit) {
    return new ArticleQuery(Optional.empty(), "", text, Optional.empty(), Optional.empty(), limit);
  }

  /** This query in {@code language}. */
  public ArticleQuery inLanguage(String language) {
    return new ArticleQuery(department, subject, description, Optional.of(language), plan, limit);
  }

  /** This query for a customer on {@code plan}. */
  public ArticleQuery forPlan(PlanId plan) {
    return new ArticleQuery(department, subject, description, language, Optional.of(plan), limit);
  }

  /** Whether there is any text to match: a blank query gets no suggestions. */
  public boolean isBlank() {
    return subject.isBlank() && description.isBlank();
  }
}
