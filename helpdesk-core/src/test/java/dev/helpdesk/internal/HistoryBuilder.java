package dev.helpdesk.internal;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.ServiceLevelEvent;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.sla.TimeRange;
import dev.helpdesk.ticket.Ticket;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a ticket's history event by event, keeping the ticket in step the way the desk would
 * (status, department, assignee, transfers, closing time), so tests state only what happens.
 */
final class HistoryBuilder {
  static final CustomerId CUSTOMER = CustomerId.of("c-1");
  private static final AtomicLong IDS = new AtomicLong();

  /** Support open Monday to Friday, 9:00 to 17:00 UTC. */
  static final SupportHours OFFICE_HOURS = officeHours();

  private final TicketId id = new TicketId(new UUID(0, IDS.incrementAndGet()));
  private final Instant openedAt;
  private final List<HelpdeskEvent> events = new ArrayList<>();
  private DepartmentId department;
  private Optional<AgentId> assignee = Optional.empty();
  private TicketStatus status = TicketStatus.OPEN;
  private int transfers;
  private Optional<Instant> closedAt = Optional.empty();
  private Optional<String> policy = Optional.empty();
  private Instant last;

  private HistoryBuilder(String department, Instant at) {
    this.department = DepartmentId.of(department);
    this.openedAt = at;
    this.last = at;
    events.add(
        new HelpdeskEvent.TicketOpened(
            id,
            1,
            Actor.customer(CUSTOMER),
            at,
            TicketRef.parse("HD-7KQ2M9AB"),
            new Requester.Known(CUSTOMER),
            Optional.empty(),
            this.department,
            Priority.NORMAL,
            Optional.empty(),
            Channel.WEB,
            "Site down",
            Tier.L1,
            Set.of(),
            Map.of(),
            entry(),
            Optional.empty()));
  }

  static HistoryBuilder opened(String department, Instant at) {
    return new HistoryBuilder(department, at);
  }

  /** The ticket runs under a (named) SLA policy, so kept promises count as met. */
  HistoryBuilder underPolicy() {
    policy = Optional.of("standard");
    return this;
  }

  Instant lastAt() {
    return last;
  }

  TicketStatus status() {
    return status;
  }

  HistoryBuilder agentReplies(String agent, Instant at) {
    return message(agentActor(agent), at, Visibility.PUBLIC, TicketStatus.WAITING_ON_CUSTOMER);
  }

  HistoryBuilder agentNote(String agent, Instant at) {
    return message(agentActor(agent), at, Visibility.INTERNAL, status);
  }

  HistoryBuilder customerWrites(Instant at) {
    return message(Actor.customer(CUSTOMER), at, Visibility.PUBLIC, TicketStatus.OPEN);
  }

  HistoryBuilder proposes(String agent, Instant at) {
    TicketStatus before = status;
    status = TicketStatus.RESOLUTION_PROPOSED;
    return add(
        new HelpdeskEvent.ResolutionProposed(id, next(), agentActor(agent), at, entry(), before));
  }

  HistoryBuilder closes(Instant at) {
    TicketStatus before = status;
    status = TicketStatus.CLOSED;
    closedAt = Optional.of(at);
    return add(new HelpdeskEvent.TicketClosed(id, next(), Actor.customer(CUSTOMER), at, before));
  }

  HistoryBuilder reopens(Instant at) {
    TicketStatus before = status;
    setStatus(TicketStatus.OPEN);
    return add(new HelpdeskEvent.TicketReopened(id, next(), Actor.customer(CUSTOMER), at, before));
  }

  HistoryBuilder assigns(String agent, Instant at) {
    Optional<AgentId> before = assignee;
    assignee = Optional.of(AgentId.of(agent));
    return add(
        new HelpdeskEvent.TicketAssigned(id, next(), agentActor(agent), at, before, assignee));
  }

  HistoryBuilder transfers(String to, Instant at) {
    DepartmentId from = department;
    Optional<AgentId> before = assignee;
    department = DepartmentId.of(to);
    assignee = Optional.empty();
    transfers++;
    return add(
        new HelpdeskEvent.TicketTransferred(
            id, next(), Actor.system("routing"), at, from, department, "routing", before));
  }

  HistoryBuilder merged(Instant at) {
    TicketStatus before = status;
    setStatus(TicketStatus.MERGED);
    return add(
        new HelpdeskEvent.TicketMerged(
            id, next(), Actor.system("test"), at, new TicketId(new UUID(1, 1)), before));
  }

  HistoryBuilder spam(Instant at) {
    TicketStatus before = status;
    setStatus(TicketStatus.SPAM);
    return add(new HelpdeskEvent.MarkedAsSpam(id, next(), Actor.system("test"), at, before));
  }

  HistoryBuilder breach(SlaTarget target, int cycle, Instant at) {
    return add(
        new ServiceLevelEvent.SlaBreached(id, next(), Actor.system("sla"), at, target, cycle, at));
  }

  HistoryBuilder compensation(long amountMinor, String currency, Instant at) {
    return add(
        new ServiceLevelEvent.CompensationOwed(
            id,
            next(),
            Actor.system("sla"),
            at,
            CUSTOMER,
            amountMinor,
            Currency.getInstance(currency),
            "first response late",
            "comp-" + id + "-" + events.size()));
  }

  HistoryBuilder feedback(int rating, int recommend, Instant at) {
    return add(
        new ServiceLevelEvent.FeedbackReceived(
            id, next(), Actor.customer(CUSTOMER), at, rating, recommend, ""));
  }

  TicketHistory build() {
    Ticket ticket =
        new Ticket(
            id,
            TicketRef.parse("HD-7KQ2M9AB"),
            events.size(),
            new Requester.Known(CUSTOMER),
            Optional.empty(),
            department,
            Priority.NORMAL,
            Optional.empty(),
            Channel.WEB,
            "Site down",
            Tier.L1,
            assignee,
            status,
            Set.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            transfers,
            0,
            false,
            false,
            openedAt,
            last,
            closedAt,
            new SlaState(Optional.empty(), Optional.empty(), policy, List.of()));
    return new TicketHistory(ticket, events);
  }

  private HistoryBuilder message(
      Actor actor, Instant at, Visibility visibility, TicketStatus after) {
    TicketStatus before = status;
    setStatus(after);
    return add(
        new HelpdeskEvent.MessagePosted(id, next(), actor, at, entry(), visibility, before, after));
  }

  private void setStatus(TicketStatus next) {
    status = next;
    if (next != TicketStatus.CLOSED) {
      closedAt = Optional.empty();
    }
  }

  private HistoryBuilder add(HelpdeskEvent event) {
    events.add(event);
    last = event.at();
    return this;
  }

  private long next() {
    return events.size() + 1;
  }

  private static Actor agentActor(String agent) {
    return Actor.agent(AgentId.of(agent));
  }

  private static EntryId entry() {
    return new EntryId(UUID.randomUUID());
  }

  private static SupportHours officeHours() {
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
      weekly.put(day, List.of(TimeRange.of(LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }
    return SupportHours.businessHours(ZoneOffset.UTC, weekly, Set.of());
  }
}
