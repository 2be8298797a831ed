package dev.helpdesk.ticket;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Metadata of a stored attachment; the bytes live in the {@link dev.helpdesk.spi.AttachmentStore},
 * addressed by their SHA-256 so a file sent twice is stored once.
 */
public record AttachmentRef(String sha256, String filename, String contentType, long size) {
  public AttachmentRef {
    requireNonNull(sha256, "sha256 must not be null");
    requireNonNull(filename, "filename must not be null");
    requireNonNull(contentType, "contentType must not be null");
    checkArgument(
        sha256.matches("[0-9a-f]{64}"), "sha256 must be 64 lowercase hex digits, got '%s'", sha256);
    checkArgument(
        !filename.isBlank() && filename.length() <= 255,
        "filename must be 1-255 characters, got '%s'",
        filename);
    checkArgument(size >= 0, "size must not be negative, got %s", size);
  }
}
