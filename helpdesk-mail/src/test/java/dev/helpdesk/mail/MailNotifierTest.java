package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.SettableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notifier behind a real desk, delivering through GreenMail on dynamic ports. */
class MailNotifierTest {
  private static final byte[] SECRET =
      "a-secret-of-more-than-16-bytes".getBytes(StandardCharsets.US_ASCII);
  private static final DepartmentId TECH = DepartmentId.of("tech");
  private static final CustomerId ALICE = CustomerId.of("alice");
  private static final Actor.Agent TINA = Actor.agent(AgentId.of("tina"));

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
          .withPerMethodLifecycle(true);

  private final SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
  private final FakeDirectory directory =
      new FakeDirectory()
          .department("tech", "Technical support")
          .customer("alice", "Alice Müller", "alice@customer.example")
          .agent("tina", "Tina L1", 1, "tech");
  private final InMemoryTicketStore store = new InMemoryTicketStore();

  /** A desk whose notifier sends to {@code smtp}, configured further by {@code more}. */
  private Helpdesk desk(SmtpSettings smtp, UnaryOperator<MailNotifier.Builder> more) {
    MailNotifier notifier =
        more.apply(
                MailNotifier.builder(smtp, "support@example.com", SECRET)
                    .fromName("Example Support")
                    .clock(clock)
                    .threadLookup(store))
            .build();
    return Helpdesk.builder()
        .store(store)
        .directory(directory)
        .notifier(notifier)
        .clock(clock)
        .random(new Random(7))
        .build();
  }

  private Helpdesk desk() {
    return desk(greenMailSmtp(), b -> b);
  }

  private SmtpSettings greenMailSmtp() {
    assertThat(greenMail.getSmtp().getServerSetup().getBindAddress()).isEqualTo("127.0.0.1");
    return SmtpSettings.of("127.0.0.1", greenMail.getSmtp().getPort());
  }

  private static SignedMessageIds ids() {
    return new SignedMessageIds("example.com", SECRET);
  }

  private static String header(MimeMessage m, String name) throws MessagingException {
    return m.getHeader(name, null);
  }

  private static String textPart(MimeMessage m) throws MessagingException, IOException {
    return crlfToLf((String) ((Multipart) m.getContent()).getBodyPart(0).getContent());
  }

  /** SMTP carries CRLF line ends; the assertions are about the text. */
  private static String crlfToLf(String s) {
    return s.replace("\r\n", "\n");
  }

