package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What one run of {@link Helpdesk#runDueSlaChecks()} did on this node: warnings and breaches it
 * recorded (each exactly once across all nodes) and the tickets it looked at.
 */
public record SlaCheckResult(int ticketsChecked, int warnings, int breaches) {
  public SlaCheckResult {
    checkArgument(
        ticketsChecked >= 0 && warnings >= 0 && breaches >= 0, "counts must not be negative");
  }
}
