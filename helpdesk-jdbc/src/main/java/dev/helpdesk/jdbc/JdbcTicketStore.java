package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Iterables;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.jdbc.internal.StoredJson;
import dev.helpdesk.jdbc.internal.StoredJson.OnceFlags;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.spi.TimeCursor;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets, threads, events and outbox in SQL. A ticket is stored whole as JSON ({@link
 * StoredJson}), next to the few columns its queries filter and sort on, each behind an index. Every
 * write is one transaction; optimistic locking is a conditional update on the version column, and
 * once-only rules rest on unique keys, so several nodes can share the database without row locks.
 * Reads are one SELECT each and run in autocommit mode: as atomic, and a round trip cheaper.
 */
final class JdbcTicketStore implements TicketStore {
  /** Tickets per query when reading several tickets' events (reports read 500 at a time). */
  private static final int EVENTS_SLICE = 500;

  private static final String INSERT_EVENT =
      "INSERT INTO events (ticket_id, version, type, json) VALUES (:t, :v, :type, :json)";
  private static final String INSERT_OUTBOX =
      "INSERT INTO outbox (msg_key, ticket_id, created_at, payload, attempts, next_attempt_at)"
          + " VALUES (:key, :t, :created, :payload, 0, :created)";
  private static final String INSERT_ENTRY =
      "INSERT INTO thread_entries (id, ticket_id, seq, entry_at, message_id, json)"
          + " VALUES (:id, :t, :seq, :at, :messageId, :json)";
  private static final String INSERT_ONCE_KEY =
      "INSERT INTO once_keys (once_key, ticket_id, created_at) VALUES (:k, :t, :at)";

  private static final Logger log = LoggerFactory.getLogger(JdbcTicketStore.class);
  private static final int ERROR_MAX = 2000;
  private static final int OWNER_MAX = 200;

  private static final String TICKET_COLUMNS =
      "department = :department, status = :status, in_queue = :inQueue, queue_due = :queueDue,"
          + " urgency = :urgency, opened_at = :openedAt, customer_id = :customer,"
          + " organization_id = :organization, incident_id = :incident,"
          + " sla_next_check = :slaNextCheck, state = :state, version = :version";

  // The queries that could scan a large table, kept here so that QueryPlansIT can check that
  // each one reads an index on every dialect.

  static final String LINKED_SQL =
      "SELECT state FROM tickets WHERE incident_id = :incident ORDER BY opened_at, id";

  static final String MESSAGE_ID_SQL =
      "SELECT ticket_id FROM thread_entries WHERE message_id = :messageId"
          + " ORDER BY entry_at, id LIMIT 1";

  static final String PENDING_OUTBOX_SQL =
      "SELECT msg_key, ticket_id, created_at, payload, attempts FROM outbox"
          + " WHERE delivered_at IS NULL AND next_attempt_at <= :now"
          + " AND (lease_until IS NULL OR lease_until <= :now)"
          + " ORDER BY created_at, msg_key LIMIT :limit";

  private final Database database;
  private final Dialect dialect;

  JdbcTicketStore(Database database) {
    this.database = requireNonNull(database, "database must not be null");
    this.dialect = database.dialect();
  }

  @Override
  public Optional<Ticket> find(TicketId id) {
    requireNonNull(id, "id must not be null");
    return findTicket("id", id.toString());
  }

