package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import java.util.Optional;

/**
 * A message the desk wants a person to receive (a confirmation, a staff reply, a transcript, a
 * feedback request ...), rendered by core and sent by a {@link Notifier} such as the mail adapter.
 *
 * @param entry the thread entry this notification carries, for mail threading headers
 */
public record Notification(
    Kind kind,
    TicketId ticket,
    TicketRef reference,
    String recipientEmail,
    String recipientName,
    String subject,
    String body,
    Optional<EntryId> entry)
    implements OutboxMessage.Payload {

  /** Why the notification is sent. */
  public enum Kind {
    /** Right after a ticket is opened, with its content and reference (R3). */
    CONFIRMATION,
    /** A public staff reply. */
    STAFF_REPLY,
    /** Staff propose a resolution: how to confirm it by closing, or to reply to reopen (R9). */
    RESOLUTION_PROPOSED,
    /** The customer reopened their ticket, by a reply or explicitly. */
    REOPENED,
    /** An update posted to every ticket of an incident (R20). */
    INCIDENT_UPDATE,
    /** A chat transcript (R12). */
    CHAT_TRANSCRIPT,
    /** A request for feedback after the customer closed (R13). */
    FEEDBACK_REQUEST,
    /** To staff: an SLA warning, breach or escalation. */
    STAFF_ALERT
  }

  public Notification {
    requireNonNull(kind, "kind must not be null");
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(reference, "reference must not be null");
    requireNonNull(recipientEmail, "recipientEmail must not be null");
    requireNonNull(recipientName, "recipientName must not be null");
    requireNonNull(subject, "subject must not be null");
    requireNonNull(body, "body must not be null");
    requireNonNull(entry, "entry must not be null");
  }
}
