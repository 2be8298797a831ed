package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.google.common.hash.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool keeps every byte and its hash, on the heap up to its limit and in a file beyond. */
class SpoolTest {
  private static final int LIMIT = Spool.IN_MEMORY_MAX;

  @TempDir Path dir;

  @Test
  void anyLengthReadInAnySlices_keepsEveryByteAndItsHash_inAFileOnlyBeyondTheLimit() {
    qt().withExamples(60)
        .forAll(
            integers().from(0).upToAndIncluding(3 * LIMIT),
            integers().between(1, 100_000),
            integers().between(0, 4))
        .checkAssert(
            (length, slice, nearTheLimit) -> {
              // Lengths right at the limit are what a slicing bug would get wrong; draw them often.
              int size = nearTheLimit == 0 ? length : LIMIT - 2 + nearTheLimit;
              byte[] bytes = random(size);
              try (Spool spool = Spool.of(new Sliced(bytes, slice), dir, Long.MAX_VALUE)) {
                assertThat(spool.size()).isEqualTo(size);
                assertThat(spool.sha256()).isEqualTo(Hashing.sha256().hashBytes(bytes).toString());
                try (InputStream in = spool.open()) {
                  assertThat(in.readAllBytes()).isEqualTo(bytes);
                }
                try (InputStream in = spool.shared()) {
                  assertThat(in.readAllBytes()).isEqualTo(bytes);
                }
                assertThat(files()).as("files for %s bytes", size).hasSize(size > LIMIT ? 1 : 0);
                assertThat(spool.location())
                    .isEqualTo(size > LIMIT ? files().get(0) + "" : "memory");
              } catch (IOException | Spool.TooLargeException e) {
                throw new AssertionError(e);
              }
              assertThat(files()).as("files after closing").isEmpty();
            });
  }

  @Test
  void overTheCap_belowTheMemoryLimit_isRefusedNamingTheCap() {
    assertThatThrownBy(() -> Spool.of(new ByteArrayInputStream(random(1001)), dir, 1000))
        .isInstanceOf(Spool.TooLargeException.class)
        .hasMessageContaining("limit of 1000 bytes");
    assertThat(files()).isEmpty();
  }

  @Test
  void overTheCap_beyondTheMemoryLimit_isRefusedAndItsFileDeleted() throws Exception {
    long cap = 2L * LIMIT;
    assertThatThrownBy(() -> Spool.of(new ByteArrayInputStream(random((int) cap + 1)), dir, cap))
        .isInstanceOf(Spool.TooLargeException.class)
        .hasMessageContaining("limit of " + cap + " bytes");
    assertThat(files()).isEmpty();
    try (Spool exactlyTheCap = Spool.of(new ByteArrayInputStream(random((int) cap)), dir, cap)) {
      assertThat(exactlyTheCap.size()).isEqualTo(cap);
    }
  }

  private List<Path> files() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
    return bytes;
  }

  /** Hands out at most {@code slice} bytes per read, as a socket or a pipe does. */
  private static final class Sliced extends InputStream {
    private final ByteArrayInputStream in;
    private final int slice;

    Sliced(byte[] bytes, int slice) {
      this.in = new ByteArrayInputStream(bytes);
      this.slice = slice;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, Math.min(len, slice));
    }
  }
}
