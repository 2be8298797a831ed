package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lenient base64 decoder gives the same bytes however it is read, and the original bytes for
 * what a mail program writes.
 */
class LenientDecodingProperties {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
  private static final String NOISE = "\r\n \t=!*.\u00e9";

  @Test
  void anyInput_readInBlocksOfAnySize_decodesAsReadByteByByte() {
    qt().withExamples(300)
        .forAll(longs().all(), integers().between(0, 3000), integers().between(1, 5000))
        .checkAssert(
            (seed, length, block) -> {
              byte[] input = base64ish(new SplittableRandom(seed), length);
              assertThat(readInBlocks(input, block)).isEqualTo(readByteByByte(input));
            });
  }

  @Test
  void whatAMailProgramEncodes_decodesToTheOriginal() {
    qt().withExamples(200)
        .forAll(longs().all(), integers().between(0, 20_000), integers().between(1, 19))
        .checkAssert(
            (seed, length, lineQuanta) -> {
              byte[] original = new byte[length];
              new SplittableRandom(seed).nextBytes(original);
              String encoded =
                  Base64.getMimeEncoder(lineQuanta * 4, new byte[] {13, 10})
                      .encodeToString(original);
              assertThat(readInBlocks(encoded.getBytes(StandardCharsets.US_ASCII), 8192))
                  .isEqualTo(original);
            });
  }

  /** Mostly alphabet, with line breaks, padding and garbage where they may or may not belong. */
  private static byte[] base64ish(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(
          random.nextInt(10) == 0
              ? NOISE.charAt(random.nextInt(NOISE.length()))
              : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readInBlocks(byte[] input, int block) {
    try (InputStream in = LenientDecoding.decode(new ByteArrayInputStream(input), "base64")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[block];
      for (int n; (n = in.read(buffer, 0, buffer.length)) != -1; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readByteByByte(byte[] input) {
    try (InputStream in = LenientDecoding.decode(new ByteArrayInputStream(input), "base64")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int c; (c = in.read()) != -1; ) {
        out.write(c);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
