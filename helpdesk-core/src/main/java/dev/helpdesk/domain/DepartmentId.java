package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** */
public record DepartmentId(String value) {
  /** Longest accepted identifier, so any store can index it. */
  public static final int MAX_LENGTH = 64;

  public DepartmentId {
    requireNonNull(value, "DepartmentId value must not be null");
    checkArgument(
        !value.isBlank() && value.length() <= MAX_LENGTH && value.equals(value.strip()),
        "DepartmentId must be 1-%s characters without surrounding blanks, got '%s'",
        MAX_LENGTH,
        value);
  }

  /** Shorthand for {@code new DepartmentId(value)}. */
  public static DepartmentId of(String value) {
    return new DepartmentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
