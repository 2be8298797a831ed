package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One received mail message as the {@link MailArchive} keeps it: its dedupe key, the hash and size
 * of its raw bytes (which the archive keeps with it), and how far processing got. The record
 * outlives processing, so a second delivery of the same message is recognised as a duplicate.
 *
 * @param key the dedupe key: derived from the Message-ID, else from the raw bytes
 * @param rawSha256 the SHA-256 of the raw message
 * @param size the raw message's size in bytes
 * @param source where it came from, such as {@code pipe}, {@code smtp} or {@code imap:support}
 * @param receivedAt when it was first received
 * @param status how far processing got
 * @param detail what processing found: the ticket it landed in, why it was ignored or quarantined
 * @param updatedAt when the status last changed
 */
public record ArchivedMail(
    String key,
    String rawSha256,
    long size,
    String source,
    Instant receivedAt,
    Status status,
    String detail,
    Instant updatedAt) {

  /** The longest detail an archive keeps; longer details are cut by the caller. */
  public static final int DETAIL_MAX = 1000;

  /** How far a received message got. */
  public enum Status {
    /** Stored, not yet (or not successfully) processed; processing may be retried. */
    RECEIVED,
    /** Landed in a ticket. */
    PROCESSED,
    /** Deliberately not made into a ticket message: automatic mail, a refused sender. */
    IGNORED,
    /** Could not be processed; kept with the reason until replayed. */
    QUARANTINED
  }

  public ArchivedMail {
    requireNonNull(key, "key must not be null");
    checkArgument(
        !key.isBlank() && key.length() <= 200, "mail key must be 1-200 characters, got '%s'", key);
    requireNonNull(rawSha256, "rawSha256 must not be null");
    checkArgument(
        rawSha256.matches("[0-9a-f]{64}"),
        "rawSha256 must be 64 lowercase hex digits, got '%s'",
        rawSha256);
    checkArgument(size >= 0, "size must not be negative, got %s", size);
    requireNonNull(source, "source must not be null");
    checkArgument(
        !source.isBlank() && source.length() <= 100,
        "source must be 1-100 characters, got '%s'",
        source);
    requireNonNull(receivedAt, "receivedAt must not be null");
    requireNonNull(status, "status must not be null");
    requireNonNull(detail, "detail must not be null");
    checkArgument(
        detail.length() <= DETAIL_MAX,
        "detail must be at most %s characters, got %s",
        DETAIL_MAX,
        detail.length());
    requireNonNull(updatedAt, "updatedAt must not be null");
  }

  /** A message just received, not yet processed. */
  public static ArchivedMail received(
      String key, String rawSha256, long size, String source, Instant at) {
    return new ArchivedMail(key, rawSha256, size, source, at, Status.RECEIVED, "", at);
  }
}
