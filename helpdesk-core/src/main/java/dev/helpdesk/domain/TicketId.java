package dev.helpdesk.domain;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The internal, stable identity of a ticket; customers see the {@link TicketRef} instead. */
public record TicketId(UUID value) {
  public TicketId {
    requireNonNull(value, "TicketId value must not be null");
  }

  /** Parses the canonical UUID text form, naming the bad value when it is not one. */
  public static TicketId parse(String text) {
    requireNonNull(text, "TicketId text must not be null");
    try {
      return new TicketId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TicketId must be a UUID, got '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