  @Test
  void theConfirmationCarriesTheContentTheReferenceAndTheHeaders() throws Exception {
    Helpdesk desk = desk();
    TicketRef ref =
        desk.open(
            OpenTicket.byCustomer(
                ALICE, TECH, "Site down", "My site shows a 500 error since 8:00."));

    assertThat(desk.deliverOutbox()).isEqualTo(1);

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(ids().verify(header(m, "Message-ID"))).contains(ref);
    assertThat(m.getReplyTo())
        .containsExactly(new InternetAddress("support+" + ref + "@example.com"));
    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("support@example.com");
    assertThat(from.getPersonal()).isEqualTo("Example Support");
    InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
    assertThat(to.getAddress()).isEqualTo("alice@customer.example");
    assertThat(to.getPersonal()).isEqualTo("Alice Müller");
    assertThat(m.getSubject()).isEqualTo("[" + ref + "] Site down");
    assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-replied");
    assertThat(header(m, "X-Auto-Response-Suppress")).isEqualTo("All");
    assertThat(header(m, MailHeaders.LOOP)).isEqualTo("example.com");
    assertThat(header(m, "References")).isEqualTo(ids().mint(ref, "root"));
    assertThat(header(m, "In-Reply-To")).isNull();
    assertThat(m.getSentDate()).isEqualTo(Date.from(Instant.parse("2026-11-23T09:00:00Z")));

    assertThat(m.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
    String body = crlfToLf((String) text.getContent());
    assertThat(body).startsWith(MailHeaders.REPLY_MARKER + "\n\n");
    // R3: the confirmation carries the reference and what the customer wrote.
    assertThat(body)
        .contains(ref.value())
        .contains("My site shows a 500 error since 8:00.")
        .contains("Alice Müller");
    String htmlBody = crlfToLf((String) html.getContent());
    assertThat(htmlBody)
        .contains("font-size:small")
        .contains(MailHeaders.REPLY_MARKER)
        .contains("<p>My site shows a 500 error since 8:00.</p>");
    assertThat(htmlBody.indexOf(MailHeaders.REPLY_MARKER))
        .isLessThan(htmlBody.indexOf("My site shows"));
  }

  @Test
  void aStaffReplyThreadsUnderTheCustomersMailAndIsNotAutoSubmitted() throws Exception {
    Helpdesk desk = desk();
    String customerId = "<CAF=abc.123@mail.customer.example>";
    TicketRef ref =
        desk.open(
            OpenTicket.fromEmail("alice@customer.example", TECH, "Site down", "500 error")
                .withMessageId(customerId));
    desk.deliverOutbox();
    clock.advance(Duration.ofMinutes(5));
    desk.reply(ref, TINA, "We restarted the web server.\n\nPlease check again <now>.");

    assertThat(desk.deliverOutbox()).isEqualTo(1);

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage confirmation = received[0];
    MimeMessage reply = received[1];
    assertThat(header(confirmation, "In-Reply-To")).isEqualTo(customerId);
    assertThat(header(reply, "In-Reply-To")).isEqualTo(customerId);
    assertThat(header(reply, "References")).isEqualTo(ids().mint(ref, "root") + " " + customerId);
    assertThat(header(reply, "Auto-Submitted")).isNull();
    assertThat(header(reply, "X-Auto-Response-Suppress")).isEqualTo("All");
    assertThat(ids().verify(header(reply, "Message-ID"))).contains(ref);
    assertThat(header(reply, "Message-ID")).isNotEqualTo(header(confirmation, "Message-ID"));
    assertThat(reply.getSubject()).isEqualTo("Re: [" + ref + "] Site down");
    assertThat(textPart(reply))
        .isEqualTo(
            MailHeaders.REPLY_MARKER
                + "\n\nWe restarted the web server.\n\nPlease check again <now>.");
    String html = crlfToLf((String) ((Multipart) reply.getContent()).getBodyPart(1).getContent());
    assertThat(html)
        .contains("<p>We restarted the web server.</p>")
        .contains("<p>Please check again &lt;now&gt;.</p>");
  }

  @Test
  void theHeadersSurviveTheTripThroughImap() throws Exception {
    Helpdesk desk = desk();
    TicketRef ref = desk.open(OpenTicket.byCustomer(ALICE, TECH, "Grüße", "Ärger mit dem Server"));
    desk.deliverOutbox();

    Session session = Session.getInstance(new Properties());
    try (Store imap = session.getStore("imap")) {
      // GreenMail creates the mailbox on delivery, with the address as login and password.
      imap.connect(
          "127.0.0.1",
          greenMail.getImap().getPort(),
          "alice@customer.example",
          "alice@customer.example");
      Folder inbox = imap.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        MimeMessage m = (MimeMessage) inbox.getMessage(1);
        assertThat(m.getSubject()).isEqualTo("[" + ref + "] Grüße");
        assertThat(m.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(ids().verify(m.getMessageID())).contains(ref);
        assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(textPart(m))
            .startsWith(MailHeaders.REPLY_MARKER)
            .contains("Ärger mit dem Server");
      } finally {
        inbox.close(false);
      }
    }
  }

  @Test
  void aSubjectWithoutTheReferenceGetsItAppended() throws Exception {
    MailNotifier notifier =
        MailNotifier.builder(greenMailSmtp(), "support@example.com", SECRET).clock(clock).build();
    TicketRef ref = new TicketRef("HD-7KQ2M9XA");
    notifier.send(
        "k1",
        new dev.helpdesk.spi.Notification(
            dev.helpdesk.spi.Notification.Kind.INCIDENT_UPDATE,
            new dev.helpdesk.domain.TicketId(new java.util.UUID(1, 2)),
            ref,
            "bob@customer.example",
            "",
            "Network maintenance\r\nBcc: evil@example.org",
            "Tonight.",
            Optional.empty()));

    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("Network maintenance Bcc: evil@example.org [" + ref + "]");
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-generated");
    assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
        .isNull();
    assertThat(ids().verify(header(m, "Message-ID"))).contains(ref);
  }

  @Test
  void whileSmtpIsDownNothingIsLostAndOnceItIsBackTheMessageArrivesOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Helpdesk desk =
        desk(
            SmtpSettings.of("127.0.0.1", port).withTimeouts(Duration.ofSeconds(2)),
            // A failed attempt must give its slot back, or the retry would be rate-limited away.
            b -> b.automaticReplyLimit(1, Duration.ofHours(1)));
    desk.open(OpenTicket.byCustomer(ALICE, TECH, "Site down", "500 error"));

    assertThat(desk.deliverOutbox()).isZero();
    // Offered again after the desk's lease of two minutes, not before.
    assertThat(store.pendingOutbox(clock.instant(), 10)).isEmpty();
    assertThat(store.pendingOutbox(clock.instant().plus(Duration.ofMinutes(3)), 10)).hasSize(1);

    GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    late.start();
    try {
      clock.advance(Duration.ofMinutes(3));
      assertThat(desk.deliverOutbox()).isEqualTo(1);
      assertThat(desk.deliverOutbox()).isZero();
      clock.advance(Duration.ofMinutes(3));
      assertThat(desk.deliverOutbox()).isZero();

      assertThat(late.getReceivedMessages()).hasSize(1);
      assertThat(late.getReceivedMessages()[0].getSubject()).contains("Site down");
      assertThat(store.pendingOutbox(clock.instant().plus(Duration.ofHours(1)), 10)).isEmpty();
    } finally {
      late.stop();
    }
  }

