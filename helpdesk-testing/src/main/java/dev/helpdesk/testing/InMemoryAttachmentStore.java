package dev.helpdesk.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingInputStream;
import com.google.common.io.ByteStreams;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.ticket.AttachmentRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An attachment store in memory, deduplicated by SHA-256 and with a size limit, for tests. */
public final class InMemoryAttachmentStore implements AttachmentStore {
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final long maxBytes;

  /** A store refusing attachments larger than {@code maxBytes}. */
  public InMemoryAttachmentStore(long maxBytes) {
    checkArgument(maxBytes > 0, "maxBytes must be positive, got %s", maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  public AttachmentRef put(String filename, String contentType, InputStream content) {
    requireNonNull(content, "content must not be null");
    try {
      HashingInputStream hashing = new HashingInputStream(Hashing.sha256(), content);
      byte[] bytes = ByteStreams.toByteArray(ByteStreams.limit(hashing, maxBytes + 1));
      checkArgument(
          bytes.length <= maxBytes,
          "attachment '%s' exceeds the limit of %s bytes",
          filename,
          maxBytes);
      String sha256 = hashing.hash().toString();
      AttachmentRef ref = new AttachmentRef(sha256, filename, contentType, bytes.length);
      blobs.putIfAbsent(sha256, bytes);
      return ref;
    } catch (IOException e) {
      throw new UncheckedIOException("reading attachment '" + filename + "' failed", e);
    }
  }

  @Override
  public Optional<InputStream> open(String sha256) {
    return Optional.ofNullable(blobs.get(requireNonNull(sha256, "sha256 must not be null")))
        .map(ByteArrayInputStream::new);
  }
}
