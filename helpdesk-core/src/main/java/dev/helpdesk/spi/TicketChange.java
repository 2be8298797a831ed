package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.util.List;
import java.util.Set;

/**
 * The outcome of one command on one ticket, stored atomically by {@link TicketStore#commit}.
 *
 * @param expectedVersion the version the command read (0 when the ticket is new)
 * @param onceKeys keys that must never have been stored before (for example one SLA breach per
 *     ticket, target and cycle); a repeated key fails the whole commit, which is what makes such
 *     things happen once across nodes; each 1-{@value #ONCE_KEY_MAX} characters and not blank, so
 *     that every store can index it
 */
public record TicketChange(
    Ticket ticket,
    long expectedVersion,
    List<ThreadEntry> entries,
    List<HelpdeskEvent> events,
    List<OutboxMessage> outbox,
    Set<String> onceKeys) {
  /** The longest once-key, in characters. */
  public static final int ONCE_KEY_MAX = 200;

  public TicketChange {
    requireNonNull(ticket, "ticket must not be null");
    checkArgument(
        ticket.version() > expectedVersion,
        "ticket version %s must be above expected version %s",
        ticket.version(),
        expectedVersion);
    entries = ImmutableList.copyOf(entries);
    events = ImmutableList.copyOf(events);
    outbox = ImmutableList.copyOf(outbox);
    onceKeys = ImmutableSet.copyOf(onceKeys);
    for (String key : onceKeys) {
      checkArgument(
          !key.isBlank() && key.length() <= ONCE_KEY_MAX,
          "once-key must be 1-%s characters and not blank, got '%s' (%s characters)",
          ONCE_KEY_MAX,
          key,
          key.length());
    }
    for (ThreadEntry e : entries) {
      checkArgument(e.ticket().equals(ticket.id()), "entry %s belongs to another ticket", e.id());
    }
    for (HelpdeskEvent e : events) {
      checkArgument(e.ticket().equals(ticket.id()), "event %s belongs to another ticket", e);
    }
  }
}
