package dev.helpdesk.internal;

import static dev.helpdesk.internal.Tickets.AGGREGATE;
import static dev.helpdesk.internal.Tickets.ALICE;
import static dev.helpdesk.internal.Tickets.ALICE_ID;
import static dev.helpdesk.internal.Tickets.BILLING;
import static dev.helpdesk.internal.Tickets.ID;
import static dev.helpdesk.internal.Tickets.T0;
import static dev.helpdesk.internal.Tickets.TINA;
import static dev.helpdesk.internal.Tickets.TOM_ID;
import static dev.helpdesk.internal.Tickets.TOM_PROFILE;
import static dev.helpdesk.internal.Tickets.alices;
import static dev.helpdesk.internal.Tickets.at;
import static dev.helpdesk.internal.Tickets.entry;
import static dev.helpdesk.internal.Tickets.id;
import static dev.helpdesk.internal.Tickets.openedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.PriorityChanged;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link TicketAggregate#evolve} and {@link TicketAggregate#replay}: replaying a ticket's accepted
 * events gives the ticket evolved step by step, SLA clocks included (R11), and evolve refuses an
 * event out of sequence or of another ticket.
 */
class TicketEvolutionTest {

  @Test
  void opened_startsTheSlaClocks() {
    Ticket t = alices();

    assertThat(t.version()).isEqualTo(1);
    assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(t.sla()).isNotEqualTo(SlaState.NONE);
  }

  @Test
  void replay_ofTheAcceptedEvents_equalsTheTicketEvolvedStepByStep() {
    TicketOpened opened = openedEvent(ID, new Requester.Known(ALICE_ID), T0);
    List<HelpdeskEvent> history = new ArrayList<>(List.of(opened));
    Ticket stepwise = AGGREGATE.opened(opened, Optional.empty());
    List<Function<Ticket, Decision>> commands =
        List.of(
            t -> AGGREGATE.post(t, TINA, Visibility.PUBLIC, entry(1), at(Duration.ofMinutes(10))),
            t -> AGGREGATE.post(t, ALICE, Visibility.PUBLIC, entry(2), at(Duration.ofMinutes(20))),
            t -> AGGREGATE.changePriority(t, TINA, Priority.HIGH, at(Duration.ofMinutes(30))),
            t -> AGGREGATE.escalate(t, TINA, Tier.of(2), "hard", at(Duration.ofMinutes(40))),
            t -> AGGREGATE.transfer(t, TINA, BILLING, "invoice", at(Duration.ofMinutes(50))),
            t ->
                AGGREGATE.assign(
                    t, TINA, TOM_ID, Optional.of(TOM_PROFILE), at(Duration.ofMinutes(60))),
            t -> AGGREGATE.changeStatus(t, TINA, Action.HOLD, at(Duration.ofHours(2))),
            t -> AGGREGATE.changeStatus(t, TINA, Action.RESUME, at(Duration.ofHours(3))),
            t -> AGGREGATE.proposeResolution(t, TINA, entry(3), at(Duration.ofHours(4))),
            t -> AGGREGATE.close(t, ALICE, at(Duration.ofHours(5))),
            t -> AGGREGATE.feedback(t, ALICE, 4, 8, "ok", at(Duration.ofHours(6))),
            t -> AGGREGATE.reopen(t, ALICE, at(Duration.ofDays(2))),
            t -> AGGREGATE.close(t, ALICE, at(Duration.ofDays(3))));

    for (Function<Ticket, Decision> command : commands) {
      List<HelpdeskEvent> events = command.apply(stepwise).eventsOrThrow();
      history.addAll(events);
      stepwise = AGGREGATE.evolve(stepwise, events, Optional.empty());
    }

    assertThat(stepwise.version()).isEqualTo(commands.size() + 1);
    assertThat(stepwise.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(stepwise.reopens()).isEqualTo(1);
    assertThat(stepwise.transfers()).isEqualTo(1);
    assertThat(stepwise.assignee()).contains(TOM_ID);
    assertThat(AGGREGATE.replay(history, Optional.empty())).isEqualTo(stepwise);
  }

  @Test
  void evolve_refusesAnEventWhoseVersionDoesNotFollow() {
    Ticket t = alices();
    Instant now = at(Duration.ofMinutes(1));
    PriorityChanged skipping =
        new PriorityChanged(ID, 3, TINA, now, Priority.NORMAL, Priority.HIGH);
    PriorityChanged repeating =
        new PriorityChanged(ID, 1, TINA, now, Priority.NORMAL, Priority.HIGH);

    assertThatThrownBy(() -> AGGREGATE.evolve(t, skipping, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event version 3 does not follow ticket version 1");
    assertThatThrownBy(() -> AGGREGATE.evolve(t, repeating, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void evolve_refusesAnEventOfAnotherTicket() {
    PriorityChanged foreign =
        new PriorityChanged(
            id(9), 2, TINA, at(Duration.ofMinutes(1)), Priority.NORMAL, Priority.HIGH);

    assertThatThrownBy(() -> AGGREGATE.evolve(alices(), foreign, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event for " + id(9) + " applied to " + ID);
  }

  @Test
  void evolve_refusesASecondTicketOpened() {
    TicketOpened again =
        new TicketOpened(
            ID,
            2,
            ALICE,
            at(Duration.ofMinutes(1)),
            alices().reference(),
            alices().requester(),
            Optional.empty(),
            alices().department(),
            Priority.NORMAL,
            Optional.empty(),
            alices().channel(),
            "again",
            Tier.L1,
            Set.of(),
            Map.of(),
            entry(5),
            Optional.empty());

    assertThatThrownBy(() -> AGGREGATE.evolve(alices(), again, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void replay_ofAHistoryNotStartingWithTicketOpened_throws() {
    PriorityChanged first = new PriorityChanged(ID, 1, TINA, T0, Priority.NORMAL, Priority.HIGH);

    assertThatThrownBy(() -> AGGREGATE.replay(List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AGGREGATE.replay(List.of(first), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with TicketOpened");
  }
}
