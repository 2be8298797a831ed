package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.helpdesk.AttachmentRef;
import dev.helpdesk.ConcurrentUpdateException;
import dev.helpdesk.StoreException;
import dev.helpdesk.spi.AttachmentStore;
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
 * limit. Streams are spooled through temporary files, so memory use does not grow with file size.
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
    Path spool = tempFile();
    try {
      Hasher sha256 = Hashing.sha256().newHasher();
      long size = spool(content, spool, sha256);
      AttachmentRef ref = new AttachmentRef(sha256.hash().toString(), filename, contentType, size);
      try {
        database.transaction(
            h -> insert(h, ref, spool),
            failure ->
                JdbcErrors.translateConflict(
                    "storing attachment " + ref.sha256(),
                    failure,
                    "attachment " + ref.sha256() + " was stored concurrently"));
      } catch (ConcurrentUpdateException sameBytesStoredConcurrently) {
        // Another writer stored the same content first; content addressing makes that a success.
      }
      return ref;
    } finally {
      delete(spool);
    }
  }

  @Override
  public Optional<InputStream> open(String sha256) {
    requireNonNull(sha256, "sha256 must not be null");
    checkArgument(
        SHA256.matcher(sha256).matches(),
        "sha256 must be 64 lowercase hex digits, got '%s'",
        sha256);
    Path spool = tempFile();
    boolean found;
    try {
      found = database.transaction("reading attachment " + sha256, h -> copyOut(h, sha256, spool));
    } catch (RuntimeException e) {
      delete(spool);
      throw e;
    }
    if (!found) {
      delete(spool);
      return Optional.empty();
    }
    try {
      return Optional.of(new DeletingInputStream(Files.newInputStream(spool), spool));
    } catch (IOException e) {
      delete(spool);
      throw new UncheckedIOException("cannot read temporary file " + spool, e);
    }
  }

  /** Copies {@code in} to {@code file}, hashing and counting; beyond the limit nothing is kept. */
  private long spool(InputStream in, Path file, Hasher sha256) {
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        size += n;
        if (size > maxBytes) {
          throw new IllegalArgumentException(
              "attachment exceeds the size limit of " + maxBytes + " bytes");
        }
        sha256.putBytes(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attachment stream", e);
    }
    return size;
  }

  private static Void insert(Handle h, AttachmentRef ref, Path spool) throws IOException {
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
    try (InputStream in = Files.newInputStream(spool)) {
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

  private static boolean copyOut(Handle h, String sha256, Path spool) throws IOException {
    Optional<long[]> header =
        h.createQuery("SELECT size, chunk_size FROM attachments WHERE sha256 = :sha")
            .bind("sha", sha256)
            .map((rs, ctx) -> new long[] {rs.getLong("size"), rs.getLong("chunk_size")})
            .findOne();
    if (header.isEmpty()) {
      return false;
    }
    long size = header.get()[0];
    long chunks = (size + header.get()[1] - 1) / header.get()[1];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(spool)) {
      // One chunk per query: drivers that buffer a whole result set then hold one chunk at most.
      for (int seq = 0; seq < chunks; seq++) {
        int chunk = seq;
        byte[] data =
            h.createQuery("SELECT data FROM attachment_chunks WHERE sha256 = :sha AND seq = :seq")
                .bind("sha", sha256)
                .bind("seq", chunk)
                .mapTo(byte[].class)
                .findOne()
                .orElseThrow(() -> damaged(sha256, "chunk " + chunk + " is missing"));
        out.write(data);
        written += data.length;
      }
    }
    if (written != size) {
      throw damaged(sha256, written + " bytes stored, " + size + " expected");
    }
    return true;
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
