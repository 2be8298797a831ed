package dev.helpdesk.domain;

/**
 * The lifecycle states of a ticket. Only the customer moves a ticket to {@link #CLOSED}; staff may
 * propose a resolution, merge a duplicate or mark mail from an unknown sender as spam.
 */
public enum TicketStatus {
  OPEN,
  WAITING_ON_CUSTOMER,
  ON_HOLD,
  RESOLUTION_PROPOSED,
  CLOSED,
  MERGED,
  SPAM;

  /** True for the states in which a ticket is work in a department's queue. */
  public boolean isWorkQueue() {
    return this == OPEN || this == ON_HOLD;
  }

  /** True for states no longer expecting anything from anyone. */
  public boolean isFinal() {
    return this == CLOSED || this == MERGED || this == SPAM;
  }
}
