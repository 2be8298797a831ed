package dev.helpdesk.internal;

import static dev.helpdesk.internal.Tickets.AGGREGATE;
import static dev.helpdesk.internal.Tickets.ALICE;
import static dev.helpdesk.internal.Tickets.ALICE_ID;
import static dev.helpdesk.internal.Tickets.BILLING;
import static dev.helpdesk.internal.Tickets.BOB;
import static dev.helpdesk.internal.Tickets.BOB_ID;
import static dev.helpdesk.internal.Tickets.ID;
import static dev.helpdesk.internal.Tickets.INTAKE;
import static dev.helpdesk.internal.Tickets.REOPEN_WINDOW;
import static dev.helpdesk.internal.Tickets.SLA;
import static dev.helpdesk.internal.Tickets.T0;
import static dev.helpdesk.internal.Tickets.TECH;
import static dev.helpdesk.internal.Tickets.TINA;
import static dev.helpdesk.internal.Tickets.TINA_ID;
import static dev.helpdesk.internal.Tickets.TINA_PROFILE;
import static dev.helpdesk.internal.Tickets.TOM_ID;
import static dev.helpdesk.internal.Tickets.TOM_PROFILE;
import static dev.helpdesk.internal.Tickets.alices;
import static dev.helpdesk.internal.Tickets.apply;
import static dev.helpdesk.internal.Tickets.at;
import static dev.helpdesk.internal.Tickets.entry;
import static dev.helpdesk.internal.Tickets.id;
import static dev.helpdesk.internal.Tickets.onlyEvent;
import static dev.helpdesk.internal.Tickets.open;
import static dev.helpdesk.internal.Tickets.refusal;
import static dev.helpdesk.internal.Tickets.strangers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.IllegalTransitionException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
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
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The ticket aggregate's decisions, one command at a time, on tickets built from events alone: the
 * exact event each command causes from a valid state, and each refusal (actor kind, missing
 * transition, requester only, reopen window, merge, assignment, routing and once-only rules).
 */
class TicketAggregateTest {
  private static final Instant NOW = at(Duration.ofHours(1));
  private static final Compensation CREDIT =
      new Compensation(500, Currency.getInstance("EUR"), "unfixable problem");
  private static final IncidentId INCIDENT =
      new IncidentId(UUID.fromString("0b6c7d2e-1f4a-4b5c-8d9e-0a1b2c3d4e5f"));

  /** Alice's ticket, closed by her at {@link #NOW}. */
  private static Ticket closedByAlice() {
    return apply(alices(), AGGREGATE.close(alices(), ALICE, NOW));
  }

  @Nested
  class AcceptedCommands {

    @Test
    void customerMessage_onOpenTicket_keepsItOpen() {
      Decision d = AGGREGATE.post(alices(), ALICE, Visibility.PUBLIC, entry(1), NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new MessagePosted(
                  ID,
                  2,
                  ALICE,
                  NOW,
                  entry(1),
                  Visibility.PUBLIC,
                  TicketStatus.OPEN,
                  TicketStatus.OPEN));
    }

