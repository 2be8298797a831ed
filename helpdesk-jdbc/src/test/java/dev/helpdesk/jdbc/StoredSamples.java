package dev.helpdesk.jdbc;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
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
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.event.ServiceLevelEvent.SlaWarningReached;
import dev.helpdesk.sla.ClockAction;
import dev.helpdesk.sla.ClockMark;
import dev.helpdesk.sla.SlaClock;
import dev.helpdesk.sla.SlaDue;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.AttachmentRef;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One fixed instance of every document the store writes, named as its golden fixture is. The values
 * are chosen to exercise the stored format: text needing escapes, empty and present optionals,
 * empty and non-empty collections, every id record and every sealed subtype.
 */
final class StoredSamples {
  static final TicketId TICKET =
      new TicketId(UUID.fromString("6f1d2c3b-0a4e-4f5a-9b8c-7d6e5f4a3b2c"));
  static final TicketRef REF = new TicketRef("HD-7KQ2M9XA");
  static final Instant AT = Instant.parse("2026-03-14T09:26:53.589793Z");
  static final Instant CLOSED_AT = AT.plusSeconds(3600);
  static final Actor ALICE = Actor.customer(CustomerId.of("c-42"));
  static final Actor BOB = Actor.agent(AgentId.of("agent-bob"));
  static final Actor SLA = Actor.system("sla");
  static final EntryId ENTRY = new EntryId(UUID.fromString("0e0e0e0e-1111-4222-8333-444455556666"));
  static final IncidentId INCIDENT =
      new IncidentId(UUID.fromString("a1a2a3a4-b1b2-4c1c-8d1d-e1e2e3e4e5e6"));
  static final TicketId OTHER =
      new TicketId(UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"));

  private StoredSamples() {}

  /** One event of every type, keyed by the fixture name (the event's type id). */
  static Map<String, HelpdeskEvent> events() {
    return ImmutableMap.<String, HelpdeskEvent>builder()
        .put(
            "TicketOpened",
            new TicketOpened(
                TICKET,
                1,
                ALICE,
                AT,
                REF,
                new Requester.Known(CustomerId.of("c-42")),
                Optional.of(OrganizationId.of("acme")),
                DepartmentId.of("billing"),
                Priority.HIGH,
                Optional.of(Category.of("invoices")),
                Channel.EMAIL,
                "Invoice \"March\" is wrong – 2× charged 💸",
                Tier.L1,
                ImmutableSet.of("cc@acme.example", "boss@acme.example"),
                ImmutableMap.of("contract", "K-9", "region", "EU"),
                ENTRY,
                Optional.empty()))
        .put(
            "MessagePosted",
            new MessagePosted(
                TICKET,
                2,
                BOB,
                AT.plusSeconds(60),
                ENTRY,
                Visibility.INTERNAL,
                TicketStatus.OPEN,
                TicketStatus.OPEN))
        .put(
            "ResolutionProposed",
            new ResolutionProposed(TICKET, 3, BOB, AT, ENTRY, TicketStatus.OPEN))
        .put(
            "TicketClosed",
            new TicketClosed(TICKET, 4, ALICE, CLOSED_AT, TicketStatus.RESOLUTION_PROPOSED))
        .put("TicketReopened", new TicketReopened(TICKET, 5, ALICE, AT, TicketStatus.CLOSED))
        .put(
            "StatusChanged",
            new StatusChanged(TICKET, 6, BOB, AT, TicketStatus.OPEN, TicketStatus.ON_HOLD))
        .put(
            "TicketAssigned",
            new TicketAssigned(
                TICKET, 7, BOB, AT, Optional.empty(), Optional.of(AgentId.of("agent-bob"))))
        .put(
            "TicketTransferred",
            new TicketTransferred(
                TICKET,
                8,
                BOB,
                AT,
                DepartmentId.of("billing"),
                DepartmentId.of("tech"),
                "needs a developer",
                Optional.of(AgentId.of("agent-bob"))))
        .put(
            "TicketEscalated",
            new TicketEscalated(
                TICKET, 9, SLA, AT, Tier.L1, Tier.of(2), "breach", Optional.empty()))
        .put(
            "PriorityChanged",
            new PriorityChanged(TICKET, 10, BOB, AT, Priority.NORMAL, Priority.URGENT))
        .put(
            "TicketMerged",
            new TicketMerged(TICKET, 11, BOB, AT, OTHER, TicketStatus.WAITING_ON_CUSTOMER))
        .put("MarkedAsSpam", new MarkedAsSpam(TICKET, 12, BOB, AT, TicketStatus.OPEN))
        .put(
            "IncidentLinked",
            new IncidentLinked(TICKET, 13, BOB, AT, Optional.empty(), Optional.of(INCIDENT)))
        .put(
            "SlaWarningReached",
            new SlaWarningReached(
                TICKET, 14, SLA, AT, SlaTarget.FIRST_RESPONSE, 1, AT.plusSeconds(60)))
        .put("SlaBreached", new SlaBreached(TICKET, 15, SLA, AT, SlaTarget.NEXT_RESPONSE, 2, AT))
        .put(
            "CompensationOwed",
            new CompensationOwed(
                TICKET,
                16,
                BOB,
                CLOSED_AT.minusSeconds(1),
                CustomerId.of("c-42"),
                250,
                Currency.getInstance("EUR"),
                "the problem cannot be fixed",
                "compensation:unfixable:" + TICKET))
        .put(
            "FeedbackReceived",
            new FeedbackReceived(
                TICKET, 17, ALICE, CLOSED_AT.plusSeconds(5), 4, 9, "quick, thanks"))
        .buildOrThrow();
  }

  /**
   * A closed ticket whose customer rated it after closing and whose unfixable problem was
   * compensated, as the events above say: what reading a format-1 row of it must give.
   */
  static Ticket ticket() {
    return new Ticket(
        TICKET,
        REF,
        17,
        new Requester.Unknown("stranger@example.org"),
        Optional.of(OrganizationId.of("acme")),
        DepartmentId.of("billing"),
        Priority.URGENT,
        Optional.of(Category.of("refunds")),
        Channel.WEB,
        "Refund\tplease\n\u0000\u001f\\ \u2028 ünïcödé 𝄞",
        Tier.of(3),
        Optional.of(AgentId.of("agent-bob")),
        TicketStatus.CLOSED,
        ImmutableSet.of("z@example.org", "a@example.org"),
        ImmutableMap.of("z", "last", "a", "first", "", "empty key"),
        Optional.of(INCIDENT),
        Optional.empty(),
        Optional.of(OTHER),
        2,
        1,
        true,
        true,
        AT,
        CLOSED_AT.plusSeconds(5),
        Optional.of(CLOSED_AT),
        new SlaState(
            Optional.of(AT.plus(Duration.ofHours(4))),
            Optional.of(AT.plus(Duration.ofHours(4))),
            Optional.of("gold"),
            List.of(
                new SlaClock(
                    SlaTarget.FIRST_RESPONSE,
                    1,
                    List.of(
                        new ClockMark(ClockAction.START, AT),
                        new ClockMark(ClockAction.PAUSE, AT.plusSeconds(30)),
                        new ClockMark(ClockAction.RESUME, AT.plusSeconds(60))),
                    Optional.of(AT.plusSeconds(1)),
                    Optional.of(AT.plus(Duration.ofHours(4))),
                    ImmutableSet.of(SlaDue.Kind.WARNING)))));
  }

  static ThreadEntry threadEntry() {
    return new ThreadEntry(
        ENTRY,
        TICKET,
        AT,
        ALICE,
        Visibility.PUBLIC,
        Channel.EMAIL,
        "Hello,\r\n> quoted \"text\"\n",
        List.of(new AttachmentRef("ab".repeat(32), "invoice (1).pdf", "application/pdf", 12345)),
        Optional.of("<m1@mail.example>"));
  }

  /** One payload of every outbox payload type, keyed by the fixture name. */
  static Map<String, OutboxMessage.Payload> outboxPayloads() {
    return ImmutableMap.of(
        "Notification",
        new Notification(
            Notification.Kind.STAFF_REPLY,
            TICKET,
            REF,
            "alice@example.org",
            "Alice Ä.",
            "[HD-7KQ2M9XA] Re: Invoice",
            "Dear Alice,\n\nfixed.",
            Optional.of(ENTRY)),
        "DurableEvent",
        new OutboxMessage.DurableEvent(events().get("TicketEscalated")));
  }

  static Incident incident() {
    return new Incident(
        INCIDENT, "Mail outage", AgentId.of("agent-bob"), AT, Optional.of(AT.plusSeconds(7200)));
  }

  static ReplyTemplate replyTemplate() {
    return new ReplyTemplate("thanks", "Thank you, {{customer_name}}!");
  }

  /**
   * Every document with its fixture name, events under {@code event/}, payloads under {@code
   * outbox/}.
   */
  static Map<String, Object> documents() {
    ImmutableMap.Builder<String, Object> all = ImmutableMap.builder();
    events().forEach((name, e) -> all.put("event/" + name, e));
    outboxPayloads().forEach((name, p) -> all.put("outbox/" + name, p));
    all.put("ticket", ticket());
    all.put("thread-entry", threadEntry());
    all.put("incident", incident());
    all.put("reply-template", replyTemplate());
    return all.buildOrThrow();
  }
}
