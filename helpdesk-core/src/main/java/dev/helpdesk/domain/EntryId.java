package dev.helpdesk.domain;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** One entry of a ticket's thread: a public message or an internal note. */
public record EntryId(UUID value) {
  public EntryId {
    requireNonNull(value, "EntryId value must not be null");
  }

  /** Parses the canonical UUID text form, naming the bad value when it is not one. */
  public static EntryId parse(String text) {
    requireNonNull(text, "EntryId text must not be null");
    try {
      return new EntryId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("EntryId must be a UUID, got '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