  @Test
  void theEleventhConfirmationWithinAnHourIsNotSentAndAnHourLaterOneIs() throws Exception {
    Helpdesk desk = desk();
    for (int i = 1; i <= 11; i++) {
      desk.open(OpenTicket.byCustomer(ALICE, TECH, "Ticket " + i, "body " + i));
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(desk.deliverOutbox()).isEqualTo(11);
    assertThat(greenMail.getReceivedMessages()).hasSize(10);

    clock.advance(Duration.ofHours(1));
    desk.open(OpenTicket.byCustomer(ALICE, TECH, "Ticket 12", "body 12"));
    desk.deliverOutbox();

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(11);
    assertThat(received[10].getSubject()).endsWith("Ticket 12");
    assertThat(Arrays.stream(received).map(MailNotifierTest::subject))
        .noneMatch(s -> s.endsWith("Ticket 11"));
  }

  @Test
  void staffRepliesAreNotRateLimited() throws Exception {
    Helpdesk desk = desk(greenMailSmtp(), b -> b.automaticReplyLimit(1, Duration.ofHours(1)));
    TicketRef ref = desk.open(OpenTicket.byCustomer(ALICE, TECH, "Site down", "500 error"));
    for (int i = 0; i < 3; i++) {
      desk.reply(ref, TINA, "Update " + i);
    }

    desk.deliverOutbox();

    assertThat(greenMail.getReceivedMessages()).hasSize(4);
  }

  @Test
  void aDirectAnswerIsUnsignedAutoRepliedAndSentOncePerDay() throws Exception {
    MailNotifier notifier =
        MailNotifier.builder(greenMailSmtp(), "support@example.com", SECRET).clock(clock).build();

    notifier.sendDirect(
        "stranger@elsewhere.example",
        "Re: help",
        "Only customers can open tickets.",
        Optional.of("<x1@elsewhere.example>"));
    notifier.sendDirect(
        "Stranger@elsewhere.example", "Re: help", "again", Optional.of("<x2@elsewhere.example>"));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    String id = header(m, "Message-ID");
    assertThat(id).matches("<[0-9a-f-]{36}@example\\.com>");
    assertThat(ids().verify(id)).isEmpty();
    assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-replied");
    assertThat(header(m, "X-Auto-Response-Suppress")).isEqualTo("All");
    assertThat(header(m, MailHeaders.LOOP)).isEqualTo("example.com");
    assertThat(header(m, "In-Reply-To")).isEqualTo("<x1@elsewhere.example>");
    assertThat(m.getReplyTo()).containsExactly(new InternetAddress("support@example.com"));
    assertThat(textPart(m)).isEqualTo("Only customers can open tickets.");

    clock.advance(Duration.ofHours(24));
    notifier.sendDirect("stranger@elsewhere.example", "Re: help", "later", Optional.empty());
    assertThat(greenMail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void theMessageIdDomainCanBeSetAndSignsTheLoopHeader() throws Exception {
    MailNotifier notifier =
        MailNotifier.builder(greenMailSmtp(), "support@example.com", SECRET)
            .messageIdDomain("desk.example.net")
            .clock(clock)
            .build();
    TicketRef ref = new TicketRef("HD-7KQ2M9XA");
    assertThat(notifier.messageIds().domain()).isEqualTo("desk.example.net");
    MimeMessage m =
        notifier.render(
            "k",
            new dev.helpdesk.spi.Notification(
                dev.helpdesk.spi.Notification.Kind.STAFF_ALERT,
                new dev.helpdesk.domain.TicketId(new java.util.UUID(1, 2)),
                ref,
                "tina@example.com",
                "Tina",
                "SLA warning " + ref,
                "Due soon.",
                Optional.empty()),
            clock.instant());
    m.saveChanges();
    assertThat(header(m, "Message-ID")).endsWith("@desk.example.net>");
    assertThat(header(m, MailHeaders.LOOP)).isEqualTo("desk.example.net");
    assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-generated");
    assertThat(m.getSubject()).isEqualTo("SLA warning " + ref);
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
