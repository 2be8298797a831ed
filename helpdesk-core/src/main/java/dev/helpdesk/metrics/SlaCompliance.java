package dev.helpdesk.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.OptionalDouble;

/**
 * How often one SLA promise was kept: counted in clock cycles (one per ticket for first response
 * and resolution, one per answered customer message for next response).
 *
 * @param met cycles whose promise was fulfilled without a breach
 * @param breached cycles with an {@code SlaBreached} event
 */
public record SlaCompliance(long met, long breached) {
  /** Nothing decided yet. */
  public static final SlaCompliance NONE = new SlaCompliance(0, 0);

  public SlaCompliance {
    checkArgument(met >= 0, "met must not be negative, got %s", met);
    checkArgument(breached >= 0, "breached must not be negative, got %s", breached);
  }

  /** The share of decided cycles that met the promise, in [0, 1]; empty when none was decided. */
  public OptionalDouble rate() {
    long decided = met + breached;
    return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) met / decided);
  }

  /** The counts of this and {@code other} together. */
  public SlaCompliance plus(SlaCompliance other) {
    return new SlaCompliance(met + other.met, breached + other.breached);
  }
}
