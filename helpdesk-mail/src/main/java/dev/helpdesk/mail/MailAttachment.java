package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;

/**
 * One attachment, streamed from the spooled file on demand (never held in memory), so a large
 * attachment costs no heap until someone reads it.
 */
record MailAttachment(
    String filename, String contentType, boolean downloadOnly, MailAttachment.IoSupplier content) {

  /** Opens the decoded bytes (base64/QP decoded); each call gives a fresh stream from the start. */
  interface IoSupplier {
    InputStream open() throws IOException;
  }

  MailAttachment {
    checkNotNull(filename, "filename is null (contentType %s)", contentType);
    checkArgument(!filename.isEmpty(), "filename is empty (contentType %s)", contentType);
    checkNotNull(contentType, "contentType is null for %s", filename);
    checkNotNull(content, "content is null for %s", filename);
  }
}
