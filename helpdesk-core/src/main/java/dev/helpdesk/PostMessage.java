package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.ticket.AttachmentRef;
import java.util.List;
import java.util.Optional;

/**
 * The command that adds a message to a ticket's thread: a public reply (customer or staff) or an
 * internal note (staff only). Mail intake sets the channel and the Message-ID.
 */
public record PostMessage(
    TicketRef ticket,
    Actor actor,
    String body,
    Visibility visibility,
    Channel channel,
    List<AttachmentRef> attachments,
    Optional<String> messageId) {

  public PostMessage {
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(actor, "actor must not be null");
    Checks.body(body);
    requireNonNull(visibility, "visibility must not be null");
    requireNonNull(channel, "channel must not be null");
    attachments = ImmutableList.copyOf(requireNonNull(attachments, "attachments must not be null"));
    requireNonNull(messageId, "messageId must not be null");
  }

  /** A public message, by the customer or by staff. */
  public static PostMessage reply(TicketRef ticket, Actor actor, String body) {
    return new PostMessage(
        ticket, actor, body, Visibility.PUBLIC, Channel.WEB, List.of(), Optional.empty());
  }

  /** An internal note that customers never see. */
  public static PostMessage note(TicketRef ticket, Actor actor, String body) {
    return new PostMessage(
        ticket, actor, body, Visibility.INTERNAL, Channel.WEB, List.of(), Optional.empty());
  }

  public PostMessage withChannel(Channel value) {
    return new PostMessage(ticket, actor, body, visibility, value, attachments, messageId);
  }

  public PostMessage withAttachments(List<AttachmentRef> value) {
    return new PostMessage(ticket, actor, body, visibility, channel, value, messageId);
  }

  public PostMessage withMessageId(String value) {
    return new PostMessage(
        ticket, actor, body, visibility, channel, attachments, Checks.present(value, "messageId"));
  }
}
