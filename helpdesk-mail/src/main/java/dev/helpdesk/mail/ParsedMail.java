package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkNotNull;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What the intake needs from one inbound message. Everything degraded gracefully: a bad charset or
 * broken base64 gives best-effort text, not an exception, because a customer's mail must not be
 * lost over a sender's bug.
 */
final class ParsedMail implements AutoCloseable {
  private final MimeMessage message;
  private final List<Closeable> openStreams;
  private final long size;
  private final Optional<String> messageId;
  private final List<String> threadIds;
  private final Optional<String> fromAddress;
  private final String fromName;
  private final Optional<String> returnPath;
  private final List<String> recipients;
  private final String subject;
  private final String text;
  private final String reply;
  private final Optional<String> safeHtml;
  private final List<MailAttachment> attachments;
  private final Optional<Bounce> bounce;

  ParsedMail(
      MimeMessage message,
      List<Closeable> openStreams,
      long size,
      Optional<String> messageId,
      List<String> threadIds,
      Optional<String> fromAddress,
      String fromName,
      Optional<String> returnPath,
      List<String> recipients,
      String subject,
      String text,
      String reply,
      Optional<String> safeHtml,
      List<MailAttachment> attachments,
      Optional<Bounce> bounce) {
    this.message = checkNotNull(message, "message is null (size %s)", size);
    this.openStreams = checkNotNull(openStreams, "openStreams is null (size %s)", size);
    this.size = size;
    this.messageId = messageId;
    this.threadIds = List.copyOf(threadIds);
    this.fromAddress = fromAddress;
    this.fromName = fromName;
    this.returnPath = returnPath;
    this.recipients = List.copyOf(recipients);
    this.subject = subject;
    this.text = text;
    this.reply = reply;
    this.safeHtml = safeHtml;
    this.attachments = List.copyOf(attachments);
    this.bounce = bounce;
  }

  Optional<String> messageId() {
    return messageId;
  }

  List<String> threadIds() {
    return threadIds;
  }

  Optional<String> fromAddress() {
    return fromAddress;
  }

  String fromName() {
    return fromName;
  }

  Optional<String> returnPath() {
    return returnPath;
  }

  List<String> recipients() {
    return recipients;
  }

  String subject() {
    return subject;
  }

  String text() {
    return text;
  }

  String reply() {
    return reply;
  }

  Optional<String> safeHtml() {
    return safeHtml;
  }

  List<MailAttachment> attachments() {
    return attachments;
  }

  List<String> header(String name) {
    checkNotNull(name, "header name is null");
    try {
      String[] values = message.getHeader(name);
      if (values == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>(values.length);
      for (String v : values) {
        out.add(HeaderText.recover8bit(HeaderText.unfold(v)));
      }
      return Collections.unmodifiableList(out);
    } catch (MessagingException | RuntimeException e) {
      return List.of();
    }
  }

  Optional<Bounce> bounce() {
    return bounce;
  }

  long size() {
    return size;
  }

  @Override
  public void close() {
    synchronized (openStreams) {
      for (Closeable c : openStreams) {
        try {
          if (c != null) {
            c.close();
          }
        } catch (IOException | RuntimeException e) {
          // closing a read-only file stream cannot lose data; the remaining streams still close
        }
      }
      openStreams.clear();
    }
  }
}
