package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whatever lines a reply is made of, stripping only ever cuts: the result is the start of the text,
 * never holds our marker and never ends in a quote.
 */
class ReplyStripperProperties {
  private static final List<String> LINES =
      List.of(
          "Thanks, it works now.",
          "",
          "  ",
          "> quoted line",
          ">",
          "> > deeper quote",
          MailHeaders.REPLY_MARKER,
          "> " + MailHeaders.REPLY_MARKER,
          "On Mon, Dec 7, 2026 at 9:02 AM Support <support@desk.example.com> wrote:",
          "On Mon, Dec 7, 2026 at 9:02 AM Support Desk <",
          "support@desk.example.com> wrote:",
          "Am 07.12.2026 um 09:02 schrieb Support:",
          "-----Original Message-----",
          "From: Support <support@desk.example.com>",
          "Sent: Monday, December 7, 2026 9:02 AM",
          "Von: Support",
          "Gesendet: Montag",
          "-- ",
          "Sent from my iPhone",
          "On Monday the printer broke.",
          "my colleague wrote:",
          "________________________________",
          "Привет, всё работает.",
          "2026年12月7日(月) 9:02 Support <support@desk.example.com>:",
          "\r",
          "line with trailing spaces   ");

  @Test
  void strippingOnlyCuts() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, LINES.size() - 1)).ofSizeBetween(0, 25))
        .checkAssert(
            picks -> {
              String text = picks.stream().map(LINES::get).collect(Collectors.joining("\n"));
              String result = ReplyStripper.newPart(text);
              String normalized = text.replace("\r\n", "\n").replace('\r', '\n').strip();
              assertThat(normalized).startsWith(result);
              assertThat(result).doesNotContain(MailHeaders.REPLY_MARKER);
              if (!result.isEmpty()) {
                String[] lines = result.split("\n");
                assertThat(lines[lines.length - 1].strip()).doesNotStartWith(">");
              }
            });
  }

  private static final List<String> HEADER_PIECES =
      List.of(
          "On Mon, 7 Dec 2026",
          "Am 07.12.2026",
          "Le 7 déc.",
          "Alice <alice@example.net>",
          " wrote",
          " schrieb",
          " a écrit",
          " пишет",
          "書きました",
          "のメール",
          "写道",
          ":",
          "：",
          " ",
          "\t",
          "\u2003",
          "\u000B",
          "x");

  @Test
  void theQuickTestBeforeTheWroteHeaderPattern_neverChangesItsAnswer() {
    qt().withExamples(2000)
        .forAll(lists().of(integers().between(0, HEADER_PIECES.size() - 1)).ofSizeBetween(1, 9))
        .checkAssert(
            pieces -> {
              String line = pieces.stream().map(HEADER_PIECES::get).collect(Collectors.joining());
              assertThat(ReplyStripper.onWrote(line))
                  .as("'%s'", line)
                  .isEqualTo(ReplyStripper.ON_WROTE.matcher(line).matches());
            });
  }
}
