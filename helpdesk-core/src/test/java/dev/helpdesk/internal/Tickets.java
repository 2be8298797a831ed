package dev.helpdesk.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.helpdesk.domain.Tier;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Tickets built from events alone for the aggregate's tests: opened with {@link
 * TicketAggregate#opened} and driven with {@link TicketAggregate#evolve}, no store, no directory.
 */
final class Tickets {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration REOPEN_WINDOW = Duration.ofDays(14);
  static final TicketAggregate AGGREGATE =
      new TicketAggregate(
          new SlaEngine(SlaPolicies.defaults(SupportHours.always())), REOPEN_WINDOW);

  static final DepartmentId TECH = DepartmentId.of("tech");
  static final DepartmentId BILLING = DepartmentId.of("billing");
  static final CustomerId ALICE_ID = CustomerId.of("alice");
  static final CustomerId BOB_ID = CustomerId.of("bob");
  static final Actor.Customer ALICE = Actor.customer(ALICE_ID);
  static final Actor.Customer BOB = Actor.customer(BOB_ID);
  static final AgentId TINA_ID = AgentId.of("tina");
  static final AgentId TOM_ID = AgentId.of("tom");
  static final Actor.Agent TINA = Actor.agent(TINA_ID);
  static final Actor.Agent TOM = Actor.agent(TOM_ID);
  static final Actor SLA = Actor.system("sla");
  static final Actor INTAKE = Actor.system("mail-intake");

  /** Tina works in tech at L1. */
  static final AgentProfile TINA_PROFILE =
      new AgentProfile(TINA_ID, "Tina", "tina@desk.example", Set.of(TECH), Tier.L1);

  /** Tom works in tech and billing at L2. */
  static final AgentProfile TOM_PROFILE =
      new AgentProfile(TOM_ID, "Tom", "tom@desk.example", Set.of(TECH, BILLING), Tier.of(2));

  static final TicketId ID = id(1);

  private Tickets() {}

  static TicketId id(int n) {
    return new TicketId(new UUID(0x6f1c2e0a3b7d4a44L, n));
  }

  static EntryId entry(int n) {
    return new EntryId(new UUID(0x0e17e17e17e17e17L, n));
  }

  /** The event that opens ticket {@code id} of {@code requester} in tech at {@code at}. */
  static TicketOpened openedEvent(TicketId id, Requester requester, Instant at) {
    Actor by = requester instanceof Requester.Known k ? Actor.customer(k.customer()) : INTAKE;
    return new TicketOpened(
        id,
        1,
        by,
        at,
        TicketRef.random(new SplittableRandom(id.value().getLeastSignificantBits())),
        requester,
        Optional.empty(),
        TECH,
        Priority.NORMAL,
        Optional.empty(),
        Channel.WEB,
        "Site down",
        Tier.L1,
        Set.of(),
        Map.of(),
        entry(0),
        Optional.empty());
  }

  static Ticket open(TicketId id, Requester requester, Instant at) {
    return AGGREGATE.opened(openedEvent(id, requester, at), Optional.empty());
  }

  /** Alice's ticket {@link #ID}, opened at {@link #T0}. */
  static Ticket alices() {
    return open(ID, new Requester.Known(ALICE_ID), T0);
  }

  /** A ticket from a sender the directory does not know, opened at {@link #T0}. */
  static Ticket strangers() {
    return open(ID, new Requester.Unknown("stranger@example.net"), T0);
  }

  /** The ticket after the decision, which must be accepted. */
  static Ticket apply(Ticket t, Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return AGGREGATE.evolve(t, decision.eventsOrThrow(), Optional.empty());
  }

  /** The one event of an accepted decision. */
  static HelpdeskEvent onlyEvent(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    List<HelpdeskEvent> events = decision.eventsOrThrow();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  /** The reason of a refused decision. */
  static RuntimeException refusal(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Refused.class);
    return ((Decision.Refused) decision).reason();
  }

  static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }
}
