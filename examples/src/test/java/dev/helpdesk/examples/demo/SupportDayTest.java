package dev.helpdesk.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.Channel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo's day once and checks the story's facts, not its wording. */
class SupportDayTest {
  private static SupportDay.Facts facts;
  private static String output;

  @BeforeAll
  static void runTheDay() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    facts = SupportDay.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void russianKoreanAndTurkishMail_arriveIntactInTheirTickets() {
    assertThat(facts.arrivals())
        .extracting(SupportDay.Arrival::language)
        .containsExactly("Russian", "Korean", "Turkish");
    for (SupportDay.Arrival a : facts.arrivals()) {
      assertThat(a.storedSubject()).as(a.language() + " subject").isEqualTo(a.sentSubject());
      assertThat(a.storedBody()).as(a.language() + " body").isEqualTo(a.sentBody().strip());
    }
  }

  @Test
  void theReplyFromTheMailProgram_landsInTheSameTicket_withoutTheQuote() {
    SupportDay.Landing reply = facts.replyFromMailProgram();
    assertThat(reply.landedIn()).isEqualTo(reply.meantFor());
    assertThat(reply.body()).contains("203.0.113.17").doesNotContain("> ");
  }

  @Test
  void ticketsAreCountedByChannel() {
    assertThat(facts.openedByChannel()).containsEntry(Channel.EMAIL, 3);
  }

  @Test
  void theTimelineIsPrinted() {
    assertThat(output).contains("opened by").contains("message from");
  }
}
