package dev.helpdesk.sla;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.internal.SlaEngine;
import dev.helpdesk.internal.SlaSignals;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One ticket driven through the {@link SlaEngine} the way the desk would: each step builds the
 * event and the ticket after it, and keeps the resulting SLA state.
 */
final class TicketRun {
  static final TicketId ID = new TicketId(UUID.fromString("6f1c2e0a-3b7d-4a44-9d1e-0c5a7b9e2f11"));
  static final CustomerId CUSTOMER = CustomerId.of("c-42");
  static final Actor AGENT = Actor.agent(AgentId.of("a-7"));
  static final DepartmentId TECH = DepartmentId.of("tech");
  static final DepartmentId BILLING = DepartmentId.of("billing");

  private final SlaEngine engine;
  private Optional<PlanId> plan;
  private Ticket ticket;
  private SlaState state = SlaState.NONE;
  private long version;

  TicketRun(SlaEngine engine, Optional<PlanId> plan, Priority priority, DepartmentId department) {
    this.engine = engine;
    this.plan = plan;
    this.ticket = ticket(TicketStatus.OPEN, priority, department, Instant.EPOCH);
  }

  SlaState state() {
    return state;
  }

  Ticket ticket() {
    return ticket;
  }

  TicketRun open(Instant at) {
    return apply(
        at,
        ticket.status(),
        ticket.priority(),
        ticket.department(),
        new HelpdeskEvent.TicketOpened(
            ID,
            version + 1,
            Actor.customer(CUSTOMER),
            at,
            ticket.reference(),
            ticket.requester(),
            Optional.empty(),
            ticket.department(),
            ticket.priority(),
            Optional.empty(),
            Channel.WEB,
            ticket.subject(),
            Tier.L1,
            Set.of(),
            Map.of(),
            entry(),
            Optional.empty()));
  }

  TicketRun agentReplies(Instant at, TicketStatus statusAfter) {
    return message(at, AGENT, Visibility.PUBLIC, statusAfter);
  }

  TicketRun agentNote(Instant at) {
    return message(at, AGENT, Visibility.INTERNAL, ticket.status());
  }

  TicketRun customerWrites(Instant at) {
    return message(at, Actor.customer(CUSTOMER), Visibility.PUBLIC, TicketStatus.OPEN);
  }

  TicketRun mailIntakeWrites(Instant at) {
    return message(at, Actor.system("mail-intake"), Visibility.PUBLIC, TicketStatus.OPEN);
  }

  TicketRun proposeResolution(Instant at) {
    return apply(
        at,
        TicketStatus.RESOLUTION_PROPOSED,
        ticket.priority(),
        ticket.department(),
        new HelpdeskEvent.ResolutionProposed(ID, version + 1, AGENT, at, entry(), ticket.status()));
  }

  TicketRun status(Instant at, TicketStatus after) {
    return apply(
        at,
        after,
        ticket.priority(),
        ticket.department(),
        new HelpdeskEvent.StatusChanged(ID, version + 1, AGENT, at, ticket.status(), after));
  }

  TicketRun close(Instant at) {
    return apply(
        at,
        TicketStatus.CLOSED,
        ticket.priority(),
        ticket.department(),
        new HelpdeskEvent.TicketClosed(
            ID, version + 1, Actor.customer(CUSTOMER), at, ticket.status()));
  }

  TicketRun reopen(Instant at) {
    return apply(
        at,
        TicketStatus.OPEN,
        ticket.priority(),
        ticket.department(),
        new HelpdeskEvent.TicketReopened(
            ID, version + 1, Actor.customer(CUSTOMER), at, ticket.status()));
  }

  TicketRun priority(Instant at, Priority after) {
    return apply(
        at,
        ticket.status(),
        after,
        ticket.department(),
        new HelpdeskEvent.PriorityChanged(ID, version + 1, AGENT, at, ticket.priority(), after));
  }

  TicketRun transfer(Instant at, DepartmentId to) {
    return apply(
        at,
        ticket.status(),
        ticket.priority(),
        to,
        new HelpdeskEvent.TicketTransferred(
            ID, version + 1, AGENT, at, ticket.department(), to, "routing", Optional.empty()));
  }

  /** The host changed the customer's plan; it takes effect with the next event. */
  TicketRun plan(Optional<PlanId> plan) {
    this.plan = plan;
    return this;
  }

  /** Handles everything due at {@code now} and returns what was due. */
  List<SlaDue> check(Instant now) {
    List<SlaDue> due = engine.due(state, now);
    for (SlaDue each : due) {
      state = engine.handled(state, each);
    }
    return due;
  }

  private TicketRun message(Instant at, Actor actor, Visibility visibility, TicketStatus after) {
    return apply(
        at,
        after,
        ticket.priority(),
        ticket.department(),
        new HelpdeskEvent.MessagePosted(
            ID, version + 1, actor, at, entry(), visibility, ticket.status(), after));
  }

  private TicketRun apply(
      Instant at,
      TicketStatus status,
      Priority priority,
      DepartmentId department,
      HelpdeskEvent event) {
    version++;
    Ticket after = ticket(status, priority, department, at);
    state = engine.onEvent(state, SlaSignals.of(after, event), plan);
    ticket = after;
    return this;
  }

  private Ticket ticket(
      TicketStatus status, Priority priority, DepartmentId department, Instant at) {
    return new Ticket(
        ID,
        TicketRef.parse("HD-7KQ2M9AB"),
        Math.max(1, version),
        new Requester.Known(CUSTOMER),
        Optional.empty(),
        department,
        priority,
        Optional.empty(),
        Channel.WEB,
        "Site down",
        Tier.L1,
        Optional.empty(),
        status,
        Set.of(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        false,
        false,
        Instant.EPOCH,
        at,
        Optional.empty(),
        state);
  }

  private static EntryId entry() {
    return new EntryId(UUID.randomUUID());
  }
}
