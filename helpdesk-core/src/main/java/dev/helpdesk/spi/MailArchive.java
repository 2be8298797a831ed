package dev.helpdesk.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record of every mail message the desk received, written before the message is processed, so
 * that no message is lost and none is processed twice: a second delivery of one key finds the first
 * record, and a message that failed to process stays {@link ArchivedMail.Status#RECEIVED} or {@link
 * ArchivedMail.Status#QUARANTINED} until it is processed. Several nodes may share one archive; a
 * lease keeps two of them from processing one message at once.
 */
public interface MailArchive {

  /**
   * Stores {@code mail} unless a record with its key exists, atomically: of two concurrent calls
   * with one key, exactly one stores its record.
   *
   * @return the record stored under the key afterwards: {@code mail}, or the earlier one
   */
  ArchivedMail receive(ArchivedMail mail);

  /**
   * {@link #receive} and {@link #claim} in one write, for the usual case of a message never seen
   * before: stores {@code mail} leased to {@code owner} until {@code until}, unless a record with
   * its key exists.
   *
   * @return empty when {@code mail} was stored and is now claimed by {@code owner}; else the
   *     earlier record, unchanged and not claimed
   */
  Optional<ArchivedMail> receiveClaimed(ArchivedMail mail, String owner, Instant until);

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
