package dev.helpdesk.domain;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** One server fault that many tickets are linked to (R20). */
public record IncidentId(UUID value) {
  public IncidentId {
    requireNonNull(value, "IncidentId value must not be null");
  }

  /** Parses the canonical UUID text form, naming the bad value when it is not one. */
  public static IncidentId parse(String text) {
    requireNonNull(text, "IncidentId text must not be null");
    try {
      return new IncidentId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("IncidentId must be a UUID, got '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
