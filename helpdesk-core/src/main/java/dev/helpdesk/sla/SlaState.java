package dev.helpdesk.sla;

import java.time.Instant;
import java.util.Optional;

/**
 * The SLA clocks of one ticket, kept on the ticket so deadlines can be explained and recomputed.
 * The earliest pending deadline is indexed by stores to find due tickets without scanning.
 */
public record SlaState(Optional<Instant> nextDeadline) {
  /** No clock running: nothing is due. */
  public static final SlaState NONE = new SlaState(Optional.empty());

  public SlaState {
    java.util.Objects.requireNonNull(nextDeadline, "nextDeadline must not be null");
  }
}
