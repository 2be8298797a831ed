package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.util.List;

/**
 * A ticket as one actor may see it: a customer gets the public thread only (R4), staff get internal
 * notes too.
 */
public record TicketView(Ticket ticket, List<ThreadEntry> thread) {
  public TicketView {
    requireNonNull(ticket, "ticket must not be null");
    thread = ImmutableList.copyOf(thread);
  }
}
