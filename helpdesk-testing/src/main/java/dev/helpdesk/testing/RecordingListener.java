package dev.helpdesk.testing;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.spi.DurableListener;
import dev.helpdesk.spi.HelpdeskListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A listener (plain and durable) that keeps every event it receives, for assertions. */
public final class RecordingListener implements HelpdeskListener, DurableListener {
  /** One durable delivery: the idempotency key and the event. */
  public record Durable(String key, HelpdeskEvent event) {}

  private final List<HelpdeskEvent> events = new ArrayList<>();
  private final List<Durable> durable = new ArrayList<>();

  @Override
  public synchronized void onEvent(HelpdeskEvent event) {
    events.add(event);
    notifyAll();
  }

  @Override
  public synchronized void onDurableEvent(String key, HelpdeskEvent event) {
    durable.add(new Durable(key, event));
  }

  /** The events received after commits, in order. */
  public synchronized List<HelpdeskEvent> events() {
    return ImmutableList.copyOf(events);
  }

  /** The events of one type received so far. */
  public synchronized <E extends HelpdeskEvent> List<E> events(Class<E> type) {
    return events.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Waits until an event of {@code type} has arrived, for tests of work on other threads; returns
   * it, or throws after {@code timeout}.
   */
  public synchronized <E extends HelpdeskEvent> E await(Class<E> type, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (List<E> seen = events(type); seen.isEmpty(); seen = events(type)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + type.getSimpleName() + " within " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return events(type).get(0);
  }

  /** The durable deliveries received from the outbox, in order. */
  public synchronized List<Durable> durable() {
    return ImmutableList.copyOf(durable);
  }
}
