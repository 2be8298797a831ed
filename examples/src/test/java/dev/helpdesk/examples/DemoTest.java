package dev.helpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.TicketView;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.examples.demo.SupportDay;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.RecordingNotifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** The README's samples, and the demo's day checked by its facts, not its wording. */
class DemoTest {
  private static SupportDay.Facts day;
  private static String timeline;
  private static long dayMillis;

  /** Runs the day once, on first use, so the README checks do not depend on it. */
  private static synchronized SupportDay.Facts day() {
    if (day == null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      long start = System.nanoTime();
      day = SupportDay.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      dayMillis = (System.nanoTime() - start) / 1_000_000;
      timeline = bytes.toString(StandardCharsets.UTF_8);
    }
    return day;
  }

  @Test
  void quickStart_closesTheTicketByTheCustomer_andNotifies() {
    FakeDirectory directory =
        new FakeDirectory()
            .department("tech", "Tech")
            .customer("alice", "Alice", "alice@example.com")
            .agent("tina", "Tina", 1, "tech");
    RecordingNotifier notifier = new RecordingNotifier();
    TicketView view = QuickStart.run(new InMemoryTicketStore(), directory, notifier);
    assertThat(view.ticket().status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(view.thread()).hasSize(3).allMatch(e -> e.visibility() == Visibility.PUBLIC);
    assertThat(notifier.sent(Notification.Kind.CONFIRMATION)).hasSize(1);
    assertThat(notifier.sent(Notification.Kind.STAFF_REPLY)).hasSize(1);
    assertThat(notifier.sent(Notification.Kind.RESOLUTION_PROPOSED)).hasSize(1);
    assertThat(notifier.sent(Notification.Kind.FEEDBACK_REQUEST)).hasSize(1);
  }

  @Test
  void readme_quickStart_isTheCompiledOne() throws Exception {
    assertReadmeShows("QuickStart.java", "README-QUICKSTART");
  }

  @Test
  void readme_mailWiring_isTheCompiledOne() throws Exception {
    assertReadmeShows("MailWiring.java", "README-MAIL");
  }

  /** Every line between {@code marker}-BEGIN and -END in the sample is in the README. */
  private static void assertReadmeShows(String sample, String marker) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String source = Files.readString(Path.of("src/main/java/dev/helpdesk/examples", sample));
    String begin = "// " + marker + "-BEGIN";
    String snippet =
        source.substring(
            source.indexOf(begin) + begin.length(), source.indexOf("// " + marker + "-END"));
    for (String line : snippet.strip().split("\n")) {
      assertThat(readme).as("README line of " + sample).contains(line.strip());
    }
  }

  @Test
  void day_runsWellUnderAMinute_andPrintsATimelineAndTheReport() {
    day();
    assertThat(dayMillis).isLessThan(60_000);
    assertThat(timeline.lines().filter(l -> l.matches("\\d\\d:\\d\\d .*")).count())
        .isGreaterThan(50);
  }

  @Test
  void day_russianKoreanAndTurkishMail_arriveIntactInTheirTickets() {
    assertThat(day().arrivals())
        .extracting(SupportDay.Arrival::language)
        .containsExactly("Russian", "Korean", "Turkish");
    for (SupportDay.Arrival a : day().arrivals()) {
      assertThat(a.storedSubject()).as(a.language() + " subject").isEqualTo(a.sentSubject());
      assertThat(a.storedBody()).as(a.language() + " body").isEqualTo(a.sentBody().strip());
    }
  }

  @Test
  void day_theReplyFromTheMailProgram_landsInTheSameTicket_withoutTheQuote() {
    SupportDay.Landing reply = day().replyFromMailProgram();
    assertThat(reply.landedIn()).isEqualTo(reply.meantFor());
    assertThat(reply.body()).contains("203.0.113.17").doesNotContain("which IP address");
  }

  @Test
  void day_opensTicketsByMailWebAndPhone_andRefusesPhoneOnTheSharedPlan() {
    assertThat(day().openedByChannel())
        .containsEntry(Channel.EMAIL, 9)
        .containsEntry(Channel.WEB, 2)
        .containsEntry(Channel.PHONE, 1);
    assertThat(day().refusedPhone()).contains("shared").contains("PHONE");
  }

