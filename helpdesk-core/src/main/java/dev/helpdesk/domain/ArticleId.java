package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The host's identifier of a knowledge-base article (R15), shared by its translations: the same id
 * in English and in Turkish is one article in two languages. Letters, digits, {@code -} and {@code
 * _}, so it can name a file ({@code <id>.<lang>.md}) and a URL path segment.
 */
public record ArticleId(String value) {
  /** Longest accepted identifier, so any store can index it. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+");

  public ArticleId {
    requireNonNull(value, "ArticleId value must not be null");
    checkArgument(
        value.length() <= MAX_LENGTH && SAFE.matcher(value).matches(),
        "ArticleId must be 1-%s letters, digits, '-' or '_', got '%s'",
        MAX_LENGTH,
        value);
  }

  /** Shorthand for {@code new ArticleId(value)}. */
  public static ArticleId of(String value) {
    return new ArticleId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
