package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.helpdesk.domain.TicketRef;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of signed Message-IDs over random tickets, keys, edits and secrets. */
class SignedMessageIdsProperties {
  private static final String DOMAIN = "help.example.com";
  private static final SignedMessageIds IDS =
      new SignedMessageIds(DOMAIN, SignedMessageIdsTest.SECRET);

  private static final Gen<TicketRef> REFS =
      longs().all().map(s -> TicketRef.random(new Random(s)));
  private static final Gen<String> UNIQUES = strings().allPossible().ofLengthBetween(0, 60);

  /** Printable ASCII plus blanks and a few characters that matter in ids. */
  private static final Gen<Character> CHARS =
      integers().between(0x20, 0x7e).map(i -> (char) (int) i).mix(arbitrary().pick(' ', '\t', 'é'));

  @Test
  void mintedIdsAlwaysVerifyToTheirTicket() {
    qt().forAll(REFS, UNIQUES)
        .checkAssert((ref, u) -> assertThat(IDS.verify(IDS.mint(ref, u))).contains(ref));
  }

  @Test
  void anySingleCharacterChangeNeverVerifies() {
    qt().forAll(REFS, UNIQUES, integers().between(0, 1000), CHARS)
        .assuming((ref, u, pos, c) -> isRealChange(IDS.mint(ref, u), pos, c))
        .checkAssert(
            (ref, u, pos, c) -> {
              String id = IDS.mint(ref, u);
              int i = pos % id.length();
              String changed = id.substring(0, i) + c + id.substring(i + 1);
              assertThat(IDS.verify(changed)).as(changed).isEmpty();
            });
  }

  @Test
  void anotherSecretNeverVerifies() {
    qt().forAll(REFS, UNIQUES, longs().all(), longs().all())
        .checkAssert(
            (ref, u, a, b) -> {
              byte[] secret = ByteBuffer.allocate(16).putLong(a).putLong(b).array();
              SignedMessageIds other = new SignedMessageIds(DOMAIN, secret);
              assertThat(other.verify(IDS.mint(ref, u))).isEmpty();
              assertThat(IDS.verify(other.mint(ref, u))).isEmpty();
            });
  }

  @Test
  void randomStringsNeverThrowAndNeverVerify() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 120))
        .checkAssert(s -> assertThat(IDS.verify(s)).isEmpty());
    // Strings close to the real form reach the MAC comparison instead of failing the shape.
    qt().forAll(REFS, strings().basicLatinAlphabet().ofLengthBetween(0, 50))
        .checkAssert(
            (ref, s) -> assertThat(IDS.verify("<" + ref + "." + s + "@" + DOMAIN + ">")).isEmpty());
  }

  /**
   * A change that differs from the original, ignoring case in the domain where case does not count.
   */
  private static boolean isRealChange(String id, int pos, char c) {
    int i = pos % id.length();
    char old = id.charAt(i);
    if (old == c) {
      return false;
    }
    boolean inDomain = i > id.indexOf('@') && i < id.length() - 1;
    return !(inDomain && Character.toLowerCase(old) == Character.toLowerCase(c));
  }
}
