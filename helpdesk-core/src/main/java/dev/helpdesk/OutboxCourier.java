package dev.helpdesk;

import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.spi.DurableListener;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.spi.UndeliverableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries outbox messages out of the desk: leases each to this node (a conditional write, so two
 * nodes never deliver the same message at once), hands it to the notifier or the durable listeners,
 * and marks it delivered, or failed and due again after a backoff that doubles per failure. A
 * notification the notifier declares undeliverable is not retried: it is handed to {@code
 * onUndeliverable} to be recorded.
 */
final class OutboxCourier {
  private static final Logger log = LoggerFactory.getLogger(OutboxCourier.class);
  private static final int BATCH = 100;
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final TicketStore store;
  private final Notifier notifier;
  private final List<DurableListener> durableListeners;
  private final Supplier<Instant> clock;
  private final String node;
  private final Duration lease;
  private final BiConsumer<Notification, UndeliverableException> onUndeliverable;

  OutboxCourier(
      TicketStore store,
      Notifier notifier,
      List<DurableListener> durableListeners,
      Supplier<Instant> clock,
      String node,
      Duration lease,
      BiConsumer<Notification, UndeliverableException> onUndeliverable) {
    this.store = store;
    this.notifier = notifier;
    this.durableListeners = durableListeners;
    this.clock = clock;
    this.node = node;
    this.lease = lease;
    this.onUndeliverable = onUndeliverable;
  }

  /** Delivers until nothing is pending; returns how many messages this node delivered. */
  int deliverAll() {
    int delivered = 0;
    while (true) {
      Instant now = clock.get();
      List<OutboxMessage> page = store.pendingOutbox(now, BATCH);
      if (page.isEmpty()) {
        return delivered;
      }
      for (OutboxMessage m : page) {
        if (!store.leaseOutbox(m.key(), node, now, now.plus(lease))) {
          continue;
        }
        try {
          deliver(m);
          store.outboxDelivered(m.key(), clock.get());
          delivered++;
        } catch (UndeliverableException e) {
          log.warn("outbox message {} is undeliverable; recording it on the ticket", m.key(), e);
          store.outboxDelivered(m.key(), clock.get());
          onUndeliverable.accept((Notification) m.payload(), e);
        } catch (Exception e) {
          log.warn("delivery of outbox message {} failed; will retry", m.key(), e);
          store.outboxFailed(m.key(), String.valueOf(e), clock.get().plus(backoff(m.attempts())));
        }
      }
    }
  }

  /**
   * The wait after the {@code earlier}+1-th failed try: the lease, doubled per earlier failure, at
   * most {@link #MAX_BACKOFF}, so an SMTP server down for a day is not hammered every two minutes.
   */
  Duration backoff(int earlier) {
    Duration wait = lease.multipliedBy(1L << Math.min(earlier, 10));
    return wait.compareTo(MAX_BACKOFF) < 0 ? wait : MAX_BACKOFF;
  }

  private void deliver(OutboxMessage m) throws Exception {
    if (m.payload() instanceof Notification n) {
      notifier.send(m.key(), n);
    } else {
      HelpdeskEvent event = ((OutboxMessage.DurableEvent) m.payload()).event();
      for (DurableListener l : durableListeners) {
        l.onDurableEvent(m.key(), event);
      }
    }
  }
}
