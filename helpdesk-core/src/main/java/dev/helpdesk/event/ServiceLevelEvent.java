package dev.helpdesk.event;

/**
 * Events of the service level: SLA warnings and breaches, compensation owed, customer feedback.
 * Kept apart from the lifecycle events so the SLA machinery can grow without touching them.
 */
public sealed interface ServiceLevelEvent extends HelpdeskEvent
    permits ServiceLevelEvent.Placeholder {
  /** Stands in until the SLA events exist; never instantiated. */
  record Placeholder(
      dev.helpdesk.TicketId ticket, long version, dev.helpdesk.Actor actor, java.time.Instant at)
      implements ServiceLevelEvent {}
}
