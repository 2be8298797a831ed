package dev.helpdesk.jdbc;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.helpdesk.domain.StoreException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Content addressed by SHA-256 in the {@code attachments} and {@code attachment_chunks} tables, cut
 * into chunks of at most {@link #CHUNK_BYTES}: no driver holds a whole file in memory, and no
 * statement exceeds a server's packet limit. The attachment store and the mail archive (for raw
 * messages) both keep their bytes here, each inside its own transactions.
 */
final class ChunkedContent {
  static final int CHUNK_BYTES = 1 << 20;

  private final Dialect dialect;
  private final Path tempDirectory;

  ChunkedContent(Dialect dialect, Path tempDirectory) {
    this.dialect = requireNonNull(dialect, "dialect must not be null");
    this.tempDirectory = requireNonNull(tempDirectory, "tempDirectory must not be null");
  }

  /** Opens content to store. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  /**
   * Stores {@code size} bytes from {@code source} under {@code sha256}, unless content with that
   * hash is stored already, in which case {@code source} is not opened. For a caller that computed
   * {@code sha256} from these very bytes; {@link #insertVerified} checks it.
   *
   * @throws IllegalArgumentException when {@code source} does not hold exactly {@code size} bytes;
   *     the caller's transaction must then roll back
   * @return whether the content was new
   */
  boolean insert(Handle h, String sha256, long size, Source source) throws IOException {
    return insert(h, sha256, size, source, false);
  }

  /**
   * {@link #insert}, checking as well that the bytes have the SHA-256 {@code sha256}, for bytes
   * whose address comes from elsewhere.
   */
  boolean insertVerified(Handle h, String sha256, long size, Source source) throws IOException {
    return insert(h, sha256, size, source, true);
  }

  private boolean insert(Handle h, String sha256, long size, Source source, boolean verify)
      throws IOException {
    // The header row first: a concurrent writer of the same bytes waits on its key, instead of
    // colliding on the chunks.
    int inserted =
        h.createUpdate(dialect.insertAttachmentUnlessStored())
            .bind("sha", sha256)
            .bind("size", size)
            .bind("chunk", CHUNK_BYTES)
            .execute();
    if (inserted == 0) {
      return false;
    }
    // Sized to the content: a 1 MiB buffer per small attachment is a humongous G1 allocation.
    byte[] buffer = new byte[(int) Math.max(1, Math.min(CHUNK_BYTES, size))];
    Hasher hasher = Hashing.sha256().newHasher();
    long read = 0;
    try (InputStream in = source.open()) {
      int seq = 0;
      for (int n = in.readNBytes(buffer, 0, buffer.length);
          n > 0;
          n = in.readNBytes(buffer, 0, buffer.length)) {
        read += n;
        if (read > size) {
          break;
        }
        if (verify) {
          hasher.putBytes(buffer, 0, n);
        }
        h.createUpdate(
                "INSERT INTO attachment_chunks (sha256, seq, data) VALUES (:sha, :seq, :data)")
            .bind("sha", sha256)
            .bind("seq", seq++)
            .bind("data", n == buffer.length ? buffer : Arrays.copyOf(buffer, n))
            .execute();
      }
    }
    if (read != size) {
      throw new IllegalArgumentException(
          String.format(
              "content does not match its address: %s bytes were announced under SHA-256 %s, the"
                  + " stream held %s%s bytes",
              size, sha256, read > size ? "more than " : "", Math.min(read, size)));
    }
    if (verify) {
      String actual = hasher.hash().toString();
      if (!actual.equals(sha256)) {
        throw new IllegalArgumentException(
            "content does not match its address: SHA-256 "
                + sha256
                + " was announced, not "
                + actual);
      }
    }
    return true;
  }

  /**
   * The bytes stored under {@code sha256}: a single chunk in memory, more in a temporary file that
   * is deleted when the stream is closed.
   */
  Optional<InputStream> read(Handle h, String sha256) throws IOException {
    Optional<long[]> header =
        h.createQuery("SELECT size, chunk_size FROM attachments WHERE sha256 = :sha")
            .bind("sha", sha256)
            .map((rs, ctx) -> new long[] {rs.getLong("size"), rs.getLong("chunk_size")})
            .findOne();
    if (header.isEmpty()) {
      return Optional.empty();
    }
    long size = header.get()[0];
    long chunks = (size + header.get()[1] - 1) / header.get()[1];
    if (chunks <= 1) {
      byte[] data = chunks == 0 ? new byte[0] : chunk(h, sha256, 0);
      checkSize(sha256, data.length, size);
      return Optional.of(new ByteArrayInputStream(data));
    }
    Path spool = tempFile();
    try {
      long written = 0;
      try (OutputStream out = Files.newOutputStream(spool)) {
        // One chunk per query: drivers that buffer a whole result set then hold one chunk at most.
        for (int seq = 0; seq < chunks; seq++) {
          byte[] data = chunk(h, sha256, seq);
          out.write(data);
          written += data.length;
        }
      }
      checkSize(sha256, written, size);
      return Optional.of(new DeletingInputStream(Files.newInputStream(spool), spool));
    } catch (IOException | RuntimeException e) {
      delete(spool);
      throw e;
    }
  }

  private static byte[] chunk(Handle h, String sha256, int seq) {
    return h.createQuery("SELECT data FROM attachment_chunks WHERE sha256 = :sha AND seq = :seq")
        .bind("sha", sha256)
        .bind("seq", seq)
        .mapTo(byte[].class)
        .findOne()
        .orElseThrow(() -> damaged(sha256, "chunk " + seq + " is missing"));
  }

  private static void checkSize(String sha256, long read, long expected) {
    if (read != expected) {
      throw damaged(sha256, read + " bytes stored, " + expected + " expected");
    }
  }

  private static StoreException damaged(String sha256, String detail) {
    return new StoreException("content " + sha256 + " is damaged: " + detail, false, null);
  }

  /** A new temporary file for content larger than a chunk. */
  Path tempFile() {
    try {
      return Files.createTempFile(tempDirectory, "helpdesk-attachment-", ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + tempDirectory, e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete temporary file " + file, e);
    }
  }

  /** Reads spooled content and deletes its temporary file when closed. */
  private static final class DeletingInputStream extends FilterInputStream {
    private final Path file;

    DeletingInputStream(InputStream in, Path file) {
      super(in);
      this.file = file;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
