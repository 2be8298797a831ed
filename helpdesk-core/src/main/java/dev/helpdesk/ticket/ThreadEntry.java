package dev.helpdesk.ticket;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a ticket's append-only thread: a public message (customer or staff) or an internal
 * note. Entries are never edited or removed.
 *
 * @param messageId the mail Message-ID this entry arrived with or was sent under, for threading
 */
public record ThreadEntry(
    EntryId id,
    TicketId ticket,
    Instant at,
    Actor author,
    Visibility visibility,
    Channel channel,
    String body,
    List<AttachmentRef> attachments,
    Optional<String> messageId) {

  public ThreadEntry {
    requireNonNull(id, "id must not be null");
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(at, "at must not be null");
    requireNonNull(author, "author must not be null");
    requireNonNull(visibility, "visibility must not be null");
    requireNonNull(channel, "channel must not be null");
    requireNonNull(body, "body must not be null");
    attachments = ImmutableList.copyOf(attachments);
    requireNonNull(messageId, "messageId must not be null");
  }
}
