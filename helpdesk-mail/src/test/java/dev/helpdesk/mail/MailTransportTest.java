package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.UndeliverableException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/** Against a real SMTP server (subethasmtp) that refuses some recipients like real ones do. */
class MailTransportTest {
  private static final String GONE = "gone@example.test";
  private static final String BUSY = "busy@example.test";
  private static final String SPAMMY = "spammy@example.test";

  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private SMTPServer server;
  private MailTransport transport;

  @BeforeEach
  void startServer() throws IOException {
    server =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getByName("127.0.0.1"))
            .messageHandlerFactory(Handler::new)
            .build();
    server.start();
    transport = new MailTransport(SmtpSettings.of("127.0.0.1", server.getPortAllocated()));
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  /** Refuses RCPT like a mail server that knows its mailboxes. */
  private final class Handler implements MessageHandler {
    private String rcpt;

    Handler(MessageContext ctx) {}

    @Override
    public void from(String from) {}

    @Override
    public void recipient(String recipient) throws RejectException {
      if (recipient.equalsIgnoreCase(GONE)) {
        throw new RejectException(550, "5.1.1 no such user");
      }
      if (recipient.equalsIgnoreCase(BUSY)) {
        throw new RejectException(451, "4.3.0 try again later");
      }
      rcpt = recipient;
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
      data.readAllBytes();
      if (SPAMMY.equalsIgnoreCase(rcpt)) {
        throw new RejectException(554, "5.7.1 message refused");
      }
      accepted.add(rcpt);
      return null;
    }

    @Override
    public void done() {}
  }

  private MimeMessage to(String recipient) throws MessagingException {
    MimeMessage m = new MimeMessage(transport.session());
    m.setFrom(new InternetAddress("support@example.com"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    m.setSubject("test");
    m.setText("hello");
    return m;
  }

  @Test
  void anAcceptedRecipientGetsTheMessage() throws Exception {
    transport.send(to("alice@example.test"));

    assertThat(accepted).containsExactly("alice@example.test");
  }

  @Test
  void aPermanentRcptRefusalIsUndeliverableNamingTheRecipient() {
    assertThatThrownBy(() -> transport.send(to(GONE)))
        .isInstanceOfSatisfying(
            UndeliverableException.class,
            e -> {
              assertThat(e.recipient()).isEqualTo(GONE);
              assertThat(e.getMessage()).contains("550").contains("no such user");
            });
    assertThat(accepted).isEmpty();
  }

  @Test
  void theNotifierReportsARefusedRecipientAsUndeliverableAndATemporaryOneAsIs() {
    MailNotifier notifier =
        MailNotifier.builder(
                SmtpSettings.of("127.0.0.1", server.getPortAllocated()),
                "support@example.com",
                "0123456789abcdef0123".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .build();

    assertThatThrownBy(() -> notifier.send("k1", notification(GONE)))
        .isInstanceOfSatisfying(
            UndeliverableException.class, e -> assertThat(e.recipient()).isEqualTo(GONE));
    assertThatThrownBy(() -> notifier.send("k2", notification(BUSY)))
        .isInstanceOf(MessagingException.class)
        .isNotInstanceOf(UndeliverableException.class);
  }

  private static Notification notification(String to) {
    return new Notification(
        Notification.Kind.STAFF_REPLY,
        new TicketId(new UUID(1, 2)),
        new TicketRef("HD-7KQ2M9XA"),
        to,
        "Someone",
        "Re: [HD-7KQ2M9XA] help",
        "An answer.",
        Optional.empty());
  }

  @Test
  void aTemporaryRcptRefusalIsRethrownForARetry() {
    assertThatThrownBy(() -> transport.send(to(BUSY)))
        .isInstanceOf(MessagingException.class)
        .isNotInstanceOf(UndeliverableException.class);
  }

  @Test
  void aPermanentRefusalAfterDataIsUndeliverable() {
    assertThatThrownBy(() -> transport.send(to(SPAMMY)))
        .isInstanceOfSatisfying(
            UndeliverableException.class,
            e -> {
              assertThat(e.recipient()).isEqualTo(SPAMMY);
              assertThat(e.getMessage()).contains("554");
            });
  }

  @Test
  void aClosedPortIsATemporaryFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    MailTransport closed =
        new MailTransport(SmtpSettings.of("127.0.0.1", port).withTimeouts(Duration.ofSeconds(2)));

    assertThatThrownBy(() -> closed.send(to("alice@example.test")))
        .isInstanceOf(MessagingException.class)
        .isNotInstanceOf(UndeliverableException.class);
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheReadTimeout() throws Exception {
    // The kernel completes the TCP handshake from the backlog; nobody ever writes a greeting.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      MailTransport slow =
          new MailTransport(
              SmtpSettings.of("127.0.0.1", silent.getLocalPort())
                  .withTimeouts(Duration.ofSeconds(1)));
      assertThat(slow.session().getProperty("mail.smtp.timeout")).isEqualTo("1000");
      assertThat(slow.session().getProperty("mail.smtp.connectiontimeout")).isEqualTo("1000");
      assertThat(slow.session().getProperty("mail.smtp.writetimeout")).isEqualTo("1000");

      long start = System.nanoTime();
      assertThatThrownBy(() -> slow.send(to("alice@example.test")))
          .isInstanceOf(MessagingException.class)
          .isNotInstanceOf(UndeliverableException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }
  }

  @Test
  void returnCodeFallsBackToTheServerTextAndIgnoresOtherText() {
    assertThat(MailTransport.returnCode(new SendFailedException("550 5.1.1 no such user")))
        .isEqualTo(OptionalInt.of(550));
    assertThat(MailTransport.returnCode(new SendFailedException("451-busy")))
        .isEqualTo(OptionalInt.of(451));
    assertThat(MailTransport.returnCode(new MessagingException("Connection refused"))).isEmpty();
    assertThat(MailTransport.returnCode(new MessagingException("5500 bytes"))).isEmpty();
  }
}
