package dev.helpdesk;

import static dev.helpdesk.domain.TicketStatus.CLOSED;
import static dev.helpdesk.domain.TicketStatus.MERGED;
import static dev.helpdesk.domain.TicketStatus.ON_HOLD;
import static dev.helpdesk.domain.TicketStatus.OPEN;
import static dev.helpdesk.domain.TicketStatus.RESOLUTION_PROPOSED;
import static dev.helpdesk.domain.TicketStatus.SPAM;
import static dev.helpdesk.domain.TicketStatus.WAITING_ON_CUSTOMER;

import com.google.common.collect.ImmutableTable;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketStatus;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The ticket lifecycle as data: for each action and current state, the next state. The actor kinds
 * allowed for each action are part of the table too, so "only a customer closes" (R9) is one row
 * that can be read, not a condition scattered through code.
 */
final class Lifecycle {

  /** Who may perform an action. */
  enum Kind {
    CUSTOMER,
    AGENT,
    SYSTEM;

    static Kind of(Actor actor) {
      if (actor instanceof Actor.Customer) {
        return CUSTOMER;
      }
      return actor instanceof Actor.Agent ? AGENT : SYSTEM;
    }
  }

  /** Everything a command can do to a ticket's status. */
  enum Action {
    CUSTOMER_MESSAGE("reply to", EnumSet.of(Kind.CUSTOMER, Kind.SYSTEM)),
    STAFF_MESSAGE("reply to", EnumSet.of(Kind.AGENT, Kind.SYSTEM)),
    NOTE("add a note to", EnumSet.of(Kind.AGENT, Kind.SYSTEM)),
    PROPOSE_RESOLUTION("propose a resolution for", EnumSet.of(Kind.AGENT)),
    CLOSE("close", EnumSet.of(Kind.CUSTOMER)),
    REOPEN("reopen", EnumSet.of(Kind.CUSTOMER)),
    HOLD("put on hold", EnumSet.of(Kind.AGENT)),
    RESUME("resume", EnumSet.of(Kind.AGENT, Kind.SYSTEM)),
    AWAIT_CUSTOMER("set waiting on the customer", EnumSet.of(Kind.AGENT)),
    MERGE("merge", EnumSet.of(Kind.AGENT)),
    MARK_SPAM("mark as spam", EnumSet.of(Kind.AGENT)),
    /** Assignment, transfer, escalation, priority, incident link: the status stays. */
    ROUTE("route", EnumSet.of(Kind.AGENT, Kind.SYSTEM)),
    /** Staff declare that the problem cannot be fixed, which may owe compensation (R10). */
    DECLARE_UNFIXABLE("declare unfixable", EnumSet.of(Kind.AGENT)),
    /** The customer rates a closed ticket (R13). */
    FEEDBACK("give feedback on", EnumSet.of(Kind.CUSTOMER));

    final String verb;
    final Set<Kind> allowed;

    Action(String verb, Set<Kind> allowed) {
      this.verb = verb;
      this.allowed = allowed;
    }
  }

  private static final ImmutableTable<Action, TicketStatus, TicketStatus> NEXT = table();

  private Lifecycle() {}

  private static ImmutableTable<Action, TicketStatus, TicketStatus> table() {
    ImmutableTable.Builder<Action, TicketStatus, TicketStatus> t = ImmutableTable.builder();
    for (TicketStatus s : EnumSet.of(OPEN, WAITING_ON_CUSTOMER, ON_HOLD, RESOLUTION_PROPOSED)) {
      // A customer message means the customer needs us again: back to work (R9: they are not done).
      t.put(Action.CUSTOMER_MESSAGE, s, OPEN);
      t.put(Action.CLOSE, s, CLOSED);
      t.put(Action.MERGE, s, MERGED);
      t.put(Action.MARK_SPAM, s, SPAM);
      t.put(Action.ROUTE, s, s);
      t.put(Action.DECLARE_UNFIXABLE, s, s);
      t.put(Action.NOTE, s, s);
    }
    t.put(Action.CUSTOMER_MESSAGE, CLOSED, OPEN); // within the reopen window; checked by the desk
    t.put(Action.NOTE, CLOSED, CLOSED);
    t.put(Action.FEEDBACK, CLOSED, CLOSED);
    // A public staff reply hands the turn to the customer, except where the ticket already waits.
    t.put(Action.STAFF_MESSAGE, OPEN, WAITING_ON_CUSTOMER);
    t.put(Action.STAFF_MESSAGE, WAITING_ON_CUSTOMER, WAITING_ON_CUSTOMER);
    t.put(Action.STAFF_MESSAGE, ON_HOLD, ON_HOLD);
    t.put(Action.STAFF_MESSAGE, RESOLUTION_PROPOSED, RESOLUTION_PROPOSED);
    for (TicketStatus s : EnumSet.of(OPEN, WAITING_ON_CUSTOMER, ON_HOLD)) {
      t.put(Action.PROPOSE_RESOLUTION, s, RESOLUTION_PROPOSED);
    }
    t.put(Action.REOPEN, RESOLUTION_PROPOSED, OPEN);
    t.put(Action.REOPEN, CLOSED, OPEN); // within the reopen window; checked by the desk
    t.put(Action.HOLD, OPEN, ON_HOLD);
    t.put(Action.HOLD, WAITING_ON_CUSTOMER, ON_HOLD);
    t.put(Action.RESUME, ON_HOLD, OPEN);
    t.put(Action.RESUME, WAITING_ON_CUSTOMER, OPEN);
    t.put(Action.AWAIT_CUSTOMER, OPEN, WAITING_ON_CUSTOMER);
    t.put(Action.AWAIT_CUSTOMER, ON_HOLD, WAITING_ON_CUSTOMER);
    return t.build();
  }

  /** The state after {@code action}, or empty when the table has no such transition. */
  static Optional<TicketStatus> next(Action action, TicketStatus from) {
    return Optional.ofNullable(NEXT.get(action, from));
  }

  /** Whether the actor's kind may perform the action at all. */
  static boolean allows(Action action, Actor actor) {
    return action.allowed.contains(Kind.of(actor));
  }

  /** Every (action, from, to) row, for tests and documentation. */
  static ImmutableTable<Action, TicketStatus, TicketStatus> rows() {
    return NEXT;
  }
}