  @Override
  public Optional<Ticket> findByReference(TicketRef reference) {
    requireNonNull(reference, "reference must not be null");
    return findTicket("reference", reference.value());
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the connection breaks during the transaction, the commit may or may not have landed.
   * This looks on a fresh connection: if the ticket row holds this change's state, or the event
   * table holds this change's last event, the change landed and the call returns normally;
   * otherwise it throws a temporary {@link StoreException}, and repeating the change can only store
   * it once, since its version, keys and entry ids are unique.
   */
  @Override
  public void commit(TicketChange change) {
    requireNonNull(change, "change must not be null");
    Ticket ticket = change.ticket();
    String conflict =
        "ticket "
            + ticket.reference()
            + " was changed concurrently: it is no longer at version "
            + change.expectedVersion()
            + ", or its reference, an entry, a once-key or an outbox key was stored before";
    try {
      database.transaction(
          h -> {
            write(h, change, conflict);
            return null;
          },
          failure ->
              JdbcErrors.translateConflict(
                  "committing ticket " + ticket.reference(), failure, conflict));
    } catch (StoreException e) {
      if (!JdbcErrors.isConnectionLoss(e) || !landed(change, e)) {
        throw e;
      }
      log.warn(
          "the connection broke while committing ticket {} at version {}, but the change landed",
          ticket.reference(),
          ticket.version(),
          e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>All changes go in one transaction, their events, outbox messages and once-keys in one JDBC
   * batch per table. When that transaction fails for any reason (one ticket's lost race, a key
   * stored before, a lost connection), each change is committed alone instead: a conflict then
   * costs only its own ticket, and a batch that landed in spite of a lost connection shows as a
   * conflict on each of its tickets, whose fresh state the caller reads.
   */
  @Override
  public Set<TicketId> commitAll(List<TicketChange> changes) {
    TicketStore.requireDistinctTickets(changes);
    if (changes.size() < 2) {
      return TicketStore.super.commitAll(changes);
    }
    try {
      database.transaction(
          "committing " + changes.size() + " tickets in one transaction",
          h -> {
            writeBatch(h, changes);
            return null;
          });
      return ImmutableSet.of();
    } catch (HelpdeskException batchFailed) {
      log.debug("a batch of {} changes failed; committing each alone", changes.size(), batchFailed);
      return TicketStore.super.commitAll(changes);
    }
  }

  private void writeBatch(Handle h, List<TicketChange> changes) {
    write(h, changes, t -> "ticket " + t.reference() + " changed concurrently");
  }

  private void write(Handle h, TicketChange change, String conflict) {
    write(h, List.of(change), t -> conflict);
  }

  /**
   * Writes the ticket rows one by one, since each is version-checked, and the thread entries,
   * events, outbox messages and once-keys of all {@code changes} as one JDBC batch per table.
   */
  private void write(Handle h, List<TicketChange> changes, Function<Ticket, String> conflict) {
    PreparedBatch entries = h.prepareBatch(INSERT_ENTRY);
    PreparedBatch events = h.prepareBatch(INSERT_EVENT);
    PreparedBatch outbox = h.prepareBatch(INSERT_OUTBOX);
    PreparedBatch onceKeys = h.prepareBatch(INSERT_ONCE_KEY);
    for (TicketChange change : changes) {
      Ticket ticket = change.ticket();
      writeTicket(h, change, conflict.apply(ticket));
      addEntries(h, entries, ticket.id(), change.expectedVersion() == 0, change.entries());
      for (HelpdeskEvent e : change.events()) {
        addEvent(events, e);
      }
      for (OutboxMessage m : change.outbox()) {
        outbox
            .bind("key", m.key())
            .bind("t", m.ticket())
            .bind("created", m.createdAt())
            .bind("payload", StoredJson.encode(m.payload()))
            .add();
      }
      for (String key : change.onceKeys()) {
        onceKeys.bind("k", key).bind("t", ticket.id()).bind("at", ticket.updatedAt()).add();
      }
    }
    for (PreparedBatch batch : List.of(entries, events, outbox, onceKeys)) {
      if (batch.size() > 0) {
        batch.execute();
      }
    }
  }

  private static void addEvent(PreparedBatch events, HelpdeskEvent e) {
    events
        .bind("t", e.ticket())
        .bind("v", e.version())
        .bind("type", StoredJson.typeId(e))
        .bind("json", StoredJson.encode(e))
        .add();
  }

  /**
   * Whether {@code change} is in the database. A change is one transaction, so one of its rows
   * proves all of them; the row must be this change's and not another with the same version: its
   * first thread entry (entry ids are random per change), else its last event with exactly its
   * content, else the ticket row at its version with exactly its state.
   */
  private boolean landed(TicketChange change, StoreException lost) {
    Ticket ticket = change.ticket();
    try {
      if (database.galera()) {
        fence(change);
      }
      return database.withHandle(
          "checking whether the commit of ticket " + ticket.reference() + " landed",
          h -> {
            if (!change.entries().isEmpty()) {
              return h.createQuery(
                          "SELECT COUNT(*) FROM thread_entries WHERE id = :id AND ticket_id = :t")
                      .bind("id", change.entries().get(0).id())
                      .bind("t", ticket.id())
                      .mapTo(Integer.class)
                      .one()
                  == 1;
            }
            if (!change.events().isEmpty()) {
              HelpdeskEvent last = change.events().get(change.events().size() - 1);
              return stored(
                      h,
                      "SELECT json FROM events WHERE ticket_id = :t AND version = :v",
                      last.ticket(),
                      last.version())
                  .equals(Optional.of(StoredJson.encode(last)));
            }
            return stored(
                    h,
                    "SELECT state FROM tickets WHERE id = :t AND version = :v",
                    ticket.id(),
                    ticket.version())
                .equals(Optional.of(StoredJson.encode(ticket)));
          });
    } catch (HelpdeskException unknown) {
      lost.addSuppressed(unknown);
      return false;
    }
  }

  /**
   * Makes the outcome of an in-doubt commit on Galera final before {@link #landed} looks. The
   * survivors of a killed node may still apply a write-set it sent before dying, after the view
   * change and so after a read that missed it (seen in the kill test: an unacknowledged reply
   * stored). Writing the ticket's row with no net change orders a write-set on that row: the
   * in-doubt one is either ordered before it, and visible to the look that follows, or after it,
   * and then fails certification on every node.
   */
  private void fence(TicketChange change) {
    Ticket ticket = change.ticket();
    String id = ticket.id().toString();
    try {
      database.transaction(
          h -> {
            if (change.expectedVersion() == 0) {
              writeTicket(h, change, "fence");
              h.createUpdate("DELETE FROM tickets WHERE id = :id").bind("id", id).execute();
            } else if (h.createUpdate(
                        "UPDATE tickets SET version = -version WHERE id = :id AND version = :expected")
                    .bind("id", id)
                    .bind("expected", change.expectedVersion())
                    .execute()
                == 1) {
              h.createUpdate("UPDATE tickets SET version = :expected WHERE id = :id")
                  .bind("id", id)
                  .bind("expected", change.expectedVersion())
                  .execute();
            }
            return null;
          },
          failure ->
              JdbcErrors.translateConflict(
                  "fencing the in-doubt commit of ticket " + ticket.reference(), failure, "fence"));
    } catch (ConcurrentUpdateException rowTaken) {
      // The ticket row exists already: the change landed or another one did; the look decides.
    }
  }

  private static Optional<String> stored(Handle h, String sql, TicketId ticket, long version) {
    return h.createQuery(sql).bind("t", ticket).bind("v", version).mapTo(String.class).findOne();
  }

  private void writeTicket(Handle h, TicketChange change, String conflict) {
    Ticket t = change.ticket();
    QueueKey key = t.queueKey();
    String sql =
        change.expectedVersion() == 0
            ? "INSERT INTO tickets (id, reference, department, status, in_queue, queue_due, urgency,"
                + " opened_at, customer_id, organization_id, incident_id, sla_next_check, state, version)"
                + " VALUES (:id, :reference, :department, :status, :inQueue, :queueDue, :urgency,"
                + " :openedAt, :customer, :organization, :incident, :slaNextCheck, :state, :version)"
            : "UPDATE tickets SET " + TICKET_COLUMNS + " WHERE id = :id AND version = :expected";
    int rows =
        h.createUpdate(sql)
            .bind("id", t.id())
            .bind("reference", t.reference())
            .bind("department", t.department())
            .bind("status", t.status().name())
            .bind("inQueue", t.status().isWorkQueue())
            .bind("queueDue", key.due())
            .bind("urgency", key.urgency())
            .bind("openedAt", t.openedAt())
            .bindByType("customer", t.customer().orElse(null), CustomerId.class)
            .bindByType("organization", t.organization().orElse(null), OrganizationId.class)
            .bindByType("incident", t.incident().orElse(null), IncidentId.class)
            .bindByType("slaNextCheck", t.sla().nextCheck().orElse(null), Instant.class)
            .bind("state", StoredJson.encode(t))
            .bind("version", t.version())
            .bind("expected", change.expectedVersion())
            .execute();
    if (rows != 1) {
      throw new ConcurrentUpdateException(conflict);
    }
  }

  private static void addEntries(
      Handle h,
      PreparedBatch batch,
      TicketId ticket,
      boolean newTicket,
      List<ThreadEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // The version check above already serializes writers of this ticket; the unique key on
    // (ticket_id, seq) would catch any that slipped through. A new ticket has no entries yet, which
    // saves its creation a round trip.
    int seq =
        newTicket
            ? 0
            : h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM thread_entries WHERE ticket_id = :t")
                .bind("t", ticket)
                .mapTo(Integer.class)
                .one();
    for (ThreadEntry e : entries) {
      batch
          .bind("id", e.id())
          .bind("t", ticket)
          .bind("seq", ++seq)
          .bind("at", e.at())
          .bindByType("messageId", e.messageId().orElse(null), String.class)
          .bind("json", StoredJson.encode(e))
          .add();
    }
  }

  @Override
  public List<ThreadEntry> thread(TicketId ticket) {
    requireNonNull(ticket, "ticket must not be null");
    return database.withHandle(
        "reading the thread of ticket " + ticket,
        h ->
            decodeAll(
                h.createQuery("SELECT json FROM thread_entries WHERE ticket_id = :t ORDER BY seq")
                    .bind("t", ticket),
                ThreadEntry.class));
  }

  @Override
  public List<HelpdeskEvent> events(TicketId ticket) {
    requireNonNull(ticket, "ticket must not be null");
    return database.withHandle(
        "reading the events of ticket " + ticket,
        h ->
            decodeAll(
                h.createQuery("SELECT json FROM events WHERE ticket_id = :t ORDER BY version")
                    .bind("t", ticket),
                HelpdeskEvent.class));
  }

  /** One query per slice of tickets (slices keep the statement's parameter list small). */
  @Override
  public Map<TicketId, List<HelpdeskEvent>> events(Collection<TicketId> tickets) {
    requireNonNull(tickets, "tickets must not be null");
    Map<TicketId, List<HelpdeskEvent>> byTicket = new LinkedHashMap<>();
    for (List<TicketId> slice : Iterables.partition(ImmutableSet.copyOf(tickets), EVENTS_SLICE)) {
      database
          .withHandle(
              "reading the events of " + slice.size() + " tickets",
              h ->
                  decodeAll(
                      h.createQuery(
                              "SELECT json FROM events WHERE ticket_id IN (<ids>)"
                                  + " ORDER BY ticket_id, version")
                          .bindList("ids", slice),
                      HelpdeskEvent.class))
          .forEach(e -> byTicket.computeIfAbsent(e.ticket(), t -> new ArrayList<>()).add(e));
    }
    byTicket.replaceAll((t, events) -> ImmutableList.copyOf(events));
    return byTicket;
  }

  @Override
  public List<Ticket> queue(DepartmentId department, Optional<QueueKey> after, int limit) {
    requireNonNull(department, "department must not be null");
    requireNonNull(after, "after must not be null");
    checkLimit(limit);
    return database.withHandle(
        "reading the queue of " + department,
        h -> {
          Query q =
              h.createQuery(queueSql(after.isPresent()))
                  .bind("department", department)
                  .bind("inQueue", true)
                  .bind("limit", limit);
          after.ifPresent(
              k ->
                  q.bind("due", k.due())
                      .bind("urgency", k.urgency())
                      .bind("openedAt", k.openedAt())
                      .bind("id", k.ticket()));
          return tickets(h, q);
        });
  }

  @Override
  public List<Ticket> ticketsOf(CustomerId customer, int limit) {
    requireNonNull(customer, "customer must not be null");
    return newestFirst("customer_id", customer.value(), limit);
  }

  @Override
  public List<Ticket> ticketsOfOrganization(OrganizationId organization, int limit) {
    requireNonNull(organization, "organization must not be null");
    return newestFirst("organization_id", organization.value(), limit);
  }

  private List<Ticket> newestFirst(String column, String value, int limit) {
    checkLimit(limit);
    return database.withHandle(
        "reading the tickets of " + value,
        h ->
            tickets(
                h,
                h.createQuery(newestFirstSql(column)).bind("value", value).bind("limit", limit)));
  }

  @Override
  public List<Ticket> linkedTo(IncidentId incident) {
    requireNonNull(incident, "incident must not be null");
    return database.withHandle(
        "reading the tickets of incident " + incident,
        h -> tickets(h, h.createQuery(LINKED_SQL).bind("incident", incident)));
  }

  @Override
  public Optional<TicketId> ticketByMessageId(String messageId) {
    requireNonNull(messageId, "messageId must not be null");
    return database.withHandle(
        "looking up Message-ID " + messageId,
        h ->
            h.createQuery(MESSAGE_ID_SQL)
                .bind("messageId", messageId)
                .mapTo(TicketId.class)
                .findOne());
  }

  @Override
  public List<Ticket> due(Instant now, Optional<TimeCursor> after, int limit) {
    requireNonNull(now, "now must not be null");
    requireNonNull(after, "after must not be null");
    checkLimit(limit);
    return database.withHandle(
        "reading due tickets",
        h -> {
          Query q =
              h.createQuery(dueSql(after.isPresent()))
                  .bind("epoch", Instant.EPOCH)
                  .bind("now", now)
                  .bind("limit", limit);
          after.ifPresent(c -> q.bind("at", c.at()).bind("id", c.ticket()));
          return tickets(h, q);
        });
  }

  @Override
  public List<Ticket> openedBetween(
      Instant from, Instant to, Optional<TimeCursor> after, int limit) {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    requireNonNull(after, "after must not be null");
    checkLimit(limit);
    return database.withHandle(
        "reading the tickets of a period",
        h -> {
          Query q =
              h.createQuery(openedBetweenSql(after.isPresent()))
                  .bind("from", from)
                  .bind("to", to)
                  .bind("limit", limit);
          after.ifPresent(c -> q.bind("at", c.at()).bind("id", c.ticket()));
          return tickets(h, q);
        });
  }

  @Override
  public List<OutboxMessage> pendingOutbox(Instant now, int limit) {
    requireNonNull(now, "now must not be null");
    checkLimit(limit);
    return database.withHandle(
        "reading the outbox",
        h ->
            h.createQuery(PENDING_OUTBOX_SQL)
                .bind("now", now)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new OutboxMessage(
                            rs.getString("msg_key"),
                            column(rs, "ticket_id", TicketId.class, ctx),
                            column(rs, "created_at", Instant.class, ctx),
                            StoredJson.decode(rs.getString("payload"), OutboxMessage.Payload.class),
                            rs.getInt("attempts")))
                .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public boolean leaseOutbox(String key, String owner, Instant now, Instant until) {
    requireNonNull(key, "key must not be null");
    requireNonNull(owner, "owner must not be null");
    requireNonNull(now, "now must not be null");
    requireNonNull(until, "until must not be null");
    checkArgument(
        !owner.isBlank() && owner.length() <= OWNER_MAX,
        "lease owner must be 1-%s characters, got '%s'",
        OWNER_MAX,
        owner);
    checkArgument(until.isAfter(now), "lease must end after %s, got %s", now, until);
    return database.transaction(
        "leasing outbox message " + key,
        h -> {
          int rows =
              h.createUpdate(
                      "UPDATE outbox SET lease_owner = :owner, lease_until = :until, attempts = attempts + 1"
                          + " WHERE msg_key = :key AND delivered_at IS NULL"
                          + " AND (lease_until IS NULL OR lease_until <= :now)")
                  .bind("owner", owner)
                  .bind("until", until)
                  .bind("key", key)
                  .bind("now", now)
                  .execute();
          if (rows == 0) {
            requireOutboxMessage(h, key);
          }
          return rows == 1;
        });
  }

  @Override
  public void outboxDelivered(String key, Instant at) {
    requireNonNull(key, "key must not be null");
    requireNonNull(at, "at must not be null");
    updateOutbox(
        key,
        "delivered_at = :at, lease_owner = NULL, lease_until = NULL",
        "marking outbox message " + key + " delivered",
        u -> u.bind("at", at));
  }

  @Override
  public void outboxFailed(String key, String error, Instant retryAt) {
    requireNonNull(key, "key must not be null");
    requireNonNull(error, "error must not be null");
    requireNonNull(retryAt, "retryAt must not be null");
    String stored = error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error;
    updateOutbox(
        key,
        "last_error = :error, next_attempt_at = :retryAt, lease_owner = NULL, lease_until = NULL",
        "recording a failed delivery of outbox message " + key,
        u -> u.bind("error", stored).bind("retryAt", retryAt));
  }

  private void updateOutbox(
      String key, String assignments, String action, Consumer<Update> binder) {
    database.transaction(
        action,
        h -> {
          Update u =
              h.createUpdate("UPDATE outbox SET " + assignments + " WHERE msg_key = :key")
                  .bind("key", key);
          binder.accept(u);
          if (u.execute() == 0) {
            requireOutboxMessage(h, key);
          }
          return null;
        });
  }

  private static void requireOutboxMessage(Handle h, String key) {
    boolean exists =
        h.createQuery("SELECT COUNT(*) FROM outbox WHERE msg_key = :key")
                .bind("key", key)
                .mapTo(Integer.class)
                .one()
            > 0;
    checkArgument(exists, "no outbox message with key '%s'", key);
  }

  @Override
  public void saveIncident(Incident incident) {
    requireNonNull(incident, "incident must not be null");
    upsert(
        "incidents",
        "id",
        incident.id().toString(),
        StoredJson.encode(incident),
        "saving incident " + incident.id());
  }

  @Override
  public Optional<Incident> incident(IncidentId id) {
    requireNonNull(id, "id must not be null");
    return findJson("incidents", "json", "id", id.toString(), Incident.class);
  }

  @Override
  public void saveTemplate(ReplyTemplate template) {
    requireNonNull(template, "template must not be null");
    upsert(
        "templates",
        "name",
        template.name(),
        StoredJson.encode(template),
        "saving template " + template.name());
  }

  @Override
  public Optional<ReplyTemplate> template(String name) {
    requireNonNull(name, "name must not be null");
    return findJson("templates", "json", "name", name, ReplyTemplate.class);
  }

  @Override
  public List<ReplyTemplate> templates() {
    return database.withHandle(
        "reading templates",
        h ->
            decodeAll(
                h.createQuery("SELECT json FROM templates ORDER BY name"), ReplyTemplate.class));
  }

  private Optional<Ticket> findTicket(String keyColumn, String key) {
    return database.withHandle(
        "reading ticket " + key,
        h ->
            tickets(
                    h,
                    h.createQuery("SELECT state FROM tickets WHERE " + keyColumn + " = :key")
                        .bind("key", key))
                .stream()
                .findFirst());
  }

  /**
   * The JSON in {@code jsonColumn} of the {@code table} row whose {@code keyColumn} is {@code key}.
   */
  private <T> Optional<T> findJson(
      String table, String jsonColumn, String keyColumn, String key, Class<T> type) {
    return database.withHandle(
        "reading " + table + " " + key,
        h ->
            decodeAll(
                    h.createQuery(
                            "SELECT "
                                + jsonColumn
                                + " FROM "
                                + table
                                + " WHERE "
                                + keyColumn
                                + " = :key")
                        .bind("key", key),
                    type)
                .stream()
                .findFirst());
  }

  private void upsert(String table, String keyColumn, String key, String json, String action) {
    database.transaction(
        action,
        h ->
            h.createUpdate(dialect.upsert(table, keyColumn, "json"))
                .bind("key", key)
                .bind("value", json)
                .execute());
  }

  /** A department's work queue in QueueKey order; the keyset is one range on the queue index. */
  static String queueSql(boolean after) {
    return "SELECT state FROM tickets WHERE department = :department AND in_queue = :inQueue"
        + (after
            ? " AND (queue_due, urgency, opened_at, id) > (:due, :urgency, :openedAt, :id)"
            : "")
        // The equality columns lead the ORDER BY too: only then does H2 read the index in order and
        // stop at the LIMIT instead of sorting the department's whole queue.
        + " ORDER BY department, in_queue, queue_due, urgency, opened_at, id LIMIT :limit";
  }

  /** Tickets whose SLA check has come, earliest first. */
  static String dueSql(boolean after) {
    // The lower bound keeps H2 from walking the index through every ticket without a next check
    // (NULLs sort first there) before it reaches the due ones; desk times are never before 1970.
    return "SELECT state FROM tickets WHERE sla_next_check >= :epoch AND sla_next_check <= :now"
        + (after ? " AND (sla_next_check, id) > (:at, :id)" : "")
        + " ORDER BY sla_next_check, id LIMIT :limit";
  }

  /** Tickets opened in [:from, :to), oldest first; the keyset is one range on the opening index. */
  static String openedBetweenSql(boolean after) {
    return "SELECT state FROM tickets WHERE opened_at >= :from AND opened_at < :to"
        + (after ? " AND (opened_at, id) > (:at, :id)" : "")
        + " ORDER BY opened_at, id LIMIT :limit";
  }

  /** The tickets with {@code column = :value}, newest first. */
  static String newestFirstSql(String column) {
    return "SELECT state FROM tickets WHERE "
        + column
        + " = :value ORDER BY opened_at DESC, id LIMIT :limit";
  }

  private static List<Ticket> tickets(Handle h, Query query) {
    List<String> docs = query.mapTo(String.class).list();
    Map<TicketId, List<HelpdeskEvent>> legacy = legacyEvents(h, docs);
    return docs.stream()
        .map(
            json ->
                StoredJson.decodeTicket(
                    json, t -> OnceFlags.derive(t, legacy.getOrDefault(t.id(), List.of()))))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The events that set the once-only flags of the format-1 tickets among {@code docs}, which lack
   * the flags, by ticket: one query for the page, and none when every row is in format 2, as each
   * is from its ticket's next change on.
   */
  private static Map<TicketId, List<HelpdeskEvent>> legacyEvents(Handle h, List<String> docs) {
    List<TicketId> ids =
        docs.stream().filter(d -> StoredJson.format(d) == 1).map(StoredJson::ticketId).toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    return decodeAll(
            h.createQuery(
                    "SELECT json FROM events WHERE ticket_id IN (<ids>) AND type IN (<types>)"
                        + " ORDER BY ticket_id, version")
                .bindList("ids", ids)
                .bindList("types", OnceFlags.EVENT_TYPES),
            HelpdeskEvent.class)
        .stream()
        .collect(Collectors.groupingBy(HelpdeskEvent::ticket));
  }

  private static <T> List<T> decodeAll(Query query, Class<T> type) {
    return query.mapTo(String.class).list().stream()
        .map(json -> StoredJson.decode(json, type))
        .collect(ImmutableList.toImmutableList());
  }

  /** The value of {@code name} in the current row, through the column mapper Jdbi has for it. */
  private static <T> T column(ResultSet rs, String name, Class<T> type, StatementContext ctx)
      throws SQLException {
    return ctx.findColumnMapperFor(type).orElseThrow().map(rs, name, ctx);
  }

  private static void checkLimit(int limit) {
    checkArgument(limit >= 1, "limit must be positive, got %s", limit);
  }
}