    @Test
    void staffReply_onOpenTicket_handsTheTurnToTheCustomer() {
      Decision d = AGGREGATE.post(alices(), TINA, Visibility.PUBLIC, entry(1), NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new MessagePosted(
                  ID,
                  2,
                  TINA,
                  NOW,
                  entry(1),
                  Visibility.PUBLIC,
                  TicketStatus.OPEN,
                  TicketStatus.WAITING_ON_CUSTOMER));
      assertThat(apply(alices(), d).status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
    }

    @Test
    void internalNote_keepsTheStatus() {
      Ticket waiting =
          apply(alices(), AGGREGATE.changeStatus(alices(), TINA, Action.AWAIT_CUSTOMER, T0));

      Decision d = AGGREGATE.post(waiting, TINA, Visibility.INTERNAL, entry(1), NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new MessagePosted(
                  ID,
                  3,
                  TINA,
                  NOW,
                  entry(1),
                  Visibility.INTERNAL,
                  TicketStatus.WAITING_ON_CUSTOMER,
                  TicketStatus.WAITING_ON_CUSTOMER));
    }

    @Test
    void intakeMessage_onAStrangersTicket_isCustomerSide() {
      Ticket waiting =
          apply(strangers(), AGGREGATE.post(strangers(), TINA, Visibility.PUBLIC, entry(1), T0));

      Decision d = AGGREGATE.post(waiting, INTAKE, Visibility.PUBLIC, entry(2), NOW);

      assertThat(TicketAggregate.messageAction(waiting, INTAKE, Visibility.PUBLIC))
          .isEqualTo(Action.CUSTOMER_MESSAGE);
      assertThat(TicketAggregate.messageAction(alices(), INTAKE, Visibility.PUBLIC))
          .isEqualTo(Action.STAFF_MESSAGE);
      assertThat(onlyEvent(d))
          .isEqualTo(
              new MessagePosted(
                  ID,
                  3,
                  INTAKE,
                  NOW,
                  entry(2),
                  Visibility.PUBLIC,
                  TicketStatus.WAITING_ON_CUSTOMER,
                  TicketStatus.OPEN));
    }

    @Test
    void customerMessage_onClosedTicketWithinTheWindow_reopensIt() {
      Ticket closed = closedByAlice();
      Instant later = NOW.plus(Duration.ofDays(3));

      Decision d = AGGREGATE.post(closed, ALICE, Visibility.PUBLIC, entry(1), later);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new MessagePosted(
                  ID,
                  3,
                  ALICE,
                  later,
                  entry(1),
                  Visibility.PUBLIC,
                  TicketStatus.CLOSED,
                  TicketStatus.OPEN));
      Ticket reopened = apply(closed, d);
      assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
      assertThat(reopened.reopens()).isEqualTo(1);
      assertThat(reopened.closedAt()).isEmpty();
    }

