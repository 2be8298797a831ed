package dev.helpdesk.mail;

import static dev.helpdesk.mail.MailDesk.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.testing.SmtpClient;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MailboxPollerTest {
  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("support@desk.example", "support", "secret"))
          .withPerMethodLifecycle(true);

  private final MailDesk d = new MailDesk();

  private MailServer imap() {
    return MailServer.of(
        MailServer.Protocol.IMAP, "127.0.0.1", greenMail.getImap().getPort(), "support", "secret");
  }

  private MailServer pop3() {
    return MailServer.of(
        MailServer.Protocol.POP3, "127.0.0.1", greenMail.getPop3().getPort(), "support", "secret");
  }

  private void deliver(Mails mail) throws Exception {
    String reply =
        SmtpClient.send(
            greenMail.getSmtp().getPort(),
            "alice@example.com",
            "support@desk.example",
            mail.bytes());
    assertThat(reply).startsWith("250");
  }

  private List<Ticket> alicesTickets() {
    return d.memoryStore.ticketsOf(ALICE.id(), 100);
  }

  /** The flags of every message in the support INBOX, read over IMAP. */
  private List<Flags> flagsOnTheServer() throws MessagingException {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", greenMail.getImap().getPort(), "support", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return java.util.Arrays.stream(inbox.getMessages())
            .map(
                m -> {
                  try {
                    return m.getFlags();
                  } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
      } finally {
        inbox.close(false);
      }
    }
  }

  @Test
  void imap_newMessage_becomesATicketAndIsMarkedOnlyAfterwards() throws Exception {
    deliver(Mails.from("alice@example.com"));
    assertThat(flagsOnTheServer())
        .singleElement()
        .satisfies(f -> assertThat(f.contains(MailboxPoller.DONE_KEYWORD)).isFalse());
    MailboxPoller poller = MailboxPoller.of(d.intake, imap());

    MailboxPoller.PollSummary first = poller.pollOnce();
    MailboxPoller.PollSummary second = poller.pollOnce();

    assertThat(first).isEqualTo(new MailboxPoller.PollSummary(1, 1, 0, 0));
    assertThat(second.fetched()).isZero();
    assertThat(alicesTickets()).hasSize(1);
    assertThat(flagsOnTheServer())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.contains(MailboxPoller.DONE_KEYWORD)).isTrue();
              assertThat(f.contains(Flags.Flag.SEEN)).isTrue();
            });
  }

  @Test
  void imap_storeDown_leavesTheMessageUnmarked_andTheNextPollTakesIt() throws Exception {
    deliver(Mails.from("alice@example.com"));
    MailboxPoller poller = MailboxPoller.of(d.intake, imap());
    d.outage.begin();

    MailboxPoller.PollSummary during = poller.pollOnce();

    d.outage.end();
    assertThat(during).isEqualTo(new MailboxPoller.PollSummary(1, 0, 1, 0));
    assertThat(flagsOnTheServer())
        .singleElement()
        .satisfies(f -> assertThat(f.contains(MailboxPoller.DONE_KEYWORD)).isFalse());
    assertThat(poller.pollOnce().kept()).isEqualTo(1);
    assertThat(alicesTickets()).hasSize(1);
  }

  @Test
  void imap_twoPollersOnOneMailbox_giveNoDuplicate() throws Exception {
    for (int i = 0; i < 10; i++) {
      deliver(Mails.from("alice@example.com").subject("Problem " + i));
    }
    MailboxPoller one = MailboxPoller.of(d.intake, imap());
    MailboxPoller two = MailboxPoller.of(d.intake, imap());

    CompletableFuture<MailboxPoller.PollSummary> a = CompletableFuture.supplyAsync(() -> poll(one));
    CompletableFuture<MailboxPoller.PollSummary> b = CompletableFuture.supplyAsync(() -> poll(two));
    a.get();
    b.get();
    // A message one poller was still working on is retried by the other on its next poll.
    poll(one);
    poll(two);

    assertThat(alicesTickets()).hasSize(10);
    assertThat(flagsOnTheServer())
        .hasSize(10)
        .allSatisfy(f -> assertThat(f.contains(MailboxPoller.DONE_KEYWORD)).isTrue());
  }

  @Test
  void imap_pollerKilledBetweenCommitAndFlag_givesNoDuplicateOnRestart() throws Exception {
    Mails mail = Mails.from("alice@example.com");
    deliver(mail);
    // What the killed poller did before it died: the message reached the desk, the flag did not.
    d.created(d.intake.accept(fetchedCopy(), "imap:support/INBOX"));

    MailboxPoller.PollSummary restarted = MailboxPoller.of(d.intake, imap()).pollOnce();

    assertThat(restarted.kept()).isEqualTo(1);
    assertThat(alicesTickets()).hasSize(1);
    assertThat(flagsOnTheServer())
        .singleElement()
        .satisfies(f -> assertThat(f.contains(MailboxPoller.DONE_KEYWORD)).isTrue());
  }

  @Test
  void pop3_newMessage_becomesATicketAndIsDeletedFromTheServer() throws Exception {
    deliver(Mails.from("alice@example.com"));
    MailboxPoller poller = MailboxPoller.of(d.intake, pop3());

    assertThat(poller.pollOnce().kept()).isEqualTo(1);

    assertThat(poller.pollOnce().fetched()).isZero();
    assertThat(alicesTickets()).hasSize(1);
    assertThat(flagsOnTheServer()).isEmpty();
  }

  @Test
  void unreachableServer_failsThePollAndKeepsNothing() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    MailboxPoller poller =
        MailboxPoller.of(
            d.intake,
            MailServer.of(MailServer.Protocol.IMAP, "127.0.0.1", closed, "support", "secret")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));

    assertThatThrownBy(poller::pollOnce).isInstanceOf(MessagingException.class);
    assertThat(alicesTickets()).isEmpty();
  }

  @Test
  void start_pollsUntilClosed() throws Exception {
    MailboxPoller poller = MailboxPoller.of(d.intake, imap());
    try (AutoCloseable running = poller.start(Duration.ofMillis(100))) {
      deliver(Mails.from("alice@example.com"));
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (alicesTickets().isEmpty() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }
    assertThat(alicesTickets()).hasSize(1);
  }

  /** The message as the server holds it, read once over IMAP without marking it. */
  private ByteArrayInputStream fetchedCopy() throws Exception {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", greenMail.getImap().getPort(), "support", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        Message m = inbox.getMessage(1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return new ByteArrayInputStream(out.toByteArray());
      } finally {
        inbox.close(false);
      }
    }
  }

  private static MailboxPoller.PollSummary poll(MailboxPoller poller) {
    try {
      return poller.pollOnce();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
