package dev.helpdesk.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record of every mail message the desk received, written before the message is processed, so
 * that no message is lost and none is processed twice: a second delivery of one key finds the first
 * record, and a message that failed to process stays {@link ArchivedMail.Status#RECEIVED} or {@link
 * ArchivedMail.Status#QUARANTINED} until it is processed. Several nodes may share one archive; a
 * lease keeps two of them from processing one message at once. The archive keeps each message's raw
 * bytes with its record.
 */
public interface MailArchive {

  /**
   * Stores {@code mail} unless a record with its key exists, atomically: of two concurrent calls
   * with one key, exactly one stores its record.
   *
   * @return the record stored under the key afterwards: {@code mail}, or the earlier one
   */
  ArchivedMail receive(ArchivedMail mail);

  /** A raw message's bytes, opened only if the archive stores them. */
  @FunctionalInterface
  interface RawMessage {
    /** A new stream from the first byte; the archive closes it. */
    InputStream open() throws IOException;
  }

  /**
   * {@link #receive} and {@link #claim} in one write, with the raw message, for the usual case of a
   * message never seen before: stores {@code mail} leased to {@code owner} until {@code until},
   * together with its raw bytes, unless a record with its key exists. The record and the bytes are
   * stored together or not at all, so a message is never recorded without its bytes. Bytes already
   * stored (the same message under another key) are not stored or read again.
   *
   * @param raw {@code mail.size()} bytes of SHA-256 {@code mail.rawSha256()}
   * @return empty when {@code mail} was stored and is now claimed by {@code owner}; else the
   *     earlier record, unchanged and not claimed
   * @throws IllegalArgumentException when {@code raw} does not hold those bytes (nothing is stored)
   */
  Optional<ArchivedMail> receiveClaimed(
      ArchivedMail mail, RawMessage raw, String owner, Instant until);

  /**
   * The raw bytes of the message stored under {@code key}, as received; empty when there is no such
   * message or its bytes were not stored with it (a record from {@link #receive} alone).
   */
  Optional<InputStream> openRaw(String key);

  /**
   * Takes the right to process a message until {@code until}: true when its status is in {@code
   * from} and no other owner holds a lease that is still valid at {@code now}. An owner may renew
   * its own lease.
   */
  boolean claim(
      String key, Set<ArchivedMail.Status> from, String owner, Instant now, Instant until);

  /** Records how processing ended, with {@code detail}, and releases the lease. */
  void finish(String key, ArchivedMail.Status status, String detail, Instant at);

  Optional<ArchivedMail> find(String key);

  /**
   * Messages in {@code status} ordered by arrival (then key), the page after {@code after}, at most
   * {@code limit} of them.
   */
  List<ArchivedMail> list(ArchivedMail.Status status, Optional<ArchivedMail> after, int limit);
}
