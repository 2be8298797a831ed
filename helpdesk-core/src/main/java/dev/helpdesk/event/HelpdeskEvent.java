package dev.helpdesk.event;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Something that happened to a ticket: who ({@link #actor()}), what (the record type and its
 * before/after fields) and when ({@link #at()}). Each accepted command yields exactly one event;
 * {@link #version()} is the ticket's version after it, so a ticket's events are totally ordered.
 * Listeners are called after commit.
 */
public sealed interface HelpdeskEvent
    permits HelpdeskEvent.TicketOpened,
        HelpdeskEvent.MessagePosted,
        HelpdeskEvent.ResolutionProposed,
        HelpdeskEvent.TicketClosed,
        HelpdeskEvent.TicketReopened,
        HelpdeskEvent.StatusChanged,
        HelpdeskEvent.TicketAssigned,
        HelpdeskEvent.TicketTransferred,
        HelpdeskEvent.TicketEscalated,
        HelpdeskEvent.PriorityChanged,
        HelpdeskEvent.TicketMerged,
        HelpdeskEvent.MarkedAsSpam,
        HelpdeskEvent.IncidentLinked,
        ServiceLevelEvent {

  /** The ticket the event belongs to. */
  TicketId ticket();

  /** The ticket's version after this event. */
  long version();

  /** Who caused the event. */
  Actor actor();

  /** When it happened, by the desk's clock. */
  Instant at();

  /** A ticket was opened; {@code entry} is its first message. */
  record TicketOpened(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      TicketRef reference,
      Requester requester,
      Optional<OrganizationId> organization,
      DepartmentId department,
      Priority priority,
      Optional<Category> category,
      Channel channel,
      String subject,
      Tier tier,
      Set<String> participants,
      Map<String, String> customFields,
      EntryId entry,
      Optional<TicketId> previous)
      implements HelpdeskEvent {
    public TicketOpened {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** A public message or an internal note was added; a customer message may reopen the ticket. */
  record MessagePosted(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      EntryId entry,
      Visibility visibility,
      TicketStatus statusBefore,
      TicketStatus statusAfter)
      implements HelpdeskEvent {
    public MessagePosted {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** Staff proposed a resolution; only the customer can accept it by closing. */
  record ResolutionProposed(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      EntryId entry,
      TicketStatus statusBefore)
      implements HelpdeskEvent {
    public ResolutionProposed {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The customer closed the ticket: their problem is solved (R9). */
  record TicketClosed(
      TicketId ticket, long version, Actor actor, Instant at, TicketStatus statusBefore)
      implements HelpdeskEvent {
    public TicketClosed {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The customer reopened a closed or proposed ticket. */
  record TicketReopened(
      TicketId ticket, long version, Actor actor, Instant at, TicketStatus statusBefore)
      implements HelpdeskEvent {
    public TicketReopened {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** Staff put the ticket on hold, resumed it, or set it to wait on the customer. */
  record StatusChanged(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      TicketStatus before,
      TicketStatus after)
      implements HelpdeskEvent {
    public StatusChanged {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The assignee changed (empty means unassigned). */
  record TicketAssigned(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      Optional<AgentId> before,
      Optional<AgentId> after)
      implements HelpdeskEvent {
    public TicketAssigned {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The ticket moved to another department (R8); it becomes unassigned. */
  record TicketTransferred(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      DepartmentId from,
      DepartmentId to,
      String reason,
      Optional<AgentId> assigneeBefore)
      implements HelpdeskEvent {
    public TicketTransferred {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The ticket moved to another tier (R8); it becomes unassigned. */
  record TicketEscalated(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      Tier from,
      Tier to,
      String reason,
      Optional<AgentId> assigneeBefore)
      implements HelpdeskEvent {
    public TicketEscalated {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The priority changed; SLA deadlines follow. */
  record PriorityChanged(
      TicketId ticket, long version, Actor actor, Instant at, Priority before, Priority after)
      implements HelpdeskEvent {
    public PriorityChanged {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** Staff merged this duplicate into a surviving ticket (the one staff exception to R9). */
  record TicketMerged(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      TicketId into,
      TicketStatus statusBefore)
      implements HelpdeskEvent {
    public TicketMerged {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** Staff marked a ticket from a sender unknown to the directory as spam. */
  record MarkedAsSpam(
      TicketId ticket, long version, Actor actor, Instant at, TicketStatus statusBefore)
      implements HelpdeskEvent {
    public MarkedAsSpam {
      Events.requireCommon(ticket, version, actor, at);
    }
  }

  /** The ticket was linked to an incident, or unlinked when {@code after} is empty (R20). */
  record IncidentLinked(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      Optional<IncidentId> before,
      Optional<IncidentId> after)
      implements HelpdeskEvent {
    public IncidentLinked {
      Events.requireCommon(ticket, version, actor, at);
    }
  }
}
