package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.helpdesk.AttachmentRef;
import dev.helpdesk.ConcurrentUpdateException;
import dev.helpdesk.StoreException;
import dev.helpdesk.spi.AttachmentStore;
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
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Attachment bytes in the database, addressed by SHA-256 and cut into chunks of at most {@link
 * #CHUNK_BYTES}: no driver holds a whole file in memory, and no statement exceeds a server's packet
 * limit. Content larger than one chunk is spooled through temporary files, so memory use does not
 * grow with file size; smaller content, the usual case, never touches the disk outside the
 * database.
 */
final class JdbcAttachmentStore implements AttachmentStore {
  static final int CHUNK_BYTES = 1 << 20;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Database database;
  private final long maxBytes;
  private final Path tempDirectory;

  JdbcAttachmentStore(Database database, long maxBytes, Path tempDirectory) {
    this.database = requireNonNull(database, "database must not be null");
    checkArgument(maxBytes > 0, "attachment limit must be positive, got %s", maxBytes);
    this.maxBytes = maxBytes;
    this.tempDirectory = requireNonNull(tempDirectory, "tempDirectory must not be null");
  }

  @Override
  public AttachmentRef put(String filename, String contentType, InputStream content) {
    requireNonNull(filename, "filename must not be null");
    requireNonNull(contentType, "contentType must not be null");
    requireNonNull(content, "content must not be null");
    byte[] head = readHead(content);
    if (head.length <= CHUNK_BYTES) {
      // One chunk: the bytes in hand are the whole content, so no temporary file is needed.
      if (head.length > maxBytes) {
        throw tooLarge();
      }
      AttachmentRef ref =
          new AttachmentRef(
              Hashing.sha256().hashBytes(head).toString(), filename, contentType, head.length);
      store(ref, new Content.InMemory(head));
      return ref;
    }
    Path spool = tempFile();
    try {
      Hasher sha256 = Hashing.sha256().newHasher();
      long size = spool(head, content, spool, sha256);
      AttachmentRef ref = new AttachmentRef(sha256.hash().toString(), filename, contentType, size);
      store(ref, new Content.Spooled(spool));
      return ref;
    } finally {
      delete(spool);
    }
  }

  /** The content's first bytes, up to one more than a chunk: enough to tell if it fits in one. */
  private static byte[] readHead(InputStream content) {
    try {
      return content.readNBytes(CHUNK_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attachment stream", e);
    }
  }

  private void store(AttachmentRef ref, Content content) {
    try {
      database.transaction(
          h -> insert(h, ref, content),
          failure ->
              JdbcErrors.translateConflict(
                  "storing attachment " + ref.sha256(),
                  failure,
                  "attachment " + ref.sha256() + " was stored concurrently"));
    } catch (ConcurrentUpdateException sameBytesStoredConcurrently) {
      // Another writer stored the same content first; content addressing makes that a success.
    }
  }

  /** What {@link #insert} cuts into chunks: bytes in hand, or a spooled file. */
  private sealed interface Content {
    InputStream open() throws IOException;

    record InMemory(byte[] bytes) implements Content {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    }

    record Spooled(Path file) implements Content {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }
    }
  }

  @Override
  public Optional<InputStream> open(String sha256) {
    requireNonNull(sha256, "sha256 must not be null");
    checkArgument(
        SHA256.matcher(sha256).matches(),
        "sha256 must be 64 lowercase hex digits, got '%s'",
        sha256);
    return database.transaction("reading attachment " + sha256, h -> read(h, sha256));
  }

  /**
   * Copies {@code head} and then the rest of {@code in} to {@code file}, hashing and counting;
   * beyond the limit nothing is kept.
   */
  private long spool(byte[] head, InputStream in, Path file, Hasher sha256) {
    byte[] buffer = new byte[64 * 1024];
    long size = head.length;
    if (size > maxBytes) {
      throw tooLarge();
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      sha256.putBytes(head);
      out.write(head);
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        size += n;
        if (size > maxBytes) {
          throw tooLarge();
        }
        sha256.putBytes(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attachment stream", e);
    }
    return size;
  }

  private IllegalArgumentException tooLarge() {
    return new IllegalArgumentException(
        "attachment exceeds the size limit of " + maxBytes + " bytes");
  }

  private static Void insert(Handle h, AttachmentRef ref, Content content) throws IOException {
    boolean exists =
        h.createQuery("SELECT COUNT(*) FROM attachments WHERE sha256 = :sha")
                .bind("sha", ref.sha256())
                .mapTo(Integer.class)
                .one()
            > 0;
    if (exists) {
      return null;
    }
    // The header row first: a concurrent writer of the same bytes waits on its key and then fails
    // with a unique violation, instead of colliding on the chunks.
    h.createUpdate(
            "INSERT INTO attachments (sha256, size, chunk_size) VALUES (:sha, :size, :chunk)")
        .bind("sha", ref.sha256())
        .bind("size", ref.size())
        .bind("chunk", CHUNK_BYTES)
        .execute();
    // Sized to the content: a 1 MiB buffer per small attachment is a humongous G1 allocation.
    byte[] buffer = new byte[(int) Math.max(1, Math.min(CHUNK_BYTES, ref.size()))];
    try (InputStream in = content.open()) {
      int seq = 0;
      for (int n = in.readNBytes(buffer, 0, buffer.length);
          n > 0;
          n = in.readNBytes(buffer, 0, buffer.length)) {
        h.createUpdate(
                "INSERT INTO attachment_chunks (sha256, seq, data) VALUES (:sha, :seq, :data)")
            .bind("sha", ref.sha256())
            .bind("seq", seq++)
            .bind("data", n == buffer.length ? buffer : Arrays.copyOf(buffer, n))
            .execute();
      }
    }
    return null;
  }

  /**
   * One attachment's bytes: a single chunk in memory, more in a temporary file that is deleted when
   * the stream is closed.
   */
  private Optional<InputStream> read(Handle h, String sha256) throws IOException {
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
    return new StoreException("attachment " + sha256 + " is damaged: " + detail, false, null);
  }

  private Path tempFile() {
    try {
      return Files.createTempFile(tempDirectory, "helpdesk-attachment-", ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + tempDirectory, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete temporary file " + file, e);
    }
  }

  /** Reads a spooled attachment and deletes its temporary file when closed. */
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
