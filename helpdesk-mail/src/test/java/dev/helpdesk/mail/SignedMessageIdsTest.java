package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.TicketRef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignedMessageIdsTest {
  static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.US_ASCII);
  static final TicketRef REF = new TicketRef("HD-7KQ2M9XA");

  private final SignedMessageIds ids = new SignedMessageIds("help.example.com", SECRET);

  @Test
  void mintedIdHasTheDocumentedShapeAndVerifiesToItsTicket() {
    String id = ids.mint(REF, "confirm:1234");

    assertThat(id).matches("<HD-7KQ2M9XA\\.[a-z2-7]{16}\\.[a-z2-7]{24}@help\\.example\\.com>");
    assertThat(ids.verify(id)).contains(REF);
  }

  @Test
  void sameUniqueGivesTheSameIdAndAnotherUniqueAnotherId() {
    assertThat(ids.mint(REF, "a")).isEqualTo(ids.mint(REF, "a"));
    assertThat(ids.mint(REF, "a")).isNotEqualTo(ids.mint(REF, "b"));
  }

  @Test
  void domainMatchesCaseInsensitivelyAndSurroundingBlanksAreForgiven() {
    String id = ids.mint(REF, "x");
    assertThat(ids.verify("  " + id.replace("help.example.com", "HELP.Example.COM") + "\t"))
        .contains(REF);
  }

  @Test
  void anotherDomainOrAnotherSecretDoesNotVerify() {
    String id = ids.mint(REF, "x");
    byte[] other = Arrays.copyOf(SECRET, SECRET.length);
    other[0] ^= 1;

    assertThat(new SignedMessageIds("help.example.com", other).verify(id)).isEmpty();
    assertThat(ids.verify(id.replace("help.example.com", "help.example.org"))).isEmpty();
  }

  @Test
  void aMacMovedToAnotherTicketDoesNotVerify() {
    String id = ids.mint(REF, "x");
    assertThat(ids.verify(id.replace("HD-7KQ2M9XA", "HD-7KQ2M9XB"))).isEmpty();
  }

  @Test
  void garbageGivesEmptyWithoutThrowing() {
    for (String garbage :
        Arrays.asList(
            null,
            "",
            "<>",
            "<@>",
            "<HD-7KQ2M9XA..@help.example.com>",
            "<HD-7KQ2M9XA.aaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa@help.example.com>",
            "<HD-ILOU0000.aaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa@help.example.com>",
            "<abc@help.example.com>",
            "\u0000\uFFFF<<>>@@")) {
      assertThat(ids.verify(garbage)).as("%s", garbage).isEmpty();
    }
  }

  @Test
  void firstVerifiedSkipsForeignIdsAndTakesTheFirstOfOurs() {
    TicketRef other = new TicketRef("HD-00000000");
    assertThat(
            ids.firstVerified(
                Arrays.asList(
                    "<foreign@mail.example>", null, ids.mint(REF, "1"), ids.mint(other, "2"))))
        .contains(REF);
    assertThat(ids.firstVerified(List.of("<foreign@mail.example>"))).isEmpty();
    assertThat(ids.firstVerified(null)).isEqualTo(Optional.empty());
  }

  @Test
  void rejectsAShortSecretAndABadDomain() {
    assertThatThrownBy(() -> new SignedMessageIds("help.example.com", new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes, got 15");
    assertThatThrownBy(() -> new SignedMessageIds("not a host", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'not a host'");
    assertThatThrownBy(() -> new SignedMessageIds("a@b.example", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a@b.example'");
  }

  @Test
  void theSecretIsCopiedSoTheCallerMayWipeIt() {
    byte[] secret = Arrays.copyOf(SECRET, SECRET.length);
    SignedMessageIds minter = new SignedMessageIds("help.example.com", secret);
    String before = minter.mint(REF, "x");
    Arrays.fill(secret, (byte) 0);
    assertThat(minter.mint(REF, "x")).isEqualTo(before);
    assertThat(ids.verify(before)).contains(REF);
  }
}
