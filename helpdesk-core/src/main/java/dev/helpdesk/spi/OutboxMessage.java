package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.TicketId;
import dev.helpdesk.event.HelpdeskEvent;
import java.time.Instant;

/**
 * Something that must leave the desk even if the process dies right after the commit: a
 * notification to send, or an event a billing portal must see. Stored in the same transaction as
 * the command; delivered afterwards, at least once, always with the same idempotency {@link #key()}
 * so the receiver can act exactly once.
 *
 * @param attempts how many deliveries were tried so far; the desk waits longer after each failure
 */
public record OutboxMessage(
    String key, TicketId ticket, Instant createdAt, Payload payload, int attempts) {
  public OutboxMessage {
    requireNonNull(key, "key must not be null");
    checkArgument(
        !key.isBlank() && key.length() <= 200,
        "outbox key must be 1-200 characters, got '%s'",
        key);
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(createdAt, "createdAt must not be null");
    requireNonNull(payload, "payload must not be null");
    checkArgument(attempts >= 0, "attempts must not be negative, got %s", attempts);
  }

  /** A message not yet tried. */
  public OutboxMessage(String key, TicketId ticket, Instant createdAt, Payload payload) {
    this(key, ticket, createdAt, payload, 0);
  }

  /** The same message as read back after {@code value} tries. */
  public OutboxMessage withAttempts(int value) {
    return new OutboxMessage(key, ticket, createdAt, payload, value);
  }

  /** What an outbox message carries. */
  public sealed interface Payload permits Notification, DurableEvent {}

  /** An event delivered to the desk's durable listeners (for example compensation to billing). */
  public record DurableEvent(HelpdeskEvent event) implements Payload {
    public DurableEvent {
      requireNonNull(event, "event must not be null");
    }
  }
}
