package dev.helpdesk.spi;

import dev.helpdesk.event.HelpdeskEvent;

/**
 * Receives events that must not be lost, such as compensation owed (R10), from the outbox: at least
 * once, with the same {@code key} every time, so the receiver (a billing portal) credits exactly
 * once by remembering keys. Throwing means "try again later".
 */
@FunctionalInterface
public interface DurableListener {
  /** Handles one durable event; {@code key} is its idempotency key. */
  void onDurableEvent(String key, HelpdeskEvent event) throws Exception;
}
