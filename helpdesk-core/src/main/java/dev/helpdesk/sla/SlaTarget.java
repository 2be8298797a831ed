package dev.helpdesk.sla;

/** The three promises an SLA policy makes about a ticket (R6). */
public enum SlaTarget {
  /** The first public staff reply after the ticket was opened. */
  FIRST_RESPONSE,
  /** A staff reply to each later customer message; one clock cycle per unanswered message. */
  NEXT_RESPONSE,
  /** The customer closing the ticket as solved. */
  RESOLUTION
}
