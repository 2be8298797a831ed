package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.ArticleId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One language version of a knowledge-base article the host publishes (R15). Translations share the
 * {@link ArticleId}; {@code (id, language)} identifies this version.
 *
 * @param language lower-case ISO 639 code of the text ({@code en}, {@code ru}, {@code tr}, ...)
 * @param keywords words and phrases customers use for the problem, also in other words than the
 *     title (error texts, symptoms); adapters weigh them like the title
 * @param department the department whose questions it answers; empty: any department
 * @param plans the plans whose customers may see it; empty: every plan. Staff always see it.
 */
public record Article(
    ArticleId id,
    String language,
    String title,
    String body,
    List<String> keywords,
    Optional<DepartmentId> department,
    Set<PlanId> plans) {
  /** Longest title, in characters. */
  public static final int TITLE_MAX = 255;

  /** Longest body, in characters. */
  public static final int BODY_MAX = 200_000;

  public Article {
    requireNonNull(id, "id must not be null");
    LanguageCodes.check(language, "language of article " + id);
    requireNonNull(title, "title must not be null");
    checkArgument(
        !title.isBlank() && title.length() <= TITLE_MAX,
        "title of article %s must be 1-%s characters and not blank, got '%s'",
        id,
        TITLE_MAX,
        title);
    requireNonNull(body, "body must not be null");
    checkArgument(
        body.length() <= BODY_MAX,
        "body of article %s must be at most %s characters, got %s",
        id,
        BODY_MAX,
        body.length());
    keywords = ImmutableList.copyOf(requireNonNull(keywords, "keywords must not be null"));
    requireNonNull(department, "department must not be null");
    plans = ImmutableSet.copyOf(requireNonNull(plans, "plans must not be null"));
  }

  /** An article for every department and plan. */
  public static Article of(
      ArticleId id, String language, String title, String body, List<String> keywords) {
    return new Article(id, language, title, body, keywords, Optional.empty(), Set.of());
  }

  /** Whether a customer on {@code plan} may see it. */
  public boolean visibleTo(PlanId plan) {
    requireNonNull(plan, "plan must not be null");
    return plans.isEmpty() || plans.contains(plan);
  }
}
