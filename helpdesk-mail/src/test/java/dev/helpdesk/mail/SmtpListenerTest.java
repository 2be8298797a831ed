package dev.helpdesk.mail;

import static dev.helpdesk.mail.MailDesk.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.testing.SmtpClient;
import dev.helpdesk.ticket.Ticket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpListenerTest {
  private final MailDesk d = new MailDesk(b -> b.maxMessageBytes(64 * 1024));
  private final SmtpListener listener =
      SmtpListener.start(d.intake, InetAddress.getLoopbackAddress(), 0, 16);

  @AfterEach
  void stop() {
    listener.close();
  }

  private String send(Mails mail) throws Exception {
    return SmtpClient.send(
        listener.port(), "alice@example.com", "support@desk.example", mail.bytes());
  }

  @Test
  void acceptedMessage_isAnswered250AfterItsTicketExists() throws Exception {
    String reply = send(Mails.from("alice@example.com"));

    assertThat(reply).startsWith("250");
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void storeDown_isAnswered451_andTheRetryAfterwardsGivesOneTicket() throws Exception {
    Mails mail = Mails.from("alice@example.com");
    d.outage.begin();

    String during = send(mail);

    d.outage.end();
    assertThat(during).startsWith("451");
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).isEmpty();
    assertThat(send(mail)).startsWith("250");
    assertThat(send(mail)).startsWith("250");
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void recipientThatIsNotOurs_isRefusedAtRcpt() throws Exception {
    String reply =
        SmtpClient.send(
            listener.port(),
            "a@example.com",
            "someone@else.example",
            Mails.from("a@example.com").bytes());

    assertThat(reply).startsWith("550");
  }

  @Test
  void messageOverTheCap_isRefusedForGood() throws Exception {
    String reply = send(Mails.from("alice@example.com").body("y".repeat(100 * 1024)));

    assertThat(reply).startsWith("552");
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).isEmpty();
  }

  @Test
  void envelopeRecipient_routesMailThatDoesNotNameUs() throws Exception {
    String reply =
        SmtpClient.send(
            listener.port(),
            "alice@example.com",
            "billing@desk.example",
            Mails.from("alice@example.com").to("undisclosed-recipients:;").bytes());

    assertThat(reply).startsWith("250");
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10))
        .extracting(Ticket::department)
        .containsExactly(MailDesk.BILLING);
  }

  @Test
  void eightConcurrentSenders_eachMessageGivesOneTicket() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Mails mail = Mails.from("alice@example.com").subject("Problem " + i);
        replies.add(senders.submit(() -> send(mail)));
      }
      for (Future<String> r : replies) {
        assertThat(r.get()).startsWith("250");
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 100)).hasSize(40);
  }

  @Test
  void start_rejectsABadPort() {
    assertThatThrownBy(
            () -> SmtpListener.start(d.intake, InetAddress.getLoopbackAddress(), 70000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }
}
