package dev.helpdesk.sla;

/**
 * What the desk does, besides recording it, when a target is breached: configured per target on the
 * desk's builder.
 */
public enum BreachAction {
  /** Move the ticket one tier up (L1 to L2 ...), which unassigns it. */
  RAISE_TIER,
  /** Assign the ticket to its department's lead. */
  REASSIGN_TO_LEAD,
  /** Send the department's lead a staff alert. */
  NOTIFY_LEAD
}
