package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketRef;

/**
 * The command that moves a ticket to another department, with the reason kept in the trail (R8).
 */
public record Transfer(TicketRef ticket, Actor actor, DepartmentId to, String reason) {
  public Transfer {
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(actor, "actor must not be null");
    requireNonNull(to, "to must not be null");
    Checks.reason(reason);
  }
}
