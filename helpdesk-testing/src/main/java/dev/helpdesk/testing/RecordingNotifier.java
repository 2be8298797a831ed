package dev.helpdesk.testing;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.UndeliverableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier that keeps what it was asked to send; it can be told to fail the next sends. */
public final class RecordingNotifier implements Notifier {
  /** One send call: the outbox key and the notification. */
  public record Sent(String key, Notification notification) {}

  private final List<Sent> sent = new ArrayList<>();
  private final AtomicInteger failuresToInject = new AtomicInteger();
  private final Set<String> refused = new HashSet<>();
  private int refusals;

  @Override
  public synchronized void send(String key, Notification notification)
      throws UndeliverableException {
    if (refused.contains(notification.recipientEmail())) {
      refusals++;
      throw new UndeliverableException(
          notification.recipientEmail(), "550 5.1.1 no such user (injected)", null);
    }
    if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("injected failure sending " + key);
    }
    sent.add(new Sent(key, notification));
  }

  /** Makes the next {@code count} sends fail, as an unreachable mail server would. */
  public void failNext(int count) {
    failuresToInject.set(count);
  }

  /** Makes every send to {@code email} fail permanently, as a recipient's server rejecting it. */
  public synchronized void refuse(String email) {
    refused.add(email);
  }

  /** How many sends were refused permanently so far. */
  public synchronized int refusals() {
    return refusals;
  }

  /** Everything sent so far, in order. */
  public synchronized List<Sent> sent() {
    return ImmutableList.copyOf(sent);
  }

  /** The notifications of one kind sent so far. */
  public synchronized List<Notification> sent(Notification.Kind kind) {
    return sent.stream()
        .map(Sent::notification)
        .filter(n -> n.kind() == kind)
        .collect(ImmutableList.toImmutableList());
  }
}
