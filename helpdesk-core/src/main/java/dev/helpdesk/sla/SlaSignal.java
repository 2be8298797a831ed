package dev.helpdesk.sla;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketStatus;
import java.time.Instant;

/**
 * What one ticket event means for the ticket's SLA clocks: which clock rule it triggers, when, and
 * the department, priority and status the ticket has after it (which select the policy and say
 * which clocks run). The desk derives it from the event, so the SLA computation needs neither
 * tickets nor events.
 */
public record SlaSignal(
    Kind kind, Instant at, DepartmentId department, Priority priority, TicketStatus status) {

  /** The clock rule an event triggers. */
  public enum Kind {
    /** The ticket was opened: first response and resolution start. */
    OPENED,
    /** A public staff reply or a proposed resolution: first and next response stop. */
    STAFF_REPLY,
    /** A public message from the customer side: a next-response cycle may start. */
    CUSTOMER_MESSAGE,
    /** Anything else: only the status and the policy may change the clocks. */
    OTHER
  }

  public SlaSignal {
    requireNonNull(kind, "kind must not be null");
    requireNonNull(at, "at must not be null");
    requireNonNull(department, "department must not be null");
    requireNonNull(priority, "priority must not be null");
    requireNonNull(status, "status must not be null");
  }
}
