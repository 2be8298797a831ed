package dev.helpdesk.spi;

import dev.helpdesk.event.HelpdeskEvent;

/**
 * A plugin hook called after each commit with the command's event. A listener that throws is logged
 * and skipped: it cannot stop the desk or other listeners. For events that must not be missed
 * (compensation), use a durable listener, which is fed from the outbox with an idempotency key.
 */
@FunctionalInterface
public interface HelpdeskListener {
  /** Called once per committed event, on the thread that ran the command. */
  void onEvent(HelpdeskEvent event);
}
