package dev.helpdesk.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.ticket.Ticket;
import java.util.List;

/**
 * A ticket as it is now together with its events, the input of {@link SupportMetrics}: the ticket
 * says where it stands, the events say how it got there.
 *
 * @param events the ticket's events in version order (strictly increasing versions)
 */
public record TicketHistory(Ticket ticket, List<HelpdeskEvent> events) {
  public TicketHistory {
    requireNonNull(ticket, "ticket must not be null");
    events = ImmutableList.copyOf(events);
    long version = 0;
    for (HelpdeskEvent event : events) {
      checkArgument(
          event.ticket().equals(ticket.id()),
          "event of ticket %s in the history of ticket %s",
          event.ticket(),
          ticket.id());
      checkArgument(
          event.version() > version,
          "events must be in version order, got version %s after %s",
          event.version(),
          version);
      version = event.version();
    }
  }
}
