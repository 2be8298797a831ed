package dev.helpdesk.testing;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Builds tickets, entries and changes for store tests directly, without a desk, so a store adapter
 * can be tested on its own. Times are truncated to microseconds, the precision stores keep.
 */
public final class Tickets {
  private final Random random;

  /** A builder whose ids and references come from a seeded generator, so failures repeat. */
  public Tickets(long seed) {
    this.random = new Random(seed);
  }

  /** Truncates to the microsecond precision every store keeps. */
  public static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** A fresh open ticket (version 1) of a customer in a department. */
  public Ticket open(String customer, String department, Instant openedAt) {
    TicketId id = new TicketId(new UUID(random.nextLong(), random.nextLong()));
    Instant at = micros(openedAt);
    return new Ticket(
        id,
        TicketRef.random(random),
        1,
        new Requester.Known(CustomerId.of(customer)),
        Optional.empty(),
        DepartmentId.of(department),
        Priority.NORMAL,
        Optional.empty(),
        Channel.WEB,
        "Subject of " + id,
        Tier.L1,
        Optional.empty(),
        TicketStatus.OPEN,
        Set.of(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        false,
        false,
        at,
        at,
        Optional.empty(),
        SlaState.NONE);
  }

  /** The same ticket in an organization. */
  public static Ticket inOrganization(Ticket t, String organization) {
    return copy(
        t,
        t.version(),
        t.status(),
        t.priority(),
        Optional.of(OrganizationId.of(organization)),
        t.sla(),
        t.incident());
  }

  /** The next version of a ticket with another status. */
  public static Ticket withStatus(Ticket t, TicketStatus status) {
    return copy(t, t.version() + 1, status, t.priority(), t.organization(), t.sla(), t.incident());
  }

  /** The next version of a ticket with another priority. */
  public static Ticket withPriority(Ticket t, Priority priority) {
    return copy(t, t.version() + 1, t.status(), priority, t.organization(), t.sla(), t.incident());
  }

  /** The next version of a ticket with other SLA clocks. */
  public static Ticket withSla(Ticket t, SlaState sla) {
    return copy(t, t.version() + 1, t.status(), t.priority(), t.organization(), sla, t.incident());
  }

  /** The next version of a ticket linked to an incident. */
  public static Ticket withIncident(Ticket t, dev.helpdesk.domain.IncidentId incident) {
    return copy(
        t,
        t.version() + 1,
        t.status(),
        t.priority(),
        t.organization(),
        t.sla(),
        Optional.of(incident));
  }

  private static Ticket copy(
      Ticket t,
      long version,
      TicketStatus status,
      Priority priority,
      Optional<OrganizationId> organization,
      SlaState sla,
      Optional<dev.helpdesk.domain.IncidentId> incident) {
    return new Ticket(
        t.id(),
        t.reference(),
        version,
        t.requester(),
        organization,
        t.department(),
        priority,
        t.category(),
        t.channel(),
        t.subject(),
        t.tier(),
        t.assignee(),
        status,
        t.participants(),
        t.customFields(),
        incident,
        t.mergedInto(),
        t.previous(),
        t.transfers(),
        t.reopens(),
        t.feedbackGiven(),
        t.unfixableCompensated(),
        t.openedAt(),
        t.updatedAt(),
        t.closedAt(),
        sla);
  }

  /** A public customer message on a ticket. */
  public ThreadEntry message(Ticket t, String body, Optional<String> messageId) {
    requireNonNull(t, "t must not be null");
    return new ThreadEntry(
        new EntryId(new UUID(random.nextLong(), random.nextLong())),
        t.id(),
        t.updatedAt(),
        t.customer().<Actor>map(Actor::customer).orElse(Actor.system("test")),
        Visibility.PUBLIC,
        Channel.EMAIL,
        body,
        List.of(),
        messageId);
  }

  /** The event that records a version change, for changes that need one. */
  public static HelpdeskEvent statusEvent(Ticket before, Ticket after) {
    return new HelpdeskEvent.StatusChanged(
        after.id(),
        after.version(),
        Actor.system("test"),
        after.updatedAt(),
        before.status(),
        after.status());
  }

  /** A change creating the ticket with only its opening recorded. */
  public static TicketChange create(Ticket t) {
    return new TicketChange(t, 0, List.of(), List.of(), List.of(), Set.of());
  }

  /** A change moving {@code before} to {@code after} with a status event. */
  public static TicketChange update(Ticket before, Ticket after) {
    return new TicketChange(
        after,
        before.version(),
        List.of(),
        List.of(statusEvent(before, after)),
        List.of(),
        Set.of());
  }
}
