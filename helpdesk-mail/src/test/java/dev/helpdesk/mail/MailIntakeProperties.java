package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.helpdesk.spi.ArchivedMail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Damaged mail never escapes the intake as an exception and is never lost: whatever the bytes, the
 * intake reports an outcome, and unless it refused the message for good, the archive holds exactly
 * those bytes.
 */
class MailIntakeProperties {
  private static final int EXAMPLES = 300;

  private static final List<byte[]> VALID =
      List.of(
          Mails.from("Alice Example <alice@example.com>").messageId("<p1@mail.example>").bytes(),
          Mails.from("bob@example.com")
              .messageId("<p2@mail.example>")
              .subject("=?UTF-8?B?w5xiZXJ3ZWlzdW5n?= fehlt")
              .header("Cc", "ops@example.com")
              .header("Content-Type", "multipart/mixed; boundary=\"XX\"")
              .body(
                  "--XX\nContent-Type: text/plain; charset=iso-8859-1\n"
                      + "Content-Transfer-Encoding: quoted-printable\n\nGr=FC=DFe\n"
                      + "--XX\nContent-Type: application/octet-stream; name=\"a.bin\"\n"
                      + "Content-Transfer-Encoding: base64\n"
                      + "Content-Disposition: attachment; filename*=UTF-8''%C3%A4.bin\n\n"
                      + "AAECAwQFBgcICQ==\n--XX--\n")
              .bytes(),
          Mails.from("carol@acme.example")
              .messageId("<p3@mail.example>")
              .header("Content-Type", "multipart/alternative; boundary=\"AB\"")
              .body(
                  "--AB\nContent-Type: text/plain; charset=utf-8\n\nПривет\n"
                      + "--AB\nContent-Type: text/html; charset=utf-8\n\n"
                      + "<p>Привет<script>alert(1)</script></p>\n--AB--\n")
              .bytes());

  /** A valid message, then one random damage of the kinds real mail shows. */
  private static Gen<byte[]> damagedMail() {
    return Generate.pick(VALID)
        .zip(
            Generate.range(0, 5),
            Generate.longRange(0, Long.MAX_VALUE),
            MailIntakeProperties::damage);
  }

  private static byte[] damage(byte[] mail, int kind, long seed) {
    Random r = new Random(seed);
    String text = new String(mail, StandardCharsets.ISO_8859_1);
    switch (kind) {
      case 0:
        return Arrays.copyOf(mail, r.nextInt(mail.length + 1));
      case 1:
        byte[] flipped = mail.clone();
        for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
          flipped[r.nextInt(flipped.length)] = (byte) r.nextInt(256);
        }
        return flipped;
      case 2:
        int end = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, end);
        return (headers + "\r\n" + headers + text.substring(end))
            .getBytes(StandardCharsets.ISO_8859_1);
      case 3:
        return text.replace(": ", ":\r\n\t").getBytes(StandardCharsets.ISO_8859_1);
      case 4:
        return text.replaceAll("--(XX|AB)", r.nextBoolean() ? "--$1-" : "-$1")
            .getBytes(StandardCharsets.ISO_8859_1);
      default:
        return text.replace("\r\n", r.nextBoolean() ? "\n" : "\r")
            .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void damagedMail_neverThrowsAndIsNeverLost() {
    qt().withExamples(EXAMPLES)
        .forAll(damagedMail())
        .checkAssert(
            raw -> {
              MailDesk d = new MailDesk();

              IntakeResult result = d.intake.accept(new ByteArrayInputStream(raw), "property");

              assertThat(result)
                  .isNotInstanceOf(IntakeResult.TemporaryFailure.class)
                  .isNotInstanceOf(IntakeResult.Rejected.class);
              assertThat(archivedBytes(d)).containsExactly(raw);
            });
  }

  /** The raw bytes of every message in the archive, whatever its status. */
  private static List<byte[]> archivedBytes(MailDesk d) {
    List<byte[]> out = new ArrayList<>();
    for (ArchivedMail.Status status : ArchivedMail.Status.values()) {
      for (ArchivedMail m : d.archive.list(status, Optional.empty(), 10)) {
        try (InputStream in = d.archive.openRaw(m.key()).orElseThrow()) {
          out.add(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }
}