  @Test
  void day_escalatesL1ToL2_andTransfersToBilling_outOfTheOutsourcedTeamsReach() {
    assertThat(day().escalated().tier()).isEqualTo(Tier.of(2));
    assertThat(day().escalated().assignee().map(a -> a.value())).contains("tomas");
    assertThat(day().transferred().department().value()).isEqualTo("billing");
    assertThat(day().transferred().transfers()).isEqualTo(1);
    assertThat(day().outsourcedRefused()).contains("ana.nightdesk").contains("billing");
  }

  @Test
  void day_linksFiveTicketsToTheIncident_andAnswersThemWithOneUpdate() {
    assertThat(day().incidentTickets()).isEqualTo(5);
    assertThat(day().incidentUpdated()).hasSize(5).doesNotHaveDuplicates();
    assertThat(day().incidentUpdateMails()).isEqualTo(5);
  }

  @Test
  void day_theUrgentBreach_isCreditedExactlyOnce_althoughDeliveredTwice() {
    assertThat(day().breaches()).isEqualTo(1);
    assertThat(day().creditDeliveries()).isEqualTo(2);
    assertThat(day().credits())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.customer()).isEqualTo(CustomerId.of("frank"));
              assertThat(c.amountMinor()).isEqualTo(2_500);
              assertThat(c.currency()).isEqualTo(Currency.getInstance("EUR"));
            });
  }

  @Test
  void day_aReplyToTheMergedDuplicate_landsInTheOriginal() {
    SupportDay.Landing dup = day().duplicate();
    assertThat(day().duplicateStatus()).isEqualTo(TicketStatus.MERGED);
    assertThat(dup.landedIn()).isNotEqualTo(dup.meantFor());
    assertThat(day().incidentUpdated()).contains(dup.landedIn());
    assertThat(dup.body()).contains("orders of this morning");
  }

  @Test
  void day_theStrangerGetsATicketOfTheirOwn_andTheVictimsThreadIsUnchanged() {
    SupportDay.Landing stranger = day().stranger();
    assertThat(stranger.landedIn()).isNotEqualTo(stranger.meantFor());
    assertThat(day().strangerRequester())
        .isEqualTo(new Requester.Unknown("mallory@elsewhere.example"));
    assertThat(day().victimThreadAfter()).isEqualTo(day().victimThreadBefore());
    assertThat(day().strangerTextReachedVictim()).isFalse();
  }

  @Test
  void day_everyCustomerGotTheirMailThroughTheMailServer() {
    // At least a confirmation or a staff reply, a proposed resolution and a feedback request.
    assertThat(day().inboxes())
        .hasSize(10)
        .allSatisfy((address, mails) -> assertThat(mails).as(address).isGreaterThanOrEqualTo(3));
  }

  @Test
  void day_everyClosedTicketWasClosedByItsCustomer_andStaffCouldNot() {
    assertThat(day().closures()).hasSize(10);
    for (SupportDay.Closure c : day().closures()) {
      assertThat(c.requester())
          .isEqualTo(new Requester.Known(((Actor.Customer) c.closedBy()).id()));
    }
    assertThat(day().staffCloseRefused()).contains("tina").contains("close");
    assertThat(day().feedbackGiven()).isEqualTo(10);
  }

  @Test
  void day_reportCountsTheBreachTheCreditTheTransferAndTheFeedback() {
    Figures all = day().report().overall();
    assertThat(all.tickets()).isEqualTo(12);
    assertThat(all.breaches()).isEqualTo(1);
    assertThat(all.compensationOwed()).containsEntry(Currency.getInstance("EUR"), 2_500L);
    assertThat(all.transfers()).isEqualTo(1);
    assertThat(all.feedback()).isEqualTo(10);
    assertThat(all.reopened()).isZero();
    assertThat(day().report().byDepartment()).hasSize(3);
  }
}
