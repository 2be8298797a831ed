package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.IncidentLinked;
import dev.helpdesk.event.HelpdeskEvent.MarkedAsSpam;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.PriorityChanged;
import dev.helpdesk.event.HelpdeskEvent.ResolutionProposed;
import dev.helpdesk.event.HelpdeskEvent.StatusChanged;
import dev.helpdesk.event.HelpdeskEvent.TicketAssigned;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketEscalated;
import dev.helpdesk.event.HelpdeskEvent.TicketMerged;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.event.ServiceLevelEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Ticket;
import java.util.Optional;

/**
 * How each event changes a ticket's lifecycle fields. The desk applies the event it just decided,
 * so the stored ticket is by construction what replaying its events gives (R11); the desk adds the
 * SLA clocks, which also depend on the policy in force.
 */
final class TicketEvolution {
  private TicketEvolution() {}

  static Ticket opened(TicketOpened e) {
    return new Ticket(
        e.ticket(),
        e.reference(),
        e.version(),
        e.requester(),
        e.organization(),
        e.department(),
        e.priority(),
        e.category(),
        e.channel(),
        e.subject(),
        e.tier(),
        Optional.empty(),
        TicketStatus.OPEN,
        e.participants(),
        e.customFields(),
        Optional.empty(),
        Optional.empty(),
        e.previous(),
        0,
        0,
        false,
        false,
        e.at(),
        e.at(),
        Optional.empty(),
        SlaState.NONE);
  }

  /** The once-key of the credit owed when staff declare a ticket's problem unfixable (R10). */
  static String unfixableKey(TicketId ticket) {
    return "compensation:unfixable:" + ticket;
  }

  /** The ticket after {@code e}, which must be the event right after {@code t}'s version. */
  static Ticket apply(Ticket t, HelpdeskEvent e) {
    checkArgument(e.ticket().equals(t.id()), "event for %s applied to %s", e.ticket(), t.id());
    checkArgument(
        e.version() == t.version() + 1,
        "event version %s does not follow ticket version %s",
        e.version(),
        t.version());
    Builder b = new Builder(t, e);
    if (e instanceof MessagePosted m) {
      b.status(m.statusAfter());
      if (m.statusBefore() == TicketStatus.CLOSED) {
        b.reopens++;
      }
    } else if (e instanceof ResolutionProposed) {
      b.status(TicketStatus.RESOLUTION_PROPOSED);
    } else if (e instanceof TicketClosed) {
      b.status(TicketStatus.CLOSED);
      b.closedAt = Optional.of(e.at());
      b.feedbackGiven = false;
    } else if (e instanceof TicketReopened r) {
      b.status(TicketStatus.OPEN);
      if (r.statusBefore() == TicketStatus.CLOSED) {
        b.reopens++;
      }
    } else if (e instanceof StatusChanged s) {
      b.status(s.after());
    } else if (e instanceof TicketAssigned a) {
      b.assignee = a.after();
    } else if (e instanceof TicketTransferred tr) {
      b.department = tr.to();
      b.assignee = Optional.empty();
      b.transfers++;
    } else if (e instanceof TicketEscalated es) {
      b.tier = es.to();
      b.assignee = Optional.empty();
    } else if (e instanceof PriorityChanged p) {
      b.priority = p.after();
    } else if (e instanceof TicketMerged m) {
      b.status(TicketStatus.MERGED);
      b.mergedInto = Optional.of(m.into());
    } else if (e instanceof MarkedAsSpam) {
      b.status(TicketStatus.SPAM);
    } else if (e instanceof IncidentLinked l) {
      b.incident = l.after();
    } else if (e instanceof FeedbackReceived) {
      b.feedbackGiven = true;
    } else if (e instanceof CompensationOwed c && c.idempotencyKey().equals(unfixableKey(t.id()))) {
      b.unfixableCompensated = true;
    } else if (e instanceof TicketOpened) {
      throw new IllegalArgumentException("ticket " + t.id() + " is already open");
    } else if (!(e instanceof ServiceLevelEvent)) {
      throw new IllegalArgumentException("unknown event " + e.getClass().getName());
    }
    return b.build();
  }

  /** Collects the changed fields of one application; everything else is copied. */
  private static final class Builder {
    private final Ticket t;
    private final HelpdeskEvent e;
    DepartmentId department;
    Priority priority;
    Tier tier;
    Optional<AgentId> assignee;
    TicketStatus status;
    Optional<IncidentId> incident;
    Optional<TicketId> mergedInto;
    int transfers;
    int reopens;
    boolean feedbackGiven;
    boolean unfixableCompensated;
    Optional<java.time.Instant> closedAt;

    Builder(Ticket t, HelpdeskEvent e) {
      this.t = t;
      this.e = e;
      department = t.department();
      priority = t.priority();
      tier = t.tier();
      assignee = t.assignee();
      status = t.status();
      incident = t.incident();
      mergedInto = t.mergedInto();
      transfers = t.transfers();
      reopens = t.reopens();
      feedbackGiven = t.feedbackGiven();
      unfixableCompensated = t.unfixableCompensated();
      closedAt = t.closedAt();
    }

    void status(TicketStatus next) {
      status = next;
      if (next != TicketStatus.CLOSED) {
        closedAt = Optional.empty();
      }
    }

    Ticket build() {
      return new Ticket(
          t.id(),
          t.reference(),
          e.version(),
          t.requester(),
          t.organization(),
          department,
          priority,
          t.category(),
          t.channel(),
          t.subject(),
          tier,
          assignee,
          status,
          t.participants(),
          t.customFields(),
          incident,
          mergedInto,
          t.previous(),
          transfers,
          reopens,
          feedbackGiven,
          unfixableCompensated,
          t.openedAt(),
          e.at(),
          closedAt,
          t.sla());
    }
  }
}