    @Test
    void proposeResolution_fromOpen() {
      Decision d = AGGREGATE.proposeResolution(alices(), TINA, entry(1), NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(new ResolutionProposed(ID, 2, TINA, NOW, entry(1), TicketStatus.OPEN));
      assertThat(apply(alices(), d).status()).isEqualTo(TicketStatus.RESOLUTION_PROPOSED);
    }

    @Test
    void close_byTheRequestingCustomer() {
      Decision d = AGGREGATE.close(alices(), ALICE, NOW);

      assertThat(onlyEvent(d)).isEqualTo(new TicketClosed(ID, 2, ALICE, NOW, TicketStatus.OPEN));
      Ticket closed = apply(alices(), d);
      assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
      assertThat(closed.closedAt()).contains(NOW);
    }

    @Test
    void reopen_aProposedResolution() {
      Ticket proposed = apply(alices(), AGGREGATE.proposeResolution(alices(), TINA, entry(1), T0));

      Decision d = AGGREGATE.reopen(proposed, ALICE, NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(new TicketReopened(ID, 3, ALICE, NOW, TicketStatus.RESOLUTION_PROPOSED));
      Ticket reopened = apply(proposed, d);
      assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
      assertThat(reopened.reopens()).isZero();
    }

    @Test
    void reopen_aClosedTicket_atTheLastInstantOfTheWindow() {
      Ticket closed = closedByAlice();
      Instant lastInstant = NOW.plus(REOPEN_WINDOW);

      Decision d = AGGREGATE.reopen(closed, ALICE, lastInstant);

      assertThat(onlyEvent(d))
          .isEqualTo(new TicketReopened(ID, 3, ALICE, lastInstant, TicketStatus.CLOSED));
      assertThat(apply(closed, d).reopens()).isEqualTo(1);
    }

    @Test
    void changeStatus_holdResumeAndAwaitCustomer() {
      Decision hold = AGGREGATE.changeStatus(alices(), TINA, Action.HOLD, NOW);
      assertThat(onlyEvent(hold))
          .isEqualTo(new StatusChanged(ID, 2, TINA, NOW, TicketStatus.OPEN, TicketStatus.ON_HOLD));
      Ticket onHold = apply(alices(), hold);

      Decision await = AGGREGATE.changeStatus(onHold, TINA, Action.AWAIT_CUSTOMER, NOW);
      assertThat(onlyEvent(await))
          .isEqualTo(
              new StatusChanged(
                  ID, 3, TINA, NOW, TicketStatus.ON_HOLD, TicketStatus.WAITING_ON_CUSTOMER));
      Ticket waiting = apply(onHold, await);

      Decision resume = AGGREGATE.changeStatus(waiting, SLA, Action.RESUME, NOW);
      assertThat(onlyEvent(resume))
          .isEqualTo(
              new StatusChanged(
                  ID, 4, SLA, NOW, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.OPEN));
    }

    @Test
    void merge_theNewerDuplicateIntoTheOlderTicketOfTheSameRequester() {
      Ticket duplicate = open(id(2), new Requester.Known(ALICE_ID), at(Duration.ofMinutes(5)));

      Decision d = AGGREGATE.merge(duplicate, TINA, alices(), NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(new TicketMerged(id(2), 2, TINA, NOW, ID, TicketStatus.OPEN));
      Ticket merged = apply(duplicate, d);
      assertThat(merged.status()).isEqualTo(TicketStatus.MERGED);
      assertThat(merged.mergedInto()).contains(ID);
    }

    @Test
    void merge_ofTicketsOpenedAtTheSameInstant_goesIntoTheSmallerId() {
      Ticket first = open(id(1), new Requester.Known(ALICE_ID), T0);
      Ticket second = open(id(2), new Requester.Known(ALICE_ID), T0);

      assertThat(AGGREGATE.merge(second, TINA, first, NOW)).isInstanceOf(Decision.Accepted.class);
      assertThat(refusal(AGGREGATE.merge(first, TINA, second, NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("merge the newer ticket into the older one");
    }

    @Test
    void markSpam_ofAStrangersTicket() {
      Decision d = AGGREGATE.markSpam(strangers(), TINA, NOW);

      assertThat(onlyEvent(d)).isEqualTo(new MarkedAsSpam(ID, 2, TINA, NOW, TicketStatus.OPEN));
      assertThat(apply(strangers(), d).status()).isEqualTo(TicketStatus.SPAM);
    }

    @Test
    void assign_thenUnassign() {
      Decision assign = AGGREGATE.assign(alices(), TINA, TINA_ID, Optional.of(TINA_PROFILE), NOW);
      assertThat(onlyEvent(assign))
          .isEqualTo(new TicketAssigned(ID, 2, TINA, NOW, Optional.empty(), Optional.of(TINA_ID)));
      Ticket assigned = apply(alices(), assign);
      assertThat(assigned.assignee()).contains(TINA_ID);

      Decision unassign = AGGREGATE.unassign(assigned, SLA, NOW);
      assertThat(onlyEvent(unassign))
          .isEqualTo(new TicketAssigned(ID, 3, SLA, NOW, Optional.of(TINA_ID), Optional.empty()));
      assertThat(apply(assigned, unassign).assignee()).isEmpty();
    }

    @Test
    void transfer_toAnotherDepartment_clearsTheAssignee() {
      Ticket assigned =
          apply(alices(), AGGREGATE.assign(alices(), TINA, TOM_ID, Optional.of(TOM_PROFILE), T0));

      Decision d = AGGREGATE.transfer(assigned, TINA, BILLING, "invoice question", NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new TicketTransferred(
                  ID, 3, TINA, NOW, TECH, BILLING, "invoice question", Optional.of(TOM_ID)));
      Ticket transferred = apply(assigned, d);
      assertThat(transferred.department()).isEqualTo(BILLING);
      assertThat(transferred.assignee()).isEmpty();
      assertThat(transferred.transfers()).isEqualTo(1);
    }

    @Test
    void escalate_toAnotherTier() {
      Decision d = AGGREGATE.escalate(alices(), TINA, Tier.of(2), "needs L2", NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new TicketEscalated(
                  ID, 2, TINA, NOW, Tier.L1, Tier.of(2), "needs L2", Optional.empty()));
      assertThat(apply(alices(), d).tier()).isEqualTo(Tier.of(2));
    }

    @Test
    void changePriority_toAnotherPriority_movesTheSlaDeadlines() {
      Decision d = AGGREGATE.changePriority(alices(), TINA, Priority.URGENT, NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(new PriorityChanged(ID, 2, TINA, NOW, Priority.NORMAL, Priority.URGENT));
      Ticket urgent = apply(alices(), d);
      assertThat(urgent.priority()).isEqualTo(Priority.URGENT);
      assertThat(urgent.sla()).isNotEqualTo(alices().sla());
    }

    @Test
    void linkIncident_thenUnlink() {
      Decision link = AGGREGATE.linkIncident(alices(), TINA, Optional.of(INCIDENT), NOW);
      assertThat(onlyEvent(link))
          .isEqualTo(new IncidentLinked(ID, 2, TINA, NOW, Optional.empty(), Optional.of(INCIDENT)));
      Ticket linked = apply(alices(), link);
      assertThat(linked.incident()).contains(INCIDENT);

      Decision unlink = AGGREGATE.linkIncident(linked, TINA, Optional.empty(), NOW);
      assertThat(onlyEvent(unlink))
          .isEqualTo(new IncidentLinked(ID, 3, TINA, NOW, Optional.of(INCIDENT), Optional.empty()));
      assertThat(apply(linked, unlink).incident()).isEmpty();
    }

    @Test
    void declareUnfixable_owesTheCreditOnceKeyedByTicket() {
      Decision d = AGGREGATE.declareUnfixable(alices(), TINA, Optional.of(CREDIT), "EOL", NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(
              new CompensationOwed(
                  ID,
                  2,
                  TINA,
                  NOW,
                  ALICE_ID,
                  500,
                  Currency.getInstance("EUR"),
                  "unfixable problem: EOL",
                  "compensation:unfixable:" + ID));
      Ticket compensated = apply(alices(), d);
      assertThat(compensated.unfixableCompensated()).isTrue();
      assertThat(compensated.status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void feedback_onAClosedTicket_byTheRequester() {
      Ticket closed = closedByAlice();

      Decision d = AGGREGATE.feedback(closed, ALICE, 5, 9, "quick and kind", NOW);

      assertThat(onlyEvent(d))
          .isEqualTo(new FeedbackReceived(ID, 3, ALICE, NOW, 5, 9, "quick and kind"));
      assertThat(apply(closed, d).feedbackGiven()).isTrue();
      assertThat(TicketAggregate.feedbackKey(closed)).isEqualTo("feedback:" + ID + ":" + NOW);
    }
  }

  @Nested
  class Refusals {

    @Test
    void agentClosing_isNotPermitted() {
      RuntimeException reason = refusal(AGGREGATE.close(alices(), TINA, NOW));

      assertThat(reason)
          .isInstanceOf(ActionNotPermittedException.class)
          .hasMessageContaining("agent:tina may not close");
    }

    @Test
    void systemReopeningOrProposing_isNotPermitted() {
      Ticket proposed = apply(alices(), AGGREGATE.proposeResolution(alices(), TINA, entry(1), T0));

      assertThat(refusal(AGGREGATE.reopen(proposed, SLA, NOW)))
          .isInstanceOf(ActionNotPermittedException.class);
      assertThat(refusal(AGGREGATE.proposeResolution(alices(), SLA, entry(2), NOW)))
          .isInstanceOf(ActionNotPermittedException.class);
      assertThat(refusal(AGGREGATE.changeStatus(alices(), ALICE, Action.HOLD, NOW)))
          .isInstanceOf(ActionNotPermittedException.class);
    }

    @Test
    void actionWithoutTransitionFromTheStatus_isAnIllegalTransition() {
      Ticket onHold = apply(alices(), AGGREGATE.changeStatus(alices(), TINA, Action.HOLD, T0));
      Ticket closed = closedByAlice();

      assertThat(refusal(AGGREGATE.changeStatus(onHold, TINA, Action.HOLD, NOW)))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("in state ON_HOLD");
      assertThat(refusal(AGGREGATE.changeStatus(alices(), TINA, Action.RESUME, NOW)))
          .isInstanceOf(IllegalTransitionException.class);
      assertThat(refusal(AGGREGATE.post(closed, TINA, Visibility.PUBLIC, entry(1), NOW)))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("in state CLOSED");
      assertThat(refusal(AGGREGATE.reopen(alices(), ALICE, NOW)))
          .isInstanceOf(IllegalTransitionException.class);
      assertThat(refusal(AGGREGATE.feedback(alices(), ALICE, 4, 8, "", NOW)))
          .isInstanceOf(IllegalTransitionException.class);
      assertThat(refusal(AGGREGATE.assign(closed, TINA, TINA_ID, Optional.of(TINA_PROFILE), NOW)))
          .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anotherCustomer_mayNotCloseReopenOrGiveFeedback() {
      Ticket closed = closedByAlice();
      Ticket proposed = apply(alices(), AGGREGATE.proposeResolution(alices(), TINA, entry(1), T0));

      assertThat(refusal(AGGREGATE.close(alices(), BOB, NOW)))
          .isInstanceOf(ActionNotPermittedException.class)
          .hasMessageContaining("only the customer who asked");
      assertThat(refusal(AGGREGATE.reopen(proposed, BOB, NOW)))
          .isInstanceOf(ActionNotPermittedException.class)
          .hasMessageContaining("only the customer who asked");
      assertThat(refusal(AGGREGATE.feedback(closed, BOB, 1, 0, "", NOW)))
          .isInstanceOf(ActionNotPermittedException.class)
          .hasMessageContaining("only the customer who asked");
    }

    @Test
    void noCustomer_mayCloseAStrangersTicket() {
      assertThat(refusal(AGGREGATE.close(strangers(), ALICE, NOW)))
          .isInstanceOf(ActionNotPermittedException.class);
    }

    @Test
    void reopen_afterTheWindow_isRefused_andACustomerMessageNeedsAFollowUp() {
      Ticket closed = closedByAlice();
      Instant within = NOW.plus(REOPEN_WINDOW);
      Instant after = within.plusNanos(1000);

      assertThat(refusal(AGGREGATE.reopen(closed, ALICE, after)))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("the reopen window has passed");
      assertThat(refusal(AGGREGATE.post(closed, ALICE, Visibility.PUBLIC, entry(1), after)))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("the reopen window has passed");
      assertThat(AGGREGATE.needsFollowUp(closed, ALICE, Visibility.PUBLIC, after)).isTrue();
      assertThat(AGGREGATE.needsFollowUp(closed, ALICE, Visibility.PUBLIC, within)).isFalse();
      assertThat(AGGREGATE.needsFollowUp(closed, TINA, Visibility.PUBLIC, after)).isFalse();
      assertThat(AGGREGATE.needsFollowUp(closed, TINA, Visibility.INTERNAL, after)).isFalse();
      assertThat(AGGREGATE.needsFollowUp(alices(), ALICE, Visibility.PUBLIC, after)).isFalse();
    }

    @Test
    void merge_intoItself_isRefused() {
      assertThat(refusal(AGGREGATE.merge(alices(), TINA, alices(), NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("into itself");
    }

    @Test
    void merge_ofTheOlderIntoTheNewer_isRefused() {
      Ticket newer = open(id(2), new Requester.Known(ALICE_ID), at(Duration.ofMinutes(5)));

      assertThat(refusal(AGGREGATE.merge(alices(), TINA, newer, NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("merge the newer ticket into the older one");
    }

    @Test
    void merge_intoATicketOfAnotherRequester_isRefused() {
      Ticket bobs = open(id(2), new Requester.Known(BOB_ID), at(Duration.ofMinutes(5)));

      assertThat(refusal(AGGREGATE.merge(bobs, TINA, alices(), NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("same requester");
    }

    @Test
    void merge_intoAFinalTicket_isAnIllegalTransition() {
      Ticket duplicate = open(id(2), new Requester.Known(ALICE_ID), at(Duration.ofMinutes(5)));

      assertThat(refusal(AGGREGATE.merge(duplicate, TINA, closedByAlice(), NOW)))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("merge into")
          .hasMessageContaining("in state CLOSED");
    }

    @Test
    void assign_toAnUnknownAgent_isRefused() {
      assertThat(refusal(AGGREGATE.assign(alices(), TINA, TOM_ID, Optional.empty(), NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown agent 'tom'");
    }

    @Test
    void assign_toAnAgentOfAnotherDepartment_isRefused() {
      Ticket billing = apply(alices(), AGGREGATE.transfer(alices(), TINA, BILLING, "invoice", T0));

      assertThat(refusal(AGGREGATE.assign(billing, TINA, TINA_ID, Optional.of(TINA_PROFILE), NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not work in department billing");
      assertThat(AGGREGATE.assign(billing, TINA, TOM_ID, Optional.of(TOM_PROFILE), NOW))
          .isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void assign_toAnAgentOfALowerTier_isRefused() {
      Ticket l2 = apply(alices(), AGGREGATE.escalate(alices(), TINA, Tier.of(2), "hard", T0));

      assertThat(refusal(AGGREGATE.assign(l2, TINA, TINA_ID, Optional.of(TINA_PROFILE), NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("works at");
      assertThat(AGGREGATE.assign(l2, TINA, TOM_ID, Optional.of(TOM_PROFILE), NOW))
          .isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void transferEscalateAndPriority_toTheSameValue_areRefused() {
      assertThat(refusal(AGGREGATE.transfer(alices(), TINA, TECH, "again", NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already in department tech");
      assertThat(refusal(AGGREGATE.escalate(alices(), TINA, Tier.L1, "again", NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already at");
      assertThat(refusal(AGGREGATE.changePriority(alices(), TINA, Priority.NORMAL, NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already has priority NORMAL");
    }

    @Test
    void unlink_withoutALink_isRefused() {
      assertThat(refusal(AGGREGATE.linkIncident(alices(), TINA, Optional.empty(), NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("linked to no incident");
    }

    @Test
    void markSpam_ofAKnownCustomersTicket_isNotPermitted() {
      assertThat(refusal(AGGREGATE.markSpam(alices(), TINA, NOW)))
          .isInstanceOf(ActionNotPermittedException.class)
          .hasMessageContaining("the requester is a known customer");
    }

    @Test
    void declareUnfixable_withoutAKnownCustomer_isRefused() {
      assertThat(
              refusal(AGGREGATE.declareUnfixable(strangers(), TINA, Optional.of(CREDIT), "x", NOW)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no known customer to compensate");
    }

    @Test
    void declareUnfixable_withoutCredit_isRefused() {
      assertThat(refusal(AGGREGATE.declareUnfixable(alices(), TINA, Optional.empty(), "x", NOW)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("owes nothing");
    }

    @Test
    void declareUnfixable_twice_isRefusedOnceTheFirstCreditIsEvolved() {
      Ticket compensated =
          apply(alices(), AGGREGATE.declareUnfixable(alices(), TINA, Optional.of(CREDIT), "x", T0));

      assertThat(
              refusal(AGGREGATE.declareUnfixable(compensated, TINA, Optional.of(CREDIT), "y", NOW)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already declared unfixable");
    }

    @Test
    void feedback_twiceAfterOneClosure_isRefused_butAllowedAgainAfterReopenAndClose() {
      Ticket closed = closedByAlice();
      Ticket rated = apply(closed, AGGREGATE.feedback(closed, ALICE, 2, 3, "meh", NOW));

      assertThat(refusal(AGGREGATE.feedback(rated, ALICE, 5, 10, "again", NOW)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already given since it was closed");

      Instant later = NOW.plus(Duration.ofDays(1));
      Ticket reopened = apply(rated, AGGREGATE.reopen(rated, ALICE, later));
      Ticket closedAgain = apply(reopened, AGGREGATE.close(reopened, ALICE, later));
      assertThat(closedAgain.feedbackGiven()).isFalse();
      assertThat(onlyEvent(AGGREGATE.feedback(closedAgain, ALICE, 5, 10, "fixed now", later)))
          .isEqualTo(new FeedbackReceived(ID, 6, ALICE, later, 5, 10, "fixed now"));
    }

    @Test
    void changeStatus_withANonStatusAction_throws() {
      assertThatThrownBy(() -> AGGREGATE.changeStatus(alices(), TINA, Action.CLOSE, NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a status action: CLOSE");
      assertThatThrownBy(() -> AGGREGATE.changeStatus(alices(), TINA, Action.ROUTE, NOW))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullArguments_throw() {
      assertThatThrownBy(() -> AGGREGATE.close(null, ALICE, NOW))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> AGGREGATE.close(alices(), null, NOW))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> AGGREGATE.close(alices(), ALICE, null))
          .isInstanceOf(NullPointerException.class);
    }
  }
}
