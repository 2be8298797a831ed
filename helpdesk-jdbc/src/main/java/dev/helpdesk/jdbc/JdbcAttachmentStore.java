package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.ticket.AttachmentRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attachment bytes in the database as {@link ChunkedContent}. Content larger than one chunk is
 * spooled through a temporary file (its hash, the key, is known only at its end), so memory use
 * does not grow with file size; smaller content, the usual case, never touches the disk outside the
 * database.
 */
final class JdbcAttachmentStore implements AttachmentStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Database database;
  private final long maxBytes;
  private final ChunkedContent content;

  JdbcAttachmentStore(Database database, long maxBytes, ChunkedContent content) {
    this.database = requireNonNull(database, "database must not be null");
    checkArgument(maxBytes > 0, "attachment limit must be positive, got %s", maxBytes);
    this.maxBytes = maxBytes;
    this.content = requireNonNull(content, "content must not be null");
  }

  @Override
  public AttachmentRef put(String filename, String contentType, InputStream stream) {
    requireNonNull(filename, "filename must not be null");
    requireNonNull(contentType, "contentType must not be null");
    requireNonNull(stream, "content must not be null");
    byte[] head = readHead(stream);
    if (head.length <= ChunkedContent.CHUNK_BYTES) {
      // One chunk: the bytes in hand are the whole content, so no temporary file is needed.
      if (head.length > maxBytes) {
        throw tooLarge();
      }
      AttachmentRef ref =
          new AttachmentRef(
              Hashing.sha256().hashBytes(head).toString(), filename, contentType, head.length);
      store(ref, () -> new ByteArrayInputStream(head));
      return ref;
    }
    Path spool = content.tempFile();
    try {
      Hasher sha256 = Hashing.sha256().newHasher();
      long size = spool(head, stream, spool, sha256);
      AttachmentRef ref = new AttachmentRef(sha256.hash().toString(), filename, contentType, size);
      store(ref, () -> Files.newInputStream(spool));
      return ref;
    } finally {
      ChunkedContent.delete(spool);
    }
  }

  /** The content's first bytes, up to one more than a chunk: enough to tell if it fits in one. */
  private static byte[] readHead(InputStream stream) {
    try {
      return stream.readNBytes(ChunkedContent.CHUNK_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attachment stream", e);
    }
  }

  private void store(AttachmentRef ref, ChunkedContent.Source source) {
    try {
      database.transaction(
          h -> content.insert(h, ref.sha256(), ref.size(), source),
          failure ->
              JdbcErrors.translateConflict(
                  "storing attachment " + ref.sha256(),
                  failure,
                  "attachment " + ref.sha256() + " was stored concurrently"));
    } catch (ConcurrentUpdateException sameBytesStoredConcurrently) {
      // Another writer stored the same content first; content addressing makes that a success.
    }
  }

  @Override
  public Optional<InputStream> open(String sha256) {
    requireNonNull(sha256, "sha256 must not be null");
    checkArgument(
        SHA256.matcher(sha256).matches(),
        "sha256 must be 64 lowercase hex digits, got '%s'",
        sha256);
    return database.transaction("reading attachment " + sha256, h -> content.read(h, sha256));
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
}
