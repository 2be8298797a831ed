package dev.helpdesk.sla;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The SLA clocks of one ticket, kept on the ticket so deadlines can be explained and recomputed.
 *
 * @param nextDeadline the earliest pending target deadline; queues sort by it (R7)
 * @param nextCheck the earliest instant at which an SLA check has something to do (a warning or a
 *     breach); stores index it so due tickets are found without scanning
 */
public record SlaState(Optional<Instant> nextDeadline, Optional<Instant> nextCheck) {
  /** No clock running: nothing is due. */
  public static final SlaState NONE = new SlaState(Optional.empty(), Optional.empty());

  public SlaState {
    requireNonNull(nextDeadline, "nextDeadline must not be null");
    requireNonNull(nextCheck, "nextCheck must not be null");
  }
}
