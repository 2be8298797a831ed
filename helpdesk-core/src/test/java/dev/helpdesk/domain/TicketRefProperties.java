package dev.helpdesk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class TicketRefProperties {

  @Test
  void parse_acceptsWhatPeopleType_lowercaseAndPadded() {
    qt().withExamples(1_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              TicketRef ref = TicketRef.random(new Random(seed));
              assertThat(TicketRef.parse("  " + ref.value().toLowerCase(Locale.ROOT) + "\n"))
                  .isEqualTo(ref);
            });
  }

  @Test
  void inText_findsTheReferenceInAnySubject() {
    qt().withExamples(1_000)
        .forAll(
            longs().all(),
            strings().basicLatinAlphabet().ofLengthBetween(0, 40),
            strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .checkAssert(
            (seed, before, after) -> {
              TicketRef ref = TicketRef.random(new Random(seed));
              Matcher m = TicketRef.inText().matcher(before + " [" + ref + "] " + after);
              assertThat(m.find()).isTrue();
              assertThat(new TicketRef(m.group())).isEqualTo(ref);
            });
  }

  @Test
  void parse_anythingElse_isRejectedNamingTheValue() {
    qt().withExamples(1_000)
        .forAll(strings().allPossible().ofLengthBetween(0, 20))
        .assuming(s -> !s.strip().toUpperCase(Locale.ROOT).matches("HD-[0-9A-HJKMNP-TV-Z]{8}"))
        .checkAssert(
            s ->
                assertThatThrownBy(() -> TicketRef.parse(s))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TicketRef"));
  }

  @Test
  void random_neverUsesAmbiguousLetters() {
    qt().withExamples(1_000)
        .forAll(longs().all())
        .checkAssert(
            seed ->
                assertThat(TicketRef.random(new Random(seed)).value().substring(3))
                    .doesNotContain("I", "L", "O", "U"));
  }
}
