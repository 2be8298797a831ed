package dev.helpdesk.ticket;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketId;
import java.time.Instant;
import java.util.Comparator;

/**
 * A ticket's position in a department queue, and the keyset cursor for paging through it: next SLA
 * deadline first (tickets without one last), then urgency, then arrival (R7). All parts ascend, so
 * stores can index them as they are and compare row values.
 *
 * @param due the next SLA deadline, or {@link #NO_DEADLINE}
 * @param urgency 0 for {@link Priority#URGENT} up to 3 for {@link Priority#LOW}
 */
public record QueueKey(Instant due, int urgency, Instant openedAt, TicketId ticket)
    implements Comparable<QueueKey> {

  // Tickets compare by the text of their UUID: the order of CHAR(36) and uuid columns alike.

  /** Stands for "no deadline" and sorts after every real one; storable in every SQL dialect. */
  public static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  private static final Comparator<QueueKey> ORDER =
      Comparator.comparing(QueueKey::due)
          .thenComparingInt(QueueKey::urgency)
          .thenComparing(QueueKey::openedAt)
          .thenComparing(k -> k.ticket().toString());

  public QueueKey {
    requireNonNull(due, "due must not be null");
    requireNonNull(openedAt, "openedAt must not be null");
    requireNonNull(ticket, "ticket must not be null");
  }

  static QueueKey of(Ticket t) {
    return new QueueKey(
        t.sla().nextDeadline().orElse(NO_DEADLINE),
        Priority.URGENT.ordinal() - t.priority().ordinal(),
        t.openedAt(),
        t.id());
  }

  @Override
  public int compareTo(QueueKey other) {
    return ORDER.compare(this, other);
  }
}
