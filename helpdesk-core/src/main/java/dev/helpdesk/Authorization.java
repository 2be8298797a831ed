package dev.helpdesk;

import static java.util.Objects.requireNonNull;

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
 * granted to them; customers never read staff-only views. Which actor kinds may perform which
 * command is the lifecycle table's rule, and only the requester closing is the aggregate's. Every
 * refusal names actor, action and ticket.
 */
final class Authorization {
  private final Directory directory;

  Authorization(Directory directory) {
    this.directory = directory;
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

  /** Staff and the system only: customers may not {@code verb} {@code what}. */
  void staff(Actor actor, String verb, String what) {
    requireNonNull(actor, "actor must not be null");
    if (actor instanceof Actor.Customer) {
      throw new ActionNotPermittedException(actor, verb, what, "staff only");
    }
  }

  /** A staff-only view of the ticket: not for customers, and only for staff who reach it. */
  void staffSee(Ticket t, Actor actor, String verb) {
    staff(actor, verb, t.reference().value());
    see(t, actor, verb);
  }

  /** Agents who reach the department, and the system, read its queue. */
  void queue(Actor actor, DepartmentId department) {
    requireNonNull(actor, "actor must not be null");
    if (actor instanceof Actor.Agent) {
      if (!agent(actor, "read the queue of " + department).reaches(department)) {
        throw new ActionNotPermittedException(
            actor, "read the queue of", department.value(), "not their department");
      }
    } else if (!(actor instanceof Actor.System)) {
      throw new ActionNotPermittedException(
          actor, "read the queue of", department.value(), "staff only");
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
