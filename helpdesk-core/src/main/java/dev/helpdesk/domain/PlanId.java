package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** */
public record PlanId(String value) {
  /** Longest accepted identifier, so any store can index it. */
  public static final int MAX_LENGTH = 64;

  public PlanId {
    requireNonNull(value, "PlanId value must not be null");
    checkArgument(
        !value.isBlank() && value.length() <= MAX_LENGTH && value.equals(value.strip()),
        "PlanId must be 1-%s characters without surrounding blanks, got '%s'",
        MAX_LENGTH,
        value);
  }

  /** Shorthand for {@code new PlanId(value)}. */
  public static PlanId of(String value) {
    return new PlanId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
