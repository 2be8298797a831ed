package dev.helpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.mail.SmtpSettings;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's mail wiring on the embedded H2 file store: what the archive keeps survives a
 * restart.
 */
class MailWiringTest {
  private static final byte[] SECRET =
      "example secret, 32 bytes long...".getBytes(StandardCharsets.UTF_8);
  private static final CustomerId ALICE = CustomerId.of("alice");

  private final FakeDirectory directory =
      new FakeDirectory()
          .department("tech", "Tech")
          .department("billing", "Billing")
          .customer("alice", "Alice", "alice@example.net");

  private static InputStream mail(String from, String to, String messageId, String extra) {
    String raw =
        "From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: Site down\r\nMessage-ID: "
            + messageId
            + "\r\n"
            + extra
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "The shop shows HTTP 500 since 9:00.\r\n";
    return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** SMTP settings of a port nothing listens on: outgoing mail stays in the outbox. */
  private static SmtpSettings nowhere() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return SmtpSettings.of("127.0.0.1", s.getLocalPort()).withTimeouts(Duration.ofSeconds(1));
    }
  }

  @Test
  void mailOnTheEmbeddedStore_isKeptAndDeduplicatedAcrossARestart(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("desk");
    MailWiring.Wired first = MailWiring.wire(JdbcStore.h2File(file), directory, nowhere(), SECRET);

    IntakeResult opened =
        first
            .intake()
            .accept(
                mail("alice@example.net", "support@example.com", "<q1@example.net>", ""), "pipe");
    IntakeResult reply =
        first
            .intake()
            .accept(
                mail(
                    "alice@example.net",
                    "support@example.com",
                    "<q2@example.net>",
                    "In-Reply-To: <q1@example.net>\r\n"),
                "pipe");
    IntakeResult stranger =
        first
            .intake()
            .accept(
                mail("eve@elsewhere.test", "billing@example.com", "<e1@elsewhere.test>", ""),
                "pipe");
    assertThat(first.desk().deliverOutbox()).isZero();
    first.store().close();

    assertThat(opened).isInstanceOf(IntakeResult.Created.class);
    TicketRef ref = ((IntakeResult.Created) opened).ticket();
    assertThat(reply).isEqualTo(new IntakeResult.Appended(ref));
    assertThat(stranger)
        .isInstanceOfSatisfying(
            IntakeResult.Ignored.class,
            i -> assertThat(i.why()).isEqualTo(IntakeResult.Ignored.Why.REFUSED_SENDER));

    try (JdbcStore reopened = JdbcStore.h2File(file)) {
      MailWiring.Wired again = MailWiring.wire(reopened, directory, nowhere(), SECRET);
      IntakeResult redelivered =
          again
              .intake()
              .accept(
                  mail("alice@example.net", "support@example.com", "<q1@example.net>", ""), "pipe");

      assertThat(redelivered).isInstanceOf(IntakeResult.Ignored.class);
      List<Ticket> tickets = reopened.ticketStore().ticketsOf(ALICE, 10);
      assertThat(tickets).extracting(Ticket::reference).containsExactly(ref);
      assertThat(reopened.ticketStore().thread(tickets.get(0).id())).hasSize(2);
      assertThat(reopened.mailArchive().list(ArchivedMail.Status.PROCESSED, Optional.empty(), 10))
          .hasSize(2);
      assertThat(reopened.mailArchive().list(ArchivedMail.Status.IGNORED, Optional.empty(), 10))
          .singleElement()
          .satisfies(m -> assertThat(m.detail()).contains("eve@elsewhere.test"));
      assertThat(
              reopened
                  .ticketStore()
                  .pendingOutbox(java.time.Instant.now().plus(Duration.ofDays(1)), 10))
          .as("the confirmation waits in the outbox for SMTP to come back")
          .isNotEmpty();
    }
  }
}
