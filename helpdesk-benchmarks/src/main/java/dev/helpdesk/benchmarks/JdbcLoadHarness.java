package dev.helpdesk.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.SlaCheckResult;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.jdbc.internal.StoredJson;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.RecordingNotifier;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * End-to-end load figures of the JDBC store on PostgreSQL, MariaDB (a single server or a Galera
 * cluster, by its URL) or H2 (file): seeds a large desk with batched plain JDBC inserts of exactly
 * the rows the store writes, then measures ticket creation through {@link Helpdesk#open} against
 * plain JDBC inserts of the same rows, queue pages, a customer's tickets and the SLA due scan.
 * Usage:
 *
 * <pre>
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.JdbcLoadHarness pg URL USER PASSWORD [TICKETS]
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.JdbcLoadHarness mariadb URL USER PASSWORD [TICKETS]
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.JdbcLoadHarness h2 FILE [TICKETS]
 * </pre>
 *
 * A database that already holds the tickets is not seeded again, so the measurements can be
 * repeated.
 */
public final class JdbcLoadHarness {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
  private static final int DEPARTMENTS = 20;
  private static final int CUSTOMERS = 10_000;
  private static final int CREATIONS = 20_000;
  private static final int SEED_BATCH = 500;
  private static final String BODY = body(500);
  private static final int MARIADB_DUPLICATE_KEY = 1062;

  private final DataSource dataSource;
  private final String engine;
  private final Random random = new Random(7);
  private final SettableClock clock = SettableClock.at(T0);
  private final Helpdesk desk;
  private final TicketStore store;
  private final AtomicLong plainSequence = new AtomicLong();

  private JdbcLoadHarness(DataSource dataSource, String engine) {
    this.dataSource = dataSource;
    this.engine = engine;
    this.store = JdbcStore.create(dataSource).ticketStore();
    FakeDirectory directory = new FakeDirectory();
    String[] departments = new String[DEPARTMENTS];
    for (int d = 0; d < DEPARTMENTS; d++) {
      departments[d] = "d" + d;
      directory.department("d" + d, "Department " + d);
    }
    for (int c = 0; c < CUSTOMERS; c++) {
      directory.customer("c" + c, "Customer " + c, "c" + c + "@example.com");
    }
    directory.agent("agent", "Agent", 1, departments);
    this.desk =
        Helpdesk.builder()
            .store(store)
            .directory(directory)
            .notifier(new RecordingNotifier())
            .clock(clock)
            .build();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: JdbcLoadHarness pg|mariadb URL USER PASSWORD [TICKETS] | h2 FILE [TICKETS]");
      System.exit(64);
    }
    String engine = args[0];
    boolean h2 = engine.equals("h2");
    HikariConfig config = new HikariConfig();
    int ticketsArg;
    if (h2) {
      config.setJdbcUrl("jdbc:h2:file:" + Path.of(args[1]).toAbsolutePath());
      ticketsArg = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    } else {
      config.setJdbcUrl(args[1]);
      config.setUsername(args[2]);
      config.setPassword(args[3]);
      if (engine.equals("pg")) {
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
      ticketsArg = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
    }
    config.setMaximumPoolSize(8);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      new JdbcLoadHarness(ds, engine).run(ticketsArg);
    }
  }

  private void run(int tickets) throws Exception {
    System.out.printf(
        "JdbcLoadHarness on %s, %d tickets, %d cores, %s%n",
        engine,
        tickets,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));
    seed(tickets);
    for (int threads : new int[] {1, 4}) {
      double plain = rate(threads, this::plainCreate);
      double viaDesk = rate(threads, this::deskCreate);
      System.out.printf(
          Locale.ROOT,
          "creation, %d thread(s): desk %.0f/s, plain JDBC %.0f/s, ratio %.0f%% (target >= 50%%)%n",
          threads,
          viaDesk,
          plain,
          100 * viaDesk / plain);
    }
    queuePages();
    customerTickets();
    slaScan();
  }

  // ---------------------------------------------------------------- seeding

  private void seed(int tickets) throws SQLException {
    int present = count("tickets");
    if (present >= tickets) {
      System.out.printf("seed: %d tickets present, not seeding%n", present);
      return;
    }
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Rows rows = new Rows(c);
      for (int i = present; i < tickets; i++) {
        seedTicket(rows, i);
        if ((i + 1) % SEED_BATCH == 0 || i + 1 == tickets) {
          rows.flush();
          c.commit();
        }
        if ((i + 1) % 100_000 == 0) {
          System.out.printf("seed: %d tickets, %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
        }
      }
      rows.close();
    }
    System.out.printf(
        "seed: %d tickets (3 entries of ~500 chars, 3-4 events each) in %.0f s%n",
        tickets - present, (System.nanoTime() - start) / 1e9);
    if (!engine.equals("h2")) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            engine.equals("pg") ? "ANALYZE" : "ANALYZE TABLE tickets, thread_entries, events");
      }
    }
  }

  /**
   * One seeded ticket: nine in ten are closed (the bulk of a desk's history); the open ones are in
   * their department's queue with their next SLA check beyond the measured period.
   */
  private void seedTicket(Rows rows, int i) throws SQLException {
    TicketId id = new TicketId(new UUID(random.nextLong(), random.nextLong()));
    Instant opened = T0.minus(1 + random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES);
    boolean closed = random.nextInt(10) != 0;
    CustomerId customer = CustomerId.of("c" + random.nextInt(CUSTOMERS));
    DepartmentId department = DepartmentId.of("d" + (i % DEPARTMENTS));
    TicketRef reference = TicketRef.random(random);
    Actor customerActor = Actor.customer(customer);
    Actor agent = Actor.agent(AgentId.of("agent"));
    List<ThreadEntry> entries = new ArrayList<>();
    List<HelpdeskEvent> events = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      Actor author = e == 1 ? agent : customerActor;
      Instant at = opened.plus(e * 30L, ChronoUnit.MINUTES);
      ThreadEntry entry =
          new ThreadEntry(
              new EntryId(new UUID(random.nextLong(), random.nextLong())),
              id,
              at,
              author,
              Visibility.PUBLIC,
              Channel.WEB,
              BODY,
              List.of(),
              Optional.empty());
      entries.add(entry);
      events.add(
          e == 0
              ? new TicketOpened(
                  id,
                  1,
                  customerActor,
                  at,
                  reference,
                  new Requester.Known(customer),
                  Optional.empty(),
                  department,
                  Priority.NORMAL,
                  Optional.empty(),
                  Channel.WEB,
                  "Seeded ticket " + i,
                  Tier.L1,
                  java.util.Set.of(),
                  java.util.Map.of(),
                  entry.id(),
                  Optional.empty())
              : new MessagePosted(
                  id,
                  e + 1,
                  author,
                  at,
                  entry.id(),
                  Visibility.PUBLIC,
                  TicketStatus.OPEN,
                  TicketStatus.OPEN));
    }
    Instant updated = opened.plus(60, ChronoUnit.MINUTES);
    if (closed) {
      updated = opened.plus(90, ChronoUnit.MINUTES);
      events.add(new TicketClosed(id, 4, customerActor, updated, TicketStatus.OPEN));
    }
    Instant nextCheck = T0.plus(Duration.ofDays(400));
    SlaState sla =
        closed
            ? SlaState.NONE
            : new SlaState(
                Optional.of(nextCheck), Optional.of(nextCheck), Optional.empty(), List.of());
    Ticket t =
        new Ticket(
            id,
            reference,
            events.size(),
            new Requester.Known(customer),
            Optional.empty(),
            department,
            Priority.NORMAL,
            Optional.empty(),
            Channel.WEB,
            "Seeded ticket " + i,
            Tier.L1,
            Optional.empty(),
            closed ? TicketStatus.CLOSED : TicketStatus.OPEN,
            java.util.Set.of(),
            java.util.Map.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            false,
            false,
            opened,
            updated,
            closed ? Optional.of(updated) : Optional.empty(),
            sla);
    rows.ticket(t);
    for (int e = 0; e < entries.size(); e++) {
      rows.entry(entries.get(e), e + 1);
    }
    for (HelpdeskEvent e : events) {
      rows.event(e);
    }
  }

  /** Prepared inserts of the rows {@code JdbcTicketStore.commit} writes, with the same values. */
  private final class Rows implements AutoCloseable {
    final PreparedStatement tickets;
    final PreparedStatement entries;
    final PreparedStatement events;
    final PreparedStatement outbox;

    Rows(Connection c) throws SQLException {
      tickets =
          c.prepareStatement(
              "INSERT INTO tickets (id, reference, department, status, in_queue, queue_due, urgency,"
                  + " opened_at, customer_id, organization_id, incident_id, sla_next_check, state,"
                  + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)");
      entries =
          c.prepareStatement(
              "INSERT INTO thread_entries (id, ticket_id, seq, entry_at, message_id, json)"
                  + " VALUES (?, ?, ?, ?, NULL, ?)");
      events =
          c.prepareStatement(
              "INSERT INTO events (ticket_id, version, type, json) VALUES (?, ?, ?, ?)");
      outbox =
          c.prepareStatement(
              "INSERT INTO outbox (msg_key, ticket_id, created_at, payload, attempts,"
                  + " next_attempt_at) VALUES (?, ?, ?, ?, 0, ?)");
    }

    void ticket(Ticket t) throws SQLException {
      QueueKey key = t.queueKey();
      tickets.setString(1, t.id().toString());
      tickets.setString(2, t.reference().value());
      tickets.setString(3, t.department().value());
      tickets.setString(4, t.status().name());
      tickets.setBoolean(5, t.status().isWorkQueue());
      tickets.setObject(6, utc(key.due()));
      tickets.setInt(7, key.urgency());
      tickets.setObject(8, utc(t.openedAt()));
      tickets.setString(9, t.customer().map(CustomerId::value).orElse(null));
      tickets.setObject(10, t.sla().nextCheck().map(JdbcLoadHarness.this::utc).orElse(null));
      tickets.setString(11, StoredJson.encode(t));
      tickets.setLong(12, t.version());
      tickets.addBatch();
    }

    void entry(ThreadEntry e, int seq) throws SQLException {
      entries.setString(1, e.id().toString());
      entries.setString(2, e.ticket().toString());
      entries.setInt(3, seq);
      entries.setObject(4, utc(e.at()));
      entries.setString(5, StoredJson.encode(e));
      entries.addBatch();
    }

    void event(HelpdeskEvent e) throws SQLException {
      events.setString(1, e.ticket().toString());
      events.setLong(2, e.version());
      events.setString(3, StoredJson.typeId(e));
      events.setString(4, StoredJson.encode(e));
      events.addBatch();
    }

    void outbox(OutboxMessage m) throws SQLException {
      outbox.setString(1, m.key());
      outbox.setString(2, m.ticket().toString());
      outbox.setObject(3, utc(m.createdAt()));
      outbox.setString(4, StoredJson.encode(m.payload()));
      outbox.setObject(5, utc(m.createdAt()));
      outbox.addBatch();
    }

    void flush() throws SQLException {
      tickets.executeBatch();
      entries.executeBatch();
      events.executeBatch();
      outbox.executeBatch();
    }

    @Override
    public void close() throws SQLException {
      tickets.close();
      entries.close();
      events.close();
      outbox.close();
    }
  }

  // ---------------------------------------------------------------- creation

  /** Tickets created per second by {@code threads} threads, {@link #CREATIONS} in all. */
  private double rate(int threads, Creation creation) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = CREATIONS / threads;
        int offset = t;
        runs.add(
            pool.submit(
                () -> {
                  Random r = new Random(offset * 31L + System.nanoTime());
                  for (int i = 0; i < share; i++) {
                    creation.create(r);
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      return CREATIONS / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  @FunctionalInterface
  private interface Creation {
    void create(Random random) throws Exception;
  }

  private void deskCreate(Random r) {
    desk.open(
        OpenTicket.byCustomer(
                CustomerId.of("c" + r.nextInt(CUSTOMERS)),
                DepartmentId.of("d" + r.nextInt(DEPARTMENTS)),
                "Printer on fire",
                BODY)
            .withPriority(Priority.LOW));
  }

  /**
   * The rows {@code Helpdesk.open} commits (ticket, first entry, opening event, confirmation outbox
   * message), inserted with plain JDBC in one transaction, as a reference for the desk.
   */
  private void plainCreate(Random r) throws SQLException {
    TicketId id = new TicketId(new UUID(r.nextLong(), r.nextLong()));
    Instant now = clock.instant();
    CustomerId customer = CustomerId.of("c" + r.nextInt(CUSTOMERS));
    ThreadEntry entry =
        new ThreadEntry(
            new EntryId(new UUID(r.nextLong(), r.nextLong())),
            id,
            now,
            Actor.customer(customer),
            Visibility.PUBLIC,
            Channel.WEB,
            BODY,
            List.of(),
            Optional.empty());
    TicketRef reference = TicketRef.random(r);
    TicketOpened opened =
        new TicketOpened(
            id,
            1,
            Actor.customer(customer),
            now,
            reference,
            new Requester.Known(customer),
            Optional.empty(),
            DepartmentId.of("d" + r.nextInt(DEPARTMENTS)),
            Priority.LOW,
            Optional.empty(),
            Channel.WEB,
            "Printer on fire",
            Tier.L1,
            java.util.Set.of(),
            java.util.Map.of(),
            entry.id(),
            Optional.empty());
    Instant check = now.plus(Duration.ofHours(18));
    Ticket t =
        new Ticket(
            id,
            reference,
            1,
            new Requester.Known(customer),
            Optional.empty(),
            opened.department(),
            Priority.LOW,
            Optional.empty(),
            Channel.WEB,
            "Printer on fire",
            Tier.L1,
            Optional.empty(),
            TicketStatus.OPEN,
            java.util.Set.of(),
            java.util.Map.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0,
            false,
            false,
            now,
            now,
            Optional.empty(),
            new SlaState(Optional.of(check), Optional.of(check), Optional.empty(), List.of()));
    OutboxMessage confirmation =
        new OutboxMessage(
            "plain-" + plainSequence.incrementAndGet() + "-" + id,
            id,
            now,
            new dev.helpdesk.spi.Notification(
                dev.helpdesk.spi.Notification.Kind.CONFIRMATION,
                id,
                reference,
                customer.value() + "@example.com",
                "Customer",
                "Printer on fire [" + reference.value() + "]",
                BODY,
                Optional.empty()));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Rows rows = new Rows(c)) {
        rows.ticket(t);
        rows.entry(entry, 1);
        rows.event(opened);
        rows.outbox(confirmation);
        rows.flush();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if (!"23505".equals(e.getSQLState()) && e.getErrorCode() != MARIADB_DUPLICATE_KEY) {
          throw e;
        }
        // A reference collision (40 random bits): draw another, as the desk does.
        plainCreate(r);
      }
    }
  }

  // ---------------------------------------------------------------- reads

  /**
   * Untimed samples before each read measurement: with 100, the medians still measured the JIT
   * compiling the JSON mapping on two busy cores (BENCHMARKS.md, "Stored JSON through Jackson").
   */
  private static final int WARM_UP_SAMPLES = 3_000;

  private void queuePages() {
    Actor agent = Actor.agent(AgentId.of("agent"));
    Random r = new Random(11);
    long[] nanos = new long[1000];
    Optional<QueueKey> after = Optional.empty();
    for (int i = -WARM_UP_SAMPLES; i < nanos.length; i++) {
      DepartmentId department = DepartmentId.of("d" + r.nextInt(DEPARTMENTS));
      // Every other sample is the next page of the previous one's department.
      long start = System.nanoTime();
      List<Ticket> page = desk.queue(agent, department, after, 50);
      long took = System.nanoTime() - start;
      after =
          after.isEmpty() && !page.isEmpty()
              ? Optional.of(page.get(page.size() - 1).queueKey())
              : Optional.empty();
      if (i >= 0) {
        nanos[i] = took;
      }
      if (page.size() != 50) {
        throw new IllegalStateException("queue page of " + page.size() + " tickets");
      }
    }
    report("queue page of 50 (first and next pages, 1,000 samples)", nanos, "p99 < 10 ms");
  }

  private void customerTickets() {
    Random r = new Random(13);
    long[] nanos = new long[1000];
    for (int i = -WARM_UP_SAMPLES; i < nanos.length; i++) {
      Actor.Customer customer = Actor.customer(CustomerId.of("c" + r.nextInt(CUSTOMERS)));
      long start = System.nanoTime();
      List<Ticket> tickets = desk.ticketsOf(customer, 50);
      long took = System.nanoTime() - start;
      if (i >= 0) {
        nanos[i] = took;
      }
      if (tickets.isEmpty()) {
        throw new IllegalStateException("customer without tickets");
      }
    }
    report("a customer's tickets, 50 newest (1,000 samples)", nanos, "p99 reported");
  }

  /**
   * Each run opens 100 urgent tickets (not timed), moves the clock past their first-response
   * deadline and times {@code runDueSlaChecks()}, which records a warning and a breach for each;
   * then staff propose a resolution on them (not timed), which stops their clocks, so every run
   * finds exactly 100 due among all tickets.
   */
  private void slaScan() {
    Actor agent = Actor.agent(AgentId.of("agent"));
    Random r = new Random(17);
    long[] nanos = new long[30];
    long[] query = new long[30];
    for (int run = -5; run < nanos.length; run++) {
      List<TicketRef> urgent = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        urgent.add(
            desk.open(
                OpenTicket.byCustomer(
                        CustomerId.of("c" + r.nextInt(CUSTOMERS)),
                        DepartmentId.of("d" + r.nextInt(DEPARTMENTS)),
                        "Shop down",
                        BODY)
                    .withPriority(Priority.URGENT)));
      }
      clock.advance(Duration.ofMinutes(16));
      long q0 = System.nanoTime();
      int due = store.due(clock.instant(), Optional.empty(), 500).size();
      long q1 = System.nanoTime();
      SlaCheckResult result = desk.runDueSlaChecks();
      long took = System.nanoTime() - q1;
      if (due != 100 || result.breaches() != 100) {
        throw new IllegalStateException(due + " due, result " + result);
      }
      if (run >= 0) {
        nanos[run] = took;
        query[run] = q1 - q0;
      }
      for (TicketRef ref : urgent) {
        desk.proposeResolution(ref, agent, "Fixed, please confirm");
      }
    }
    report("SLA due query alone, 100 due (30 runs)", query, "");
    report("runDueSlaChecks, 100 due: warning + breach each (30 runs)", nanos, "p99 < 50 ms");
  }

  // ---------------------------------------------------------------- helpers

  private static void report(String what, long[] nanos, String target) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms %s%n",
        what,
        percentile(sorted, 50) / 1e6,
        percentile(sorted, 99) / 1e6,
        sorted[sorted.length - 1] / 1e6,
        target.isEmpty() ? "" : "(target " + target + ")");
  }

  /** Nearest-rank percentile of sorted samples. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private int count(String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** A timestamp as the store writes it: MariaDB's DATETIME holds UTC without an offset. */
  private Object utc(Instant instant) {
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    return engine.equals("mariadb")
        ? LocalDateTime.ofInstant(micros, ZoneOffset.UTC)
        : OffsetDateTime.ofInstant(micros, ZoneOffset.UTC);
  }

  private static String body(int length) {
    StringBuilder b = new StringBuilder(length);
    String[] words = {"printer", "invoice", "refund", "server", "please", "error", "since", "the"};
    Random r = new Random(5);
    while (b.length() < length) {
      b.append(words[r.nextInt(words.length)]).append(' ');
    }
    return b.substring(0, length);
  }
}
