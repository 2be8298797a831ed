package dev.helpdesk.examples.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.mail.MailServer;
import dev.helpdesk.mail.SmtpSettings;
import dev.helpdesk.testing.SmtpClient;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's mail server: GreenMail in this JVM on loopback ports, holding the desk's mailboxes and
 * every customer's inbox, so the desk talks real SMTP and IMAP and nothing leaves the machine.
 */
final class MailRoom implements AutoCloseable {
  private static final String PASSWORD = "demo-password";

  /** A message as a customer's mail program shows it. */
  record Received(String messageId, String subject, String replyTo, String text) {}

  private final GreenMail greenMail;

  private MailRoom(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts SMTP and IMAP on free loopback ports. */
  static MailRoom start() {
    ServerSetup[] setups =
        ServerSetup.dynamicPort(
            ServerSetup.createCopy(ServerSetupTest.SMTP_IMAP, s -> s.createCopy("127.0.0.1")));
    GreenMail greenMail = new GreenMail(setups);
    greenMail.start();
    return new MailRoom(greenMail);
  }

  /** Creates a mailbox that logs in as {@code login}. */
  void account(String address, String login) {
    greenMail.setUser(address, login, PASSWORD);
  }

  /** Creates a customer's inbox; they log in with their address. */
  void account(String address) {
    account(address, address);
  }

  /** Where the desk sends its mail. */
  SmtpSettings smtp() {
    return SmtpSettings.of("127.0.0.1", greenMail.getSmtp().getPort())
        .withTimeouts(Duration.ofSeconds(10));
  }

  /** The IMAP account a poller of the desk reads. */
  MailServer imap(String login) {
    return MailServer.of(
            MailServer.Protocol.IMAP, "127.0.0.1", greenMail.getImap().getPort(), login, PASSWORD)
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  /**
   * Hands a message to the SMTP server for {@code envelopeTo}; a plus-addressed header recipient
   * still goes to the base mailbox, as an MTA with a recipient delimiter delivers it.
   */
  void send(RawMail mail, String envelopeTo) {
    try {
      String reply =
          SmtpClient.send(
              greenMail.getSmtp().getPort(), mail.fromAddress(), envelopeTo, mail.bytes());
      if (!reply.startsWith("250")) {
        throw new IllegalStateException("the mail server refused the message: " + reply);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The inbox of {@code address}, oldest first, as the customer's mail program shows it. Read from
   * the server's store in this JVM rather than over IMAP: a mail program's IMAP session is not what
   * the demo shows, and GreenMail answers it slowly.
   */
  List<Received> inbox(String address) {
    try {
      List<Received> out = new ArrayList<>();
      for (MimeMessage m :
          greenMail
              .findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true)
              .toList()) {
        String[] id = m.getHeader("Message-ID");
        Address[] replyTo = m.getReplyTo();
        out.add(
            new Received(
                id == null ? "" : id[0],
                m.getSubject(),
                replyTo == null || replyTo.length == 0 ? "" : replyTo[0].toString(),
                text(m.getContent())));
      }
      return out;
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read the inbox of " + address, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text/plain part; the desk sends it first in multipart/alternative. */
  private static String text(Object content) throws MessagingException, IOException {
    if (content instanceof Multipart parts) {
      BodyPart first = parts.getBodyPart(0);
      return text(first.getContent());
    }
    return String.valueOf(content);
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
