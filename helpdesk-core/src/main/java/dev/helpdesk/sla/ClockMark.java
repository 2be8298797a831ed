package dev.helpdesk.sla;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One entry of an SLA clock's history, kept so deadlines can be explained and recomputed. */
public record ClockMark(ClockAction action, Instant at) {
  public ClockMark {
    requireNonNull(action, "action must not be null");
    requireNonNull(at, "at must not be null");
  }
}
