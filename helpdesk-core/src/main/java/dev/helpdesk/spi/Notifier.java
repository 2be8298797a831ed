package dev.helpdesk.spi;

/**
 * Sends notifications out of the desk (the mail adapter sends them by SMTP). Called from outbox
 * delivery, possibly more than once for the same notification after a failure: implementations use
 * {@code key} to avoid sending twice where they can. Throwing marks the delivery for a retry.
 */
@FunctionalInterface
public interface Notifier {
  /** Sends one notification; {@code key} is stable across retries of the same one. */
  void send(String key, Notification notification) throws Exception;
}
