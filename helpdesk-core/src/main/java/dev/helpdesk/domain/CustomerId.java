package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** */
public record CustomerId(String value) {
  /** Longest accepted identifier, so any store can index it. */
  public static final int MAX_LENGTH = 64;

  public CustomerId {
    requireNonNull(value, "CustomerId value must not be null");
    checkArgument(
        !value.isBlank() && value.length() <= MAX_LENGTH && value.equals(value.strip()),
        "CustomerId must be 1-%s characters without surrounding blanks, got '%s'",
        MAX_LENGTH,
        value);
  }

  /** Shorthand for {@code new CustomerId(value)}. */
  public static CustomerId of(String value) {
    return new CustomerId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
