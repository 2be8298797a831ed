package dev.helpdesk.testing;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.spi.TimeCursor;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link TicketStore} in memory, for tests, demos and benchmarks. It keeps the same indexes a
 * database would (queues, due checks, a customer's tickets), so it answers every query without
 * scanning all tickets, and it passes the same {@code TicketStoreContract} as the JDBC store.
 * Thread-safe: one lock serializes writes, which also makes every commit atomic.
 */
public final class InMemoryTicketStore implements TicketStore {

  private static final Comparator<Ticket> NEWEST_FIRST =
      Comparator.comparing(Ticket::openedAt).reversed().thenComparing(t -> t.id().toString());

  private record Due(Instant at, String ticket) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : ticket.compareTo(o.ticket);
    }
  }

  private static final class OutboxRecord {
    final OutboxMessage message;
    Instant deliveredAt;
    String leaseOwner;
    Instant leaseUntil;
    Instant nextAttemptAt;
    int attempts;
    String lastError;

    OutboxRecord(OutboxMessage message) {
      this.message = message;
      this.nextAttemptAt = message.createdAt();
    }
  }

  private final Map<TicketId, Ticket> tickets = new HashMap<>();
  private final Map<TicketRef, TicketId> byReference = new HashMap<>();
  private final Map<TicketId, List<ThreadEntry>> threads = new HashMap<>();
  private final Map<TicketId, List<HelpdeskEvent>> events = new HashMap<>();
  private final Set<Object> entryIds = new HashSet<>();
  private final Map<String, TicketId> byMessageId = new HashMap<>();
  private final Map<DepartmentId, NavigableSet<QueueKey>> queues = new HashMap<>();
  private final NavigableSet<Due> due = new TreeSet<>();
  private final NavigableSet<Due> byOpening = new TreeSet<>();
  private final Map<CustomerId, NavigableSet<Ticket>> byCustomer = new HashMap<>();
  private final Map<OrganizationId, NavigableSet<Ticket>> byOrganization = new HashMap<>();
  private final Map<IncidentId, Set<TicketId>> byIncident = new HashMap<>();
  private final Set<String> onceKeys = new HashSet<>();
  private final Map<String, OutboxRecord> outbox = new LinkedHashMap<>();
  private final Map<IncidentId, Incident> incidents = new HashMap<>();
  private final Map<String, ReplyTemplate> templates = new TreeMap<>();

  @Override
  public synchronized Optional<Ticket> find(TicketId id) {
    return Optional.ofNullable(tickets.get(requireNonNull(id, "id must not be null")));
  }

  @Override
  public synchronized Optional<Ticket> findByReference(TicketRef reference) {
    return Optional.ofNullable(
            byReference.get(requireNonNull(reference, "reference must not be null")))
        .map(tickets::get);
  }

  @Override
  public synchronized void commit(TicketChange change) {
    requireNonNull(change, "change must not be null");
    Ticket next = change.ticket();
    Ticket current = tickets.get(next.id());
    long stored = current == null ? 0 : current.version();
    if (stored != change.expectedVersion()) {
      throw new ConcurrentUpdateException(
          "ticket "
              + next.reference()
              + " is at version "
              + stored
              + ", not "
              + change.expectedVersion());
    }
    if (current == null && byReference.containsKey(next.reference())) {
      throw new ConcurrentUpdateException("reference " + next.reference() + " is taken");
    }
    for (String key : change.onceKeys()) {
      if (onceKeys.contains(key)) {
        throw new ConcurrentUpdateException("once-key " + key + " was stored before");
      }
    }
    for (OutboxMessage m : change.outbox()) {
      if (outbox.containsKey(m.key())) {
        throw new ConcurrentUpdateException("outbox key " + m.key() + " was stored before");
      }
    }
    for (ThreadEntry e : change.entries()) {
      if (entryIds.contains(e.id())) {
        throw new ConcurrentUpdateException("thread entry " + e.id() + " was stored before");
      }
    }
    if (current != null) {
      unindex(current);
    }
    tickets.put(next.id(), next);
    byReference.put(next.reference(), next.id());
    byOpening.add(new Due(next.openedAt(), next.id().toString()));
    index(next);
    List<ThreadEntry> thread = threads.computeIfAbsent(next.id(), k -> new ArrayList<>());
    for (ThreadEntry e : change.entries()) {
      thread.add(e);
      entryIds.add(e.id());
      e.messageId().ifPresent(id -> byMessageId.putIfAbsent(id, next.id()));
    }
    events.computeIfAbsent(next.id(), k -> new ArrayList<>()).addAll(change.events());
    onceKeys.addAll(change.onceKeys());
    for (OutboxMessage m : change.outbox()) {
      outbox.put(m.key(), new OutboxRecord(m));
    }
  }

  private void index(Ticket t) {
    if (t.status().isWorkQueue()) {
      queues.computeIfAbsent(t.department(), k -> new TreeSet<>()).add(t.queueKey());
    }
    t.sla().nextCheck().ifPresent(at -> due.add(new Due(at, t.id().toString())));
    t.customer()
        .ifPresent(c -> byCustomer.computeIfAbsent(c, k -> new TreeSet<>(NEWEST_FIRST)).add(t));
    t.organization()
        .ifPresent(o -> byOrganization.computeIfAbsent(o, k -> new TreeSet<>(NEWEST_FIRST)).add(t));
    t.incident().ifPresent(i -> byIncident.computeIfAbsent(i, k -> new HashSet<>()).add(t.id()));
  }

  private void unindex(Ticket t) {
    NavigableSet<QueueKey> queue = queues.get(t.department());
    if (queue != null) {
      queue.remove(t.queueKey());
    }
    t.sla().nextCheck().ifPresent(at -> due.remove(new Due(at, t.id().toString())));
    t.customer().ifPresent(c -> byCustomer.get(c).remove(t));
    t.organization().ifPresent(o -> byOrganization.get(o).remove(t));
    t.incident().ifPresent(i -> byIncident.get(i).remove(t.id()));
  }

  @Override
  public synchronized List<ThreadEntry> thread(TicketId ticket) {
    return ImmutableList.copyOf(
        threads.getOrDefault(requireNonNull(ticket, "ticket must not be null"), List.of()));
  }

  @Override
  public synchronized List<HelpdeskEvent> events(TicketId ticket) {
    return ImmutableList.copyOf(
        events.getOrDefault(requireNonNull(ticket, "ticket must not be null"), List.of()));
  }

  @Override
  public synchronized List<Ticket> queue(
      DepartmentId department, Optional<QueueKey> after, int limit) {
    requireNonNull(department, "department must not be null");
    requireNonNull(after, "after must not be null");
    checkLimit(limit);
    NavigableSet<QueueKey> queue = queues.getOrDefault(department, new TreeSet<>());
    NavigableSet<QueueKey> page = after.isPresent() ? queue.tailSet(after.get(), false) : queue;
    return page.stream()
        .limit(limit)
        .map(k -> tickets.get(k.ticket()))
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public synchronized List<Ticket> ticketsOf(CustomerId customer, int limit) {
    checkLimit(limit);
    return newest(byCustomer.get(requireNonNull(customer, "customer must not be null")), limit);
  }

  @Override
  public synchronized List<Ticket> ticketsOfOrganization(OrganizationId organization, int limit) {
    checkLimit(limit);
    return newest(
        byOrganization.get(requireNonNull(organization, "organization must not be null")), limit);
  }

  private static List<Ticket> newest(NavigableSet<Ticket> set, int limit) {
    return set == null
        ? List.of()
        : set.stream().limit(limit).collect(ImmutableList.toImmutableList());
  }

  @Override
  public synchronized List<Ticket> linkedTo(IncidentId incident) {
    return byIncident
        .getOrDefault(requireNonNull(incident, "incident must not be null"), Set.of())
        .stream()
        .map(tickets::get)
        .sorted(Comparator.comparing(Ticket::openedAt).thenComparing(t -> t.id().toString()))
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public synchronized Optional<TicketId> ticketByMessageId(String messageId) {
    return Optional.ofNullable(
        byMessageId.get(requireNonNull(messageId, "messageId must not be null")));
  }

  @Override
  public synchronized List<Ticket> due(Instant now, Optional<TimeCursor> after, int limit) {
    requireNonNull(now, "now must not be null");
    requireNonNull(after, "after must not be null");
    checkLimit(limit);
    NavigableSet<Due> upToNow = due.headSet(new Due(now, "\uffff"), true);
    NavigableSet<Due> page =
        after.isPresent()
            ? upToNow.tailSet(new Due(after.get().at(), after.get().ticket().toString()), false)
            : upToNow;
    return page.stream()
        .limit(limit)
        .map(d -> tickets.get(TicketId.parse(d.ticket())))
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public synchronized List<Ticket> openedBetween(
      Instant from, Instant to, Optional<TimeCursor> after, int limit) {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    requireNonNull(after, "after must not be null");
    checkLimit(limit);
    NavigableSet<Due> period = byOpening.subSet(new Due(from, ""), true, new Due(to, ""), false);
    NavigableSet<Due> page =
        after.isPresent()
            ? period.tailSet(new Due(after.get().at(), after.get().ticket().toString()), false)
            : period;
    return page.stream()
        .limit(limit)
        .map(d -> tickets.get(TicketId.parse(d.ticket())))
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public synchronized List<OutboxMessage> pendingOutbox(Instant now, int limit) {
    requireNonNull(now, "now must not be null");
    checkLimit(limit);
    List<OutboxMessage> pending = new ArrayList<>();
    for (OutboxRecord r : outbox.values()) {
      if (pending.size() == limit) {
        break;
      }
      if (r.deliveredAt == null
          && !r.nextAttemptAt.isAfter(now)
          && (r.leaseUntil == null || !r.leaseUntil.isAfter(now))) {
        pending.add(r.message.withAttempts(r.attempts));
      }
    }
    return ImmutableList.copyOf(pending);
  }

  @Override
  public synchronized boolean leaseOutbox(String key, String owner, Instant now, Instant until) {
    requireNonNull(owner, "owner must not be null");
    requireNonNull(now, "now must not be null");
    requireNonNull(until, "until must not be null");
    OutboxRecord r = record(key);
    if (r.deliveredAt != null || (r.leaseUntil != null && r.leaseUntil.isAfter(now))) {
      return false;
    }
    r.leaseOwner = owner;
    r.leaseUntil = until;
    r.attempts++;
    return true;
  }

  @Override
  public synchronized void outboxDelivered(String key, Instant at) {
    OutboxRecord r = record(key);
    r.deliveredAt = requireNonNull(at, "at must not be null");
    r.leaseOwner = null;
    r.leaseUntil = null;
  }

  @Override
  public synchronized void outboxFailed(String key, String error, Instant retryAt) {
    OutboxRecord r = record(key);
    r.lastError = requireNonNull(error, "error must not be null");
    r.nextAttemptAt = requireNonNull(retryAt, "retryAt must not be null");
    r.leaseOwner = null;
    r.leaseUntil = null;
  }

  private OutboxRecord record(String key) {
    requireNonNull(key, "key must not be null");
    OutboxRecord r = outbox.get(key);
    checkArgument(r != null, "no outbox message with key '%s'", key);
    return r;
  }

  @Override
  public synchronized void saveIncident(Incident incident) {
    incidents.put(incident.id(), requireNonNull(incident, "incident must not be null"));
  }

  @Override
  public synchronized Optional<Incident> incident(IncidentId id) {
    return Optional.ofNullable(incidents.get(requireNonNull(id, "id must not be null")));
  }

  @Override
  public synchronized void saveTemplate(ReplyTemplate template) {
    templates.put(template.name(), requireNonNull(template, "template must not be null"));
  }

  @Override
  public synchronized Optional<ReplyTemplate> template(String name) {
    return Optional.ofNullable(templates.get(requireNonNull(name, "name must not be null")));
  }

  @Override
  public synchronized List<ReplyTemplate> templates() {
    return ImmutableList.copyOf(templates.values());
  }

  private static void checkLimit(int limit) {
    checkArgument(limit >= 1, "limit must be positive, got %s", limit);
  }
}
