package dev.helpdesk.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.ResolutionProposed;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.sla.SlaSignal;
import dev.helpdesk.ticket.Ticket;

/**
 * Which SLA clock rule a ticket event triggers: a public staff reply or resolution proposal stops
 * the response clocks, a public message from anyone else (the customer, or intake acting for them)
 * may start a next-response cycle.
 */
public final class SlaSignals {
  private SlaSignals() {}

  /** The signal of {@code event}, which produced {@code after}. */
  public static SlaSignal of(Ticket after, HelpdeskEvent event) {
    requireNonNull(after, "after must not be null");
    requireNonNull(event, "event must not be null");
    checkArgument(
        event.ticket().equals(after.id()),
        "event of ticket %s does not belong to ticket %s",
        event.ticket(),
        after.id());
    return new SlaSignal(
        kind(event), event.at(), after.department(), after.priority(), after.status());
  }

  private static SlaSignal.Kind kind(HelpdeskEvent event) {
    if (event instanceof TicketOpened) {
      return SlaSignal.Kind.OPENED;
    }
    boolean agent = event.actor() instanceof Actor.Agent;
    boolean publicMessage =
        event instanceof MessagePosted message && message.visibility() == Visibility.PUBLIC;
    if (agent && (publicMessage || event instanceof ResolutionProposed)) {
      return SlaSignal.Kind.STAFF_REPLY;
    }
    return !agent && publicMessage ? SlaSignal.Kind.CUSTOMER_MESSAGE : SlaSignal.Kind.OTHER;
  }
}
