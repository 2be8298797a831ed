package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * At most {@code limit} messages per recipient within any sliding window of {@code per}, so an
 * autoresponder that ignores our Auto-Submitted header cannot keep a mail loop going. Memory is
 * bounded: beyond {@code maxRecipients} the least recently used recipients are forgotten.
 */
final class RecipientRateLimit {
  private final int limit;
  private final Duration per;
  private final Cache<String, Deque<Instant>> sent;

  /** A limit of {@code limit} messages per {@code per} for each of up to {@code maxRecipients}. */
  RecipientRateLimit(int limit, Duration per, long maxRecipients) {
    checkArgument(limit >= 1, "limit must be at least 1, got %s", limit);
    requireNonNull(per, "per must not be null");
    checkArgument(!per.isNegative() && !per.isZero(), "per must be positive, got %s", per);
    checkArgument(maxRecipients >= 1, "maxRecipients must be at least 1, got %s", maxRecipients);
    this.limit = limit;
    this.per = per;
    this.sent = CacheBuilder.newBuilder().maximumSize(maxRecipients).build();
  }

  /** Takes a slot for a message to {@code recipient} at {@code now}; false when over the limit. */
  synchronized boolean tryAcquire(String recipient, Instant now) {
    Deque<Instant> times = sent.asMap().computeIfAbsent(key(recipient), k -> new ArrayDeque<>());
    Instant windowStart = now.minus(per);
    while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
      times.removeFirst();
    }
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  /** Gives back a slot taken at {@code at} whose message was not sent after all. */
  synchronized void release(String recipient, Instant at) {
    Deque<Instant> times = sent.getIfPresent(key(recipient));
    if (times != null) {
      times.removeLastOccurrence(at);
    }
  }

  /** The limit, for log messages. */
  int limit() {
    return limit;
  }

  /** The window, for log messages. */
  Duration per() {
    return per;
  }

  private static String key(String recipient) {
    requireNonNull(recipient, "recipient must not be null");
    // Mailbox local parts are case-insensitive in practice; a loop must not escape by case.
    return recipient.strip().toLowerCase(Locale.ROOT);
  }
}
