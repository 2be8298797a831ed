package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relay's own parsing: which arguments take the fast path, and the envelope sender. */
class PipeRelayTest {
  private static String sender(String header) {
    return PipeRelay.senderOf(header.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void fastPath_onlyForExactlyTheRelayOptions() {
    assertThat(PipeRelay.fastPath(new String[] {"pipe", "--relay=h:25", "--recipient", "a@b"}))
        .contains(new PipeRelay.Request("h", 25, "a@b", Optional.empty()));
    assertThat(
            PipeRelay.fastPath(
                new String[] {"pipe", "--relay", "[::1]:2525", "--recipient=a@b", "--sender="}))
        .contains(new PipeRelay.Request("::1", 2525, "a@b", Optional.of("")));
    // Anything else goes to the full command line, which reports errors and reads --config.
    assertThat(PipeRelay.fastPath(new String[] {"pipe", "--relay=h:25"})).isEmpty();
    assertThat(
            PipeRelay.fastPath(
                new String[] {"pipe", "--relay=h:25", "--recipient=a@b", "--config=x"}))
        .isEmpty();
    assertThat(PipeRelay.fastPath(new String[] {"pipe", "--relay=h:99999", "--recipient=a@b"}))
        .isEmpty();
    assertThat(PipeRelay.fastPath(new String[] {"serve", "--relay=h:25", "--recipient=a@b"}))
        .isEmpty();
    assertThat(PipeRelay.fastPath(new String[] {"pipe", "--relay=h:25", "--recipient"})).isEmpty();
  }

  @Test
  void request_namesTheBadValue() {
    assertThatThrownBy(() -> PipeRelay.request("h:x", "a@b", Optional.empty()))
        .hasMessage("--relay port must be a number, got 'h:x'");
    assertThatThrownBy(() -> PipeRelay.request("h:25", "a@b>\r\nRSET", Optional.empty()))
        .hasMessageContaining("--recipient is not an address");
    assertThatThrownBy(() -> PipeRelay.request("h:25", "a@b", Optional.of("x\nDATA")))
        .hasMessageContaining("--sender is not an address");
  }

  @Test
  void sender_isTheFirstReturnPath_elseTheFromAddress() {
    assertThat(sender("Return-Path: <>\r\nFrom: a@example.net\r\n\r\n")).isEmpty();
    assertThat(sender("From: Bob <bob@example.net>\nReturn-Path: <bounce@example.net>\n\n"))
        .isEqualTo("bounce@example.net");
    assertThat(sender("From: \"Smith, Bob\"\r\n <bob@example.net>\r\nTo: x@y\r\n\r\n"))
        .isEqualTo("bob@example.net");
    assertThat(sender("from: bob@example.net (Bob)\n\n")).isEqualTo("bob@example.net");
    assertThat(sender("Subject: no sender\n\n")).isEmpty();
  }

  @Test
  void sender_neverCarriesALineBreakOrAngleBracket() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(
            text -> {
              String s = sender("From: " + text + "\r\nReturn-Path: " + text + "\r\n\r\n");
              assertThat(s).doesNotContain("\r", "\n", "<", ">");
            });
  }
}
