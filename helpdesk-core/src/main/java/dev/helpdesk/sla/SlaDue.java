package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A warning or breach of one clock cycle that is due and not yet handled.
 *
 * @param dueAt when it became due: the warning instant, or the deadline for a breach
 * @param deadline the clock's deadline
 */
public record SlaDue(SlaTarget target, int cycle, Kind kind, Instant dueAt, Instant deadline) {
  /** A warning comes at the policy's fraction of the target; a breach at the deadline. */
  public enum Kind {
    WARNING,
    BREACH
  }

  public SlaDue {
    requireNonNull(target, "target must not be null");
    checkArgument(cycle >= 1, "cycle must be at least 1, got %s", cycle);
    requireNonNull(kind, "kind must not be null");
    requireNonNull(dueAt, "dueAt must not be null");
    requireNonNull(deadline, "deadline must not be null");
  }
}
