package dev.helpdesk.spi;

import dev.helpdesk.ticket.AttachmentRef;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stores attachment bytes by content: streamed in and out, never wholly in memory, deduplicated by
 * SHA-256. Implementations enforce a size limit and fail with an {@link IllegalArgumentException}
 * naming it when a stream exceeds it (nothing is kept then).
 */
public interface AttachmentStore {

  /** Reads the stream to its end and stores it, returning its metadata; the caller closes it. */
  AttachmentRef put(String filename, String contentType, InputStream content);

  /** Opens stored bytes by their SHA-256; the caller closes the stream. */
  Optional<InputStream> open(String sha256);
}
