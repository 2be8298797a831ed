package dev.helpdesk.mail;

import static dev.helpdesk.mail.MailDesk.ALICE;
import static dev.helpdesk.mail.MailDesk.TINA;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.testing.SmtpClient;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer's whole mail conversation through real SMTP and IMAP: they write, get the
 * confirmation, answer it from their mail program, and the answer lands in the same ticket.
 */
class MailRoundTripTest {
  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("support@desk.example", "support", "secret"))
          .withPerMethodLifecycle(true);

  private MailNotifier notifier(dev.helpdesk.spi.TicketStore store) {
    return MailNotifier.builder(
            SmtpSettings.of("127.0.0.1", greenMail.getSmtp().getPort()),
            "support@desk.example",
            MailDesk.SECRET)
        .messageIdDomain(MailDesk.DOMAIN)
        .fromName("Example Hosting Support")
        .threadLookup(store)
        .build();
  }

  private MailDesk desk() {
    return new MailDesk(b -> b, this::notifier);
  }

  private MimeMessage[] mailTo(String address) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().contains(address));
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toArray(MimeMessage[]::new);
  }

  @Test
  void customerWrites_getsTheConfirmation_andTheirAnswerToItLandsInTheSameTicket()
      throws Exception {
    MailDesk d = desk();
    MailboxPoller poller =
        MailboxPoller.of(
            d.intake,
            MailServer.of(
                MailServer.Protocol.IMAP,
                "127.0.0.1",
                greenMail.getImap().getPort(),
                "support",
                "secret"));
    Mails question = Mails.from("Alice Example <alice@example.com>");
    SmtpClient.send(
        greenMail.getSmtp().getPort(),
        "alice@example.com",
        "support@desk.example",
        question.bytes());

    assertThat(poller.pollOnce().kept()).isEqualTo(1);
    assertThat(d.desk.deliverOutbox()).isEqualTo(1);

    List<Ticket> tickets = d.memoryStore.ticketsOf(ALICE.id(), 10);
    assertThat(tickets).hasSize(1);
    TicketRef ref = tickets.get(0).reference();
    MimeMessage confirmation = mailTo("alice@example.com")[0];
    assertThat(confirmation.getSubject()).contains(ref.value());
    assertThat(confirmation.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
    assertThat(confirmation.getHeader("In-Reply-To")[0]).isEqualTo(question.messageId());
    assertThat(confirmation.getReplyTo()[0].toString()).contains("support+" + ref.value());

    Mails answer =
        Mails.from("Alice Example <alice@example.com>")
            .to(confirmation.getReplyTo()[0].toString())
            .subject("Re: " + confirmation.getSubject())
            .header("In-Reply-To", confirmation.getMessageID())
            .header("References", question.messageId() + " " + confirmation.getMessageID())
            .body(
                "It is example.com, on the Pro plan.\n\n"
                    + "On Mon, 23 Nov 2026 at 09:00, Example Hosting Support"
                    + " <support@desk.example> wrote:\n"
                    + "> "
                    + MailHeaders.REPLY_MARKER
                    + "\n> We received your request.\n");
    SmtpClient.send(
        greenMail.getSmtp().getPort(), "alice@example.com", "support@desk.example", answer.bytes());

    assertThat(poller.pollOnce().kept()).isEqualTo(1);
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
    List<ThreadEntry> thread = d.memoryStore.thread(tickets.get(0).id());
    assertThat(thread).hasSize(2);
    assertThat(thread.get(1).author()).isEqualTo(ALICE);
    assertThat(thread.get(1).body())
        .contains("Pro plan")
        .doesNotContain("We received your request");

    d.desk.reply(ref, TINA, "Thanks, we restarted PHP-FPM on your server.");
    d.desk.deliverOutbox();
    MimeMessage staffReply = mailTo("alice@example.com")[1];
    assertThat(staffReply.getHeader("Auto-Submitted")).isNull();
    assertThat(staffReply.getHeader("In-Reply-To")[0]).isEqualTo(answer.messageId());
    assertThat(d.intake.accept(answer.stream(), "test")).isInstanceOf(IntakeResult.Ignored.class);
  }

  @Test
  void strangerToACustomersOnlyMailbox_getsOneAnswer_andAnAutoresponderNone() throws Exception {
    MailNotifier refusals = notifier(new dev.helpdesk.testing.InMemoryTicketStore());
    MailDesk d = new MailDesk(b -> b.refusalsVia(refusals), this::notifier);

    for (int i = 0; i < 2; i++) {
      assertThat(d.accept(Mails.from("stranger@elsewhere.example").to("billing@desk.example")))
          .isInstanceOf(IntakeResult.Ignored.class);
    }
    d.accept(
        Mails.from("robot@elsewhere.example")
            .to("billing@desk.example")
            .header("Auto-Submitted", "auto-replied"));

    MimeMessage[] answers = mailTo("stranger@elsewhere.example");
    assertThat(answers).hasSize(1);
    assertThat(answers[0].getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) answers[0].getContent();
    assertThat(parts.getBodyPart(0).getContent().toString())
        .contains("customers of this service only");
    assertThat(mailTo("robot@elsewhere.example")).isEmpty();
  }
}
