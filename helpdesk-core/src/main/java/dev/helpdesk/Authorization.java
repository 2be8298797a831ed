package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.Lifecycle.Action;
import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.ticket.Ticket;

/**
 * Who may do what, decided in core from the host's directory (R4, R5, R9): customers reach their
 * own tickets (or their organization's, when the directory allows it), agents the departments
 * granted to them, and only the requester decides their problem is solved. Every refusal names
 * actor, action and ticket.
 */
final class Authorization {
  private final Directory directory;

  Authorization(Directory directory) {
    this.directory = directory;
  }

  /**
   * The actor's kind may perform the action (the lifecycle table) and the actor sees the ticket.
   */
  void command(Ticket t, Actor actor, Action action) {
    if (!Lifecycle.allows(action, actor)) {
      throw new ActionNotPermittedException(
          actor, action.verb, t.reference().value(), "only " + action.allowed + " may");
    }
    see(t, actor, action.verb);
  }

  /** Whether the actor may see the ticket at all: own or organization's, or the department's. */
  void see(Ticket t, Actor actor, String verb) {
    requireNonNull(actor, "actor must not be null");
    if (actor instanceof Actor.Customer c) {
      CustomerProfile profile = customer(c, verb + " " + t.reference());
      boolean own = t.customer().filter(c.id()::equals).isPresent();
      boolean organization =
          profile.seesOrganizationTickets()
              && profile.organization().isPresent()
              && profile.organization().equals(t.organization());
      if (!own && !organization) {
        throw new ActionNotPermittedException(
            actor, verb, t.reference().value(), "not their ticket");
      }
    } else if (actor instanceof Actor.Agent) {
      AgentProfile agent = agent(actor, verb + " " + t.reference());
      if (!agent.reaches(t.department())) {
        throw new ActionNotPermittedException(
            actor, verb, t.reference().value(), "department " + t.department() + " is not theirs");
      }
    }
  }

  void open(Actor actor, Requester requester, DepartmentId department) {
    if (actor instanceof Actor.Customer c) {
      customer(c, "open a ticket");
      if (!requester.equals(new Requester.Known(c.id()))) {
        throw new ActionNotPermittedException(
            actor, "open", "for " + requester, "customers open tickets for themselves");
      }
    } else if (actor instanceof Actor.Agent) {
      if (!agent(actor, "open a ticket").reaches(department)) {
        throw new ActionNotPermittedException(
            actor, "open", "in " + department, "not their department");
      }
    }
  }

  void requester(Ticket t, Actor actor, Action action) {
    boolean requester =
        actor instanceof Actor.Customer c && t.customer().filter(c.id()::equals).isPresent();
    if (!requester) {
      throw new ActionNotPermittedException(
          actor,
          action.verb,
          t.reference().value(),
          "only the customer who asked decides it is solved");
    }
  }

  CustomerProfile customer(Actor.Customer c, String action) {
    return directory
        .customer(c.id())
        .orElseThrow(() -> new ActionNotPermittedException(c, action, "-", "unknown customer"));
  }

  AgentProfile agent(Actor actor, String action) {
    requireNonNull(actor, "actor must not be null");
    if (!(actor instanceof Actor.Agent a)) {
      throw new ActionNotPermittedException(actor, action, "-", "staff only");
    }
    return directory
        .agent(a.id())
        .orElseThrow(() -> new ActionNotPermittedException(actor, action, "-", "unknown agent"));
  }
}
