package dev.helpdesk;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketNotFoundException;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.internal.TicketAggregate;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.HelpdeskListener;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.ticket.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every ticket command takes: load the ticket, authorize the actor, let the aggregate
 * decide, commit the ticket with its events, entries and outbox atomically, and tell the listeners.
 * A lost optimistic race is decided again on the fresh state, after a jittered backoff, so a retry
 * never applies a stale decision.
 */
final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  static final int COMMIT_ATTEMPTS = 8;
  private static final int MERGE_CHAIN_MAX = 32;

  final TicketStore store;
  final Directory directory;
  final TicketAggregate aggregate;
  final Authorization auth;
  final Notifications notifications;
  private final List<HelpdeskListener> listeners;
  private final Clock clock;
  private final RandomGenerator random;

  Pipeline(
      TicketStore store,
      Directory directory,
      TicketAggregate aggregate,
      List<HelpdeskListener> listeners,
      Clock clock,
      RandomGenerator random) {
    this.store = store;
    this.directory = directory;
    this.aggregate = aggregate;
    this.auth = new Authorization(directory);
    this.notifications = new Notifications(directory);
    this.listeners = ImmutableList.copyOf(listeners);
    this.clock = clock;
    this.random = random;
  }

  /** What a command does to the current ticket at {@code now}: its step, or a thrown refusal. */
  @FunctionalInterface
  interface Command {
    Step decide(Ticket current, Instant now);
  }

  /** Loads, authorizes, decides and commits one command on the ticket {@code ref}. */
  Ticket execute(TicketRef ref, Actor actor, Action action, Command command) {
    requireNonNull(ref, "ticket must not be null");
    requireNonNull(actor, "actor must not be null");
    for (int attempt = 1; ; attempt++) {
      Ticket current = load(ref);
      auth.see(current, actor, action.verb());
      Step step = command.decide(current, now());
      try {
        return commit(current, step);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= COMMIT_ATTEMPTS) {
          throw e;
        }
        log.debug("ticket {} changed concurrently; retrying {} (attempt {})", ref, action, attempt);
        backOff(attempt, e);
      }
    }
  }

  /** Applies the step's events with the aggregate, commits it all atomically, tells listeners. */
  Ticket commit(Ticket current, Step step) {
    TicketChange change = prepare(current, step);
    store.commit(change);
    step.events().forEach(this::publish);
    return change.ticket();
  }

  /** The change a step makes to a ticket: its events applied by the aggregate. */
  TicketChange prepare(Ticket current, Step step) {
    Ticket after = aggregate.evolve(current, step.events(), planOf(current.requester()));
    return new TicketChange(
        after, current.version(), step.entries(), step.events(), step.outbox(), step.onceKeys());
  }

  /** Tells every listener; a failing listener is logged and cannot stop the desk. */
  void publish(HelpdeskEvent event) {
    for (HelpdeskListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.error("listener {} failed on {}; the desk goes on", l, event, e);
      }
    }
  }

  /**
   * Waits a random time that doubles with each lost race (up to 64 ms), so that many writers on one
   * ticket spread out instead of colliding again in lockstep.
   */
  private void backOff(int attempt, ConcurrentUpdateException lost) {
    try {
      Thread.sleep(random.nextInt(1 << Math.min(attempt, 6)) + 1L);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw lost;
    }
  }

  /** The desk's time, at the microsecond precision every store keeps, so all stores agree. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A new random id (tickets, entries, incidents). */
  UUID newId() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  TicketRef newReference() {
    return TicketRef.random(random);
  }

  Ticket load(TicketRef ref) {
    requireNonNull(ref, "ticket must not be null");
    return store.findByReference(ref).orElseThrow(() -> new TicketNotFoundException(ref.value()));
  }

  /** Follows merges to the ticket that survives; merges only go to older tickets, so this ends. */
  Ticket survivor(Ticket t) {
    Ticket current = t;
    for (int i = 0; i < MERGE_CHAIN_MAX && current.mergedInto().isPresent(); i++) {
      TicketId into = current.mergedInto().get();
      current = store.find(into).orElseThrow(() -> new TicketNotFoundException(into.toString()));
    }
    checkState(
        current.mergedInto().isEmpty(),
        "merge chain of %s is longer than %s",
        t.reference(),
        MERGE_CHAIN_MAX);
    return current;
  }

  /** The requester's plan as the directory tells it now; unknown requesters have none. */
  Optional<PlanId> planOf(Requester requester) {
    return customerOf(requester).map(CustomerProfile::plan);
  }

  Optional<CustomerProfile> customerOf(Requester requester) {
    return requester instanceof Requester.Known k
        ? directory.customer(k.customer())
        : Optional.empty();
  }
}
