package dev.helpdesk.testing;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.spi.DurableListener;
import dev.helpdesk.spi.HelpdeskListener;
import java.util.ArrayList;
import java.util.List;

/** A listener (plain and durable) that keeps every event it receives, for assertions. */
public final class RecordingListener implements HelpdeskListener, DurableListener {
  /** One durable delivery: the idempotency key and the event. */
  public record Durable(String key, HelpdeskEvent event) {}

  private final List<HelpdeskEvent> events = new ArrayList<>();
  private final List<Durable> durable = new ArrayList<>();

  @Override
  public synchronized void onEvent(HelpdeskEvent event) {
    events.add(event);
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

  /** The durable deliveries received from the outbox, in order. */
  public synchronized List<Durable> durable() {
    return ImmutableList.copyOf(durable);
  }
}
