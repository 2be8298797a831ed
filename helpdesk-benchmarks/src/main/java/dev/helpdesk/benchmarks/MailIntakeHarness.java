package dev.helpdesk.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.benchmarks.MailCorpus.Msg;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.mail.MailIntake;
import dev.helpdesk.mail.Mailbox;
import dev.helpdesk.mail.SmtpListener;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * End-to-end figures of the mail intake over the JDBC store: a generated, deterministic support
 * inbox ({@link MailCorpus}) taken in by {@link MailIntake#accept}, side by side with what the work
 * costs at least: parsing the same messages with bare Jakarta Mail, and plain JDBC transactions
 * inserting the rows an intake makes. Usage:
 *
 * <pre>
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.MailIntakeHarness h2 DIR [N]
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.MailIntakeHarness postgresql URL USER PASSWORD [N]
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.MailIntakeHarness smtp h2 DIR [N]
 * java -cp benchmarks.jar dev.helpdesk.benchmarks.MailIntakeHarness heap DIR
 * </pre>
 *
 * N defaults to 2000 messages. The H2 modes own DIR and replace the databases they put there; the
 * PostgreSQL mode needs an empty database on a server with durable commits ({@code fsync} and
 * {@code synchronous_commit} on) and refuses any other, because the figure is meant to be what a
 * customer's message costs when a 250 means it is on disk. {@code h2} also runs the {@code heap}
 * measurement at its end: one 50 MB message through the intake in child JVMs of 32, 48 and 64 MB of
 * heap.
 *
 * <p>The desk's stores are wrapped in a timing proxy (two {@code nanoTime} calls per store call),
 * so that a miss can be explained from outside the mail module: the report shows where each
 * message's time goes, store method by store method.
 */
public final class MailIntakeHarness {
  private static final byte[] SECRET =
      "benchmark host secret of 32 bytes".getBytes(StandardCharsets.UTF_8);
  private static final DepartmentId SUPPORT = DepartmentId.of("support");
  private static final int WARMUP = 600;
  private static final long LARGE_BYTES = 50_000_000L;

  private final List<String[]> table = new ArrayList<>();

  private MailIntakeHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      usage();
    }
    MailIntakeHarness h = new MailIntakeHarness();
    switch (args[0]) {
      case "h2" -> h.h2(Path.of(args[1]), count(args, 2));
      case "postgresql", "pg" -> {
        if (args.length < 4) {
          usage();
        }
        h.postgresql(args[1], args[2], args[3], count(args, 4));
      }
      case "smtp" -> {
        if (args.length < 3 || !args[1].equals("h2")) {
          usage();
        }
        h.smtp(Path.of(args[2]), count(args, 3));
      }
      case "heap" -> h.heap(Path.of(args[1]));
      case "large-child" -> largeChild(Path.of(args[1]), Path.of(args[2]));
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: MailIntakeHarness h2 DIR [N] | postgresql URL USER PASSWORD [N]"
            + " | smtp h2 DIR [N] | heap DIR");
    System.exit(64);
  }

  private static int count(String[] args, int at) {
    return args.length > at ? Integer.parseInt(args[at]) : 2000;
  }

  // ---------------------------------------------------------------- the modes

  private void h2(Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    clean(dir);
    Corpora corpora = corpora(n);
    banner("H2 (file, JdbcStore.h2File)", n, corpora);
    // Warm-up: every phase once on its own corpus and its own databases, thrown away after.
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("warmup-desk"));
        H2Floor floor = new H2Floor(dir.resolve("warmup-floor"))) {
      phases(store, floor.floor, corpora.warmup, corpora.warmupFour, true);
    }
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"));
        H2Floor floor = new H2Floor(dir.resolve("floor"))) {
      phases(store, floor.floor, corpora.one, corpora.four, false);
      rawPut(
          store, floor.floor, MailCorpus.generate(corpora.dir(), "rawput", 43, corpora.one.size()));
    }
    heap(dir);
    printTable();
    deleteCorpus(corpora);
  }

  private void postgresql(String url, String user, String password, int n) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      String durability = requireDurable(ds);
      JdbcStore store = JdbcStore.create(ds);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mail_archive")) {
        rs.next();
        if (rs.getLong(1) != 0) {
          System.err.println("the database holds mail already; start from an empty one");
          System.exit(2);
        }
      }
      Corpora corpora = corpora(n);
      banner("PostgreSQL (" + durability + ")", n, corpora);
      // The floor's tables live in their own schema of the same database; the warm-up corpus has
      // its own Message-IDs, so it leaves nothing the measured corpora would meet.
      Floor floor = new Floor(ds, "floor.", false);
      floor.create();
      phases(store, floor, corpora.warmup, corpora.warmupFour, true);
      floor.create();
      phases(store, floor, corpora.one, corpora.four, false);
      deleteCorpus(corpora);
    }
    printTable();
  }

  /** Refuses a server that acknowledges commits before they are on disk. */
  private static String requireDurable(DataSource ds) throws SQLException {
    StringBuilder settings = new StringBuilder();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          String value = rs.getString(1);
          settings
              .append(settings.length() == 0 ? "" : ", ")
              .append(setting)
              .append('=')
              .append(value);
          if (!setting.equals("full_page_writes") && !value.equals("on")) {
            System.err.printf(
                "refusing to run: %s is %s; the figures need durable commits (see"
                    + " helpdesk-benchmarks/scripts/pg-durable.sh)%n",
                setting, value);
            System.exit(2);
          }
        }
      }
    }
    return settings.toString();
  }

  private record Corpora(
      List<Msg> warmup, List<Msg> warmupFour, List<Msg> one, List<Msg> four, Path dir) {}

  private static Corpora corpora(int n) throws IOException {
    Path dir = Files.createTempDirectory("mail-corpus-");
    long start = System.nanoTime();
    Corpora c =
        new Corpora(
            MailCorpus.generate(dir, "warmup", 1, WARMUP),
            MailCorpus.generate(dir, "warmupfour", 1, WARMUP),
            MailCorpus.generate(dir, "one", 42, n),
            // The same messages as "one" but for their Message-IDs, for the 4-thread pass.
            MailCorpus.generate(dir, "four", 42, n),
            dir);
    System.out.printf(
        Locale.ROOT, "corpus: %s, generated in %.1f s%n", describe(c.one), seconds(start));
    return c;
  }

  private static String describe(List<Msg> corpus) {
    long replies = corpus.stream().filter(Msg::reply).count();
    long attachments = corpus.stream().filter(Msg::attachment).count();
    long bytes = corpus.stream().mapToLong(Msg::size).sum();
    return String.format(
        Locale.ROOT,
        "%d messages, %d replies (%.0f%%), %d with an attachment (%.0f%%), %.1f MB, %.1f KB mean",
        corpus.size(),
        replies,
        100.0 * replies / corpus.size(),
        attachments,
        100.0 * attachments / corpus.size(),
        bytes / 1e6,
        bytes / 1e3 / corpus.size());
  }

  private static void banner(String database, int n, Corpora corpora) {
    System.out.printf(
        "MailIntakeHarness on %s, %d messages, %d cores, %s; corpus in %s%n",
        database,
        n,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"),
        corpora.dir);
  }

  /**
   * The side-by-side measurement: bare parse, plain JDBC floor and intake, on 1 thread ({@code
   * one}) and on 4 threads ({@code four}, another corpus, so nothing is a duplicate).
   */
  private void phases(JdbcStore jdbc, Floor floor, List<Msg> one, List<Msg> four, boolean warmup)
      throws Exception {
    Timing timing = new Timing();
    Desk desk = new Desk(jdbc, timing);
    for (int threads : new int[] {1, 4}) {
      List<Msg> corpus = threads == 1 ? one : four;
      List<List<Msg>> parts = byConversation(corpus, threads);
      double parse = rate(corpus.size(), parts, MailIntakeHarness::bareParse);
      double plain = rate(corpus.size(), parts, floor::insert);
      double floorRate = 1 / (1 / parse + 1 / plain);
      timing.reset();
      Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      long start = System.nanoTime();
      double intake =
          rate(
              corpus.size(),
              parts,
              m -> {
                IntakeResult r;
                try (InputStream in = Files.newInputStream(m.file())) {
                  r = desk.intake.accept(in, "bench");
                }
                outcomes
                    .computeIfAbsent(r.getClass().getSimpleName(), k -> new AtomicInteger())
                    .incrementAndGet();
                if (!(r instanceof IntakeResult.Created || r instanceof IntakeResult.Appended)) {
                  System.out.println("  unexpected outcome for " + m.messageId() + ": " + r);
                }
              });
      long intakeNanos = System.nanoTime() - start;
      Map<String, long[]> breakdown = timing.snapshot();
      timing.reset();
      long d0 = System.nanoTime();
      int delivered = desk.desk.deliverOutbox();
      double deliverSeconds = seconds(d0);
      if (warmup) {
        System.out.printf(
            Locale.ROOT,
            "warm-up, %d thread(s): parse %.0f/s, plain JDBC %.0f/s, intake %.0f/s%n",
            threads,
            parse,
            plain,
            intake);
        continue;
      }
      long replies = corpus.stream().filter(Msg::reply).count();
      System.out.printf(
          Locale.ROOT,
          "%d thread(s): bare parse %.0f/s, plain JDBC %.0f/s, parse + insert floor %.0f/s,"
              + " intake %.0f/s, intake / floor %.2f; outcomes %s (replies in corpus %d)%n",
          threads,
          parse,
          plain,
          floorRate,
          intake,
          intake / floorRate,
          outcomes,
          replies);
      System.out.printf(
          Locale.ROOT,
          "  deliverOutbox (no-op notifier): %d confirmations in %.2f s, %.0f/s%n",
          delivered,
          deliverSeconds,
          delivered / deliverSeconds);
      printBreakdown(breakdown, corpus.size(), intakeNanos, threads);
      String t = threads + " thread" + (threads == 1 ? "" : "s");
      row("bare parse, " + t, "%.0f msgs/s", parse);
      row("plain JDBC floor, " + t, "%.0f msgs/s", plain);
      row("parse + insert floor, " + t, "%.0f msgs/s", floorRate);
      row("intake (MailIntake.accept), " + t, "%.0f msgs/s", intake);
      row("intake / floor, " + t, "%.2f", intake / floorRate);
      row("deliverOutbox after the " + t + " pass", "%.0f msgs/s", delivered / deliverSeconds);
    }
  }

  /**
   * Where the intake's time went, per message: each store method's share, and what remains outside
   * the stores (spooling, parsing, threading, the desk's own logic). On several threads the shares
   * add up to more than the wall time, since calls overlap.
   */
  private static void printBreakdown(Map<String, long[]> calls, int n, long wall, int threads) {
    long inStores = calls.values().stream().mapToLong(v -> v[1]).sum();
    System.out.printf(
        Locale.ROOT,
        "  where the time went (%d thread(s)), per message: wall %.3f ms%s%n",
        threads,
        wall / 1e6 / n,
        threads == 1
            ? String.format(
                Locale.ROOT, ", outside the stores %.3f ms", (wall - inStores) / 1e6 / n)
            : String.format(
                Locale.ROOT,
                " (x %d threads = %.3f ms of thread time)",
                threads,
                wall * threads / 1e6 / n));
    calls.entrySet().stream()
        .sorted(
            Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "    %-40s %6.2f calls, %7.3f ms%n",
                    e.getKey(),
                    (double) e.getValue()[0] / n,
                    e.getValue()[1] / 1e6 / n));
  }

  /**
   * The intake's first write taken apart from outside: the archive's {@code receiveClaimed} of each
   * raw message (a new record leased, with its bytes, in one transaction; 1 thread), against the
   * floor's transaction inserting the same bytes as one blob.
   */
  private void rawPut(JdbcStore store, Floor floor, List<Msg> corpus) throws Exception {
    MailArchive archive = store.mailArchive();
    List<List<Msg>> one = byConversation(corpus, 1);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    double archived =
        rate(
            corpus.size(),
            one,
            m ->
                archive.receiveClaimed(
                    ArchivedMail.received("raw-" + m.sha256(), m.sha256(), m.size(), "bench", at),
                    () -> Files.newInputStream(m.file()),
                    "bench",
                    at.plusSeconds(300)));
    double blob = rate(corpus.size(), one, floor::insertBlob);
    System.out.printf(
        Locale.ROOT,
        "raw message archived alone, 1 thread: archive.receiveClaimed %.3f ms; one-statement blob"
            + " transaction %.3f ms%n",
        1000 / archived,
        1000 / blob);
    row(
        "raw message archived alone (H2), 1 thread",
        "%s",
        String.format(Locale.ROOT, "%.3f ms", 1000 / archived));
    row("  plain blob insert, 1 thread", "%s", String.format(Locale.ROOT, "%.3f ms", 1000 / blob));
  }

  // ---------------------------------------------------------------- the desk

  /** A desk with mail intake over a JDBC store, every store behind the timing proxy. */
  private static final class Desk {
    final Helpdesk desk;
    final MailIntake intake;

    Desk(JdbcStore jdbc, Timing timing) {
      this(jdbc, timing, MailIntake.DEFAULT_MAX_MESSAGE_BYTES);
    }

    Desk(JdbcStore jdbc, Timing timing, long maxMessageBytes) {
      FakeDirectory fake = new FakeDirectory().department("support", "Support");
      MailCorpus.customers(fake);
      Directory directory = timing.wrap(Directory.class, fake, "directory");
      TicketStore tickets = timing.wrap(TicketStore.class, jdbc.ticketStore(), "tickets");
      AttachmentStore attachments =
          timing.wrap(AttachmentStore.class, jdbc.attachmentStore(), "attachments");
      MailArchive archive = timing.wrap(MailArchive.class, jdbc.mailArchive(), "archive");
      desk =
          Helpdesk.builder()
              .store(tickets)
              .directory(directory)
              .notifier((key, notification) -> {})
              .attachments(attachments)
              .build();
      intake =
          MailIntake.builder(desk, directory, tickets, archive, attachments, SECRET)
              .mailbox(Mailbox.of(MailCorpus.SUPPORT, SUPPORT))
              .maxMessageBytes(maxMessageBytes)
              .build();
    }
  }

  /** Counts calls and their time per interface method, from outside the implementation. */
  private static final class Timing {
    private final ConcurrentMap<String, LongAdder[]> calls = new ConcurrentHashMap<>();

    <T> T wrap(Class<T> type, T target, String name) {
      InvocationHandler handler =
          (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
              return method.invoke(target, args);
            }
            long start = System.nanoTime();
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              LongAdder[] a =
                  calls.computeIfAbsent(
                      name + "." + method.getName() + detail(method.getName(), args),
                      k -> new LongAdder[] {new LongAdder(), new LongAdder()});
              a[0].increment();
              a[1].add(System.nanoTime() - start);
            }
          };
      return type.cast(
          Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The raw message and a decoded attachment cost differently, so they are counted apart. */
    private static String detail(String method, Object[] args) {
      if (method.equals("put") && args != null && args.length == 3) {
        return "message/rfc822".equals(args[1]) ? " (raw message)" : " (attachment)";
      }
      return "";
    }

    void reset() {
      calls.clear();
    }

    Map<String, long[]> snapshot() {
      Map<String, long[]> out = new LinkedHashMap<>();
      calls.forEach((k, v) -> out.put(k, new long[] {v[0].sum(), v[1].sum()}));
      return out;
    }
  }

  // ---------------------------------------------------------------- bare parse

  private static final Session SESSION = Session.getInstance(new Properties());

  /**
   * What any intake must do at least: parse the headers, decode every text part to a string and
   * stream every attachment to its end, lazily from the file as the intake's parser does.
   */
  private static void bareParse(Msg m) throws Exception {
    SharedFileInputStream in = new SharedFileInputStream(m.file().toFile());
    try {
      MimeMessage message = new MimeMessage(SESSION, in);
      message.getMessageID();
      message.getFrom();
      message.getAllRecipients();
      message.getSubject();
      message.getHeader("In-Reply-To");
      message.getHeader("References");
      walk(message);
    } finally {
      in.close();
    }
  }

  private static final byte[] SINK = new byte[64 * 1024];

  private static void walk(Part part) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        walk(child);
      }
    } else if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equals(part.getDisposition())) {
      ((String) part.getContent()).length();
    } else {
      try (InputStream in = part.getInputStream()) {
        while (in.read(SINK) != -1) {
          // streamed to its end and dropped
        }
      }
    }
  }

  // ---------------------------------------------------------------- the plain JDBC floor

  /**
   * The least a database must do per message: one transaction inserting a ticket-shaped row, a
   * thread entry with the body text, the raw message as one blob and an archive row, into plain
   * tables of its own. (The intake also stores each attachment decoded, a second copy of those
   * bytes, and works in several transactions; see the breakdown.)
   */
  private static class Floor {
    final DataSource ds;
    final String prefix;
    final boolean h2;

    Floor(DataSource ds, String prefix, boolean h2) {
      this.ds = ds;
      this.prefix = prefix;
      this.h2 = h2;
    }

    void create() throws SQLException {
      String text = h2 ? "CHARACTER VARYING" : "TEXT";
      String blob = h2 ? "BLOB" : "BYTEA";
      String ts = "TIMESTAMP(6) WITH TIME ZONE";
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        if (!h2) {
          s.execute("DROP SCHEMA IF EXISTS floor CASCADE");
          s.execute("CREATE SCHEMA floor");
        }
        s.execute(
            "CREATE TABLE "
                + prefix
                + "tickets (id CHAR(36) PRIMARY KEY, reference VARCHAR(16) NOT NULL UNIQUE,"
                + " department VARCHAR(64) NOT NULL, status VARCHAR(32) NOT NULL,"
                + " requester VARCHAR(320) NOT NULL, subject VARCHAR(1000) NOT NULL,"
                + " opened_at "
                + ts
                + " NOT NULL, version BIGINT NOT NULL)");
        s.execute(
            "CREATE TABLE "
                + prefix
                + "entries (id CHAR(36) PRIMARY KEY, ticket_id CHAR(36) NOT NULL, seq INT NOT NULL,"
                + " entry_at "
                + ts
                + " NOT NULL, message_id VARCHAR(998), body "
                + text
                + " NOT NULL)");
        s.execute(
            "CREATE TABLE "
                + prefix
                + "raw_messages (sha256 CHAR(64) PRIMARY KEY, size BIGINT NOT NULL, data "
                + blob
                + " NOT NULL)");
        s.execute(
            "CREATE TABLE "
                + prefix
                + "archive (mail_key VARCHAR(200) PRIMARY KEY, raw_sha256 CHAR(64) NOT NULL,"
                + " size BIGINT NOT NULL, source VARCHAR(100) NOT NULL, received_at "
                + ts
                + " NOT NULL, status VARCHAR(16) NOT NULL, detail VARCHAR(1000) NOT NULL)");
      }
    }

    /** The raw message alone, one statement and its commit. */
    void insertBlob(Msg m) throws Exception {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement r =
                c.prepareStatement(
                    "INSERT INTO "
                        + prefix
                        + "raw_messages (sha256, size, data) VALUES (?, ?, ?)");
            InputStream raw = new BufferedInputStream(Files.newInputStream(m.file()))) {
          r.setString(1, m.sha256());
          r.setLong(2, m.size());
          r.setBinaryStream(3, raw, m.size());
          r.executeUpdate();
          c.commit();
        } catch (SQLException | RuntimeException ex) {
          c.rollback();
          throw ex;
        }
      }
    }

    void insert(Msg m) throws Exception {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      String ticket = UUID.randomUUID().toString();
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement t =
                c.prepareStatement(
                    "INSERT INTO "
                        + prefix
                        + "tickets (id, reference, department, status, requester, subject,"
                        + " opened_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)");
            PreparedStatement e =
                c.prepareStatement(
                    "INSERT INTO "
                        + prefix
                        + "entries (id, ticket_id, seq, entry_at, message_id, body)"
                        + " VALUES (?, ?, 1, ?, ?, ?)");
            PreparedStatement r =
                c.prepareStatement(
                    "INSERT INTO "
                        + prefix
                        + "raw_messages (sha256, size, data) VALUES (?, ?, ?)");
            PreparedStatement a =
                c.prepareStatement(
                    "INSERT INTO "
                        + prefix
                        + "archive (mail_key, raw_sha256, size, source, received_at, status,"
                        + " detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
            InputStream raw = new BufferedInputStream(Files.newInputStream(m.file()))) {
          t.setString(1, ticket);
          t.setString(2, "HD-" + m.sha256().substring(0, 8).toUpperCase(Locale.ROOT));
          t.setString(3, "support");
          t.setString(4, "OPEN");
          t.setString(5, m.from());
          t.setString(6, m.subject());
          t.setObject(7, now);
          t.executeUpdate();
          e.setString(1, UUID.randomUUID().toString());
          e.setString(2, ticket);
          e.setObject(3, now);
          e.setString(4, m.messageId());
          e.setString(5, m.text());
          e.executeUpdate();
          r.setString(1, m.sha256());
          r.setLong(2, m.size());
          r.setBinaryStream(3, raw, m.size());
          r.executeUpdate();
          a.setString(1, "mid-" + m.sha256());
          a.setString(2, m.sha256());
          a.setLong(3, m.size());
          a.setString(4, "bench");
          a.setObject(5, now);
          a.setString(6, "PROCESSED");
          a.setString(7, "created " + ticket);
          a.executeUpdate();
          c.commit();
        } catch (SQLException | RuntimeException ex) {
          c.rollback();
          throw ex;
        }
      }
    }
  }

  /** The floor in its own H2 file, pooled as {@code JdbcStore.h2File} pools the desk's. */
  private static final class H2Floor implements AutoCloseable {
    final JdbcConnectionPool pool;
    final Floor floor;

    H2Floor(Path file) throws SQLException {
      // The settings JdbcStore gives its own H2 pools, so that the floor is not slowed by what the
      // store avoids (reparsing statements, LOB storage for small values).
      pool =
          JdbcConnectionPool.create(
              "jdbc:h2:file:"
                  + file.toAbsolutePath()
                  + ";QUERY_CACHE_SIZE=128;MAX_LENGTH_INPLACE_LOB=524288",
              "",
              "");
      pool.setMaxConnections(16);
      floor = new Floor(pool, "", true);
      floor.create();
    }

    @Override
    public void close() {
      pool.dispose();
    }
  }

  // ---------------------------------------------------------------- running a pass

  @FunctionalInterface
  private interface Work {
    void run(Msg m) throws Exception;
  }

  /**
   * Splits the corpus over {@code threads} workers by conversation, each in delivery order, so that
   * an answer is never taken in before the message it answers.
   */
  private static List<List<Msg>> byConversation(List<Msg> corpus, int threads) {
    List<List<Msg>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      parts.add(new ArrayList<>());
    }
    for (Msg m : corpus) {
      parts.get(m.conversation() % threads).add(m);
    }
    return parts;
  }

  /** Messages per second of {@code work} over the parts, one thread each. */
  private static double rate(int n, List<List<Msg>> parts, Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parts.size());
    try {
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (List<Msg> part : parts) {
        runs.add(
            pool.submit(
                () -> {
                  for (Msg m : part) {
                    work.run(m);
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      return n / seconds(start);
    } finally {
      pool.shutdown();
    }
  }

  // ---------------------------------------------------------------- SMTP

  private void smtp(Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    clean(dir);
    Corpora corpora = corpora(n);
    banner("H2 (file) behind SmtpListener, 8 senders", n, corpora);
    for (String db : new String[] {"warmup-smtp-desk", "smtp-desk"}) {
      boolean warmup = db.startsWith("warmup");
      List<Msg> corpus = warmup ? corpora.warmup : corpora.one;
      try (JdbcStore store = JdbcStore.h2File(dir.resolve(db))) {
        Desk desk = new Desk(store, new Timing());
        try (SmtpListener listener =
            SmtpListener.start(desk.intake, InetAddress.getLoopbackAddress(), 0, 16)) {
          Map<String, AtomicInteger> replies = new ConcurrentHashMap<>();
          List<List<Msg>> parts = byConversation(corpus, 8);
          ExecutorService pool = Executors.newFixedThreadPool(8);
          long start = System.nanoTime();
          List<Future<?>> runs = new ArrayList<>();
          for (List<Msg> part : parts) {
            runs.add(
                pool.submit(
                    () -> {
                      try (RawSmtp client = new RawSmtp(listener.port())) {
                        for (Msg m : part) {
                          String reply = client.send(m.from(), MailCorpus.SUPPORT, m.file());
                          String code = reply.length() >= 3 ? reply.substring(0, 3) : reply;
                          replies.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                          if (!code.equals("250")) {
                            System.out.println("  " + m.messageId() + ": " + reply);
                          }
                        }
                      }
                      return null;
                    }));
          }
          for (Future<?> run : runs) {
            run.get();
          }
          double rate = corpus.size() / seconds(start);
          pool.shutdown();
          System.out.printf(
              Locale.ROOT,
              "%s: %d messages over SMTP by 8 senders, %.0f msgs/s, replies %s%n",
              warmup ? "warm-up" : "measured",
              corpus.size(),
              rate,
              replies);
          if (!warmup) {
            row("SMTP listener, 8 senders (H2)", "%.0f msgs/s", rate);
            row(
                "SMTP replies 250",
                "%s",
                replies.getOrDefault("250", new AtomicInteger()).get() + " of " + corpus.size());
          }
        }
      }
    }
    printTable();
    deleteCorpus(corpora);
  }

  /**
   * A raw SMTP client (as helpdesk-testing's SmtpClient, which opens one connection per message)
   * that keeps its connection: RSET, MAIL, RCPT and DATA per message, the way an MTA relays a
   * queue.
   */
  private static final class RawSmtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawSmtp(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(60_000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      expect("220");
      command("EHLO relay.example");
      expect("250");
    }

    /** Sends one message; returns the server's final reply to it. */
    String send(String from, String to, Path file) throws IOException {
      command("RSET");
      expect("250");
      command("MAIL FROM:<" + from + ">");
      expect("250");
      command("RCPT TO:<" + to + ">");
      String rcpt = reply();
      if (!rcpt.startsWith("250")) {
        return rcpt;
      }
      command("DATA");
      expect("354");
      writeDotStuffed(Files.readAllBytes(file));
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return reply();
    }

    private void writeDotStuffed(byte[] raw) throws IOException {
      boolean lineStart = true;
      for (byte b : raw) {
        if (lineStart && b == '.') {
          out.write('.');
        }
        out.write(b);
        lineStart = b == '\n';
      }
      if (!lineStart) {
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }

    private void command(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    private void expect(String code) throws IOException {
      String line = reply();
      if (!line.startsWith(code)) {
        throw new IOException("expected " + code + ", got " + line);
      }
    }

    private String reply() throws IOException {
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("connection closed");
        }
      } while (line.length() > 3 && line.charAt(3) == '-');
      return line;
    }

    @Override
    public void close() throws IOException {
      try {
        command("QUIT");
        reply();
      } finally {
        socket.close();
      }
    }
  }

  // ---------------------------------------------------------------- the 50 MB message

  /**
   * One 50 MB message through the intake in child JVMs of 64, 48 and 32 MB of heap, each into a
   * fresh H2 file: the parser must stream it from its spool file and the attachment store in
   * chunks, or the child runs out of memory.
   */
  private void heap(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path large = Files.createTempFile("mail-large-", ".eml");
    try {
      long g0 = System.nanoTime();
      MailCorpus.large(large, LARGE_BYTES);
      System.out.printf(
          Locale.ROOT,
          "large message: %.1f MB written in %.1f s%n",
          Files.size(large) / 1e6,
          seconds(g0));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String jar =
          Path.of(
                  MailIntakeHarness.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString();
      String smallest = "none";
      for (int mb : new int[] {64, 48, 32}) {
        Path db = dir.resolve("large-" + mb);
        deleteH2(db);
        Process p =
            new ProcessBuilder(
                    java,
                    "-Xmx" + mb + "m",
                    "-cp",
                    jar,
                    MailIntakeHarness.class.getName(),
                    "large-child",
                    large.toString(),
                    db.toString())
                .redirectErrorStream(true)
                .start();
        StringBuilder all = new StringBuilder();
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                      synchronized (all) {
                        all.append(line).append('\n');
                      }
                    }
                  } catch (IOException e) {
                    // the child is gone
                  }
                });
        reader.start();
        // A heap too small may not fail but collect forever: give up after two minutes.
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
          p.destroyForcibly().waitFor();
        }
        reader.join();
        int exit = finished ? p.exitValue() : -1;
        String result = "";
        for (String line : all.toString().split("\n")) {
          if (line.startsWith("LARGE ")) {
            result = line.substring(6);
          }
        }
        if (!finished) {
          all.append("did not finish in 120 s (collecting garbage all the time)\n");
        }
        boolean ok = exit == 0 && result.contains("Created");
        System.out.printf("-Xmx%dm: exit %d, %s%n", mb, exit, ok ? result : "FAILED");
        if (!ok) {
          String tail = all.length() > 1500 ? all.substring(all.length() - 1500) : all.toString();
          System.out.print(tail.indent(4));
        } else {
          smallest = "-Xmx" + mb + "m";
        }
        row(
            "50 MB message, -Xmx" + mb + "m",
            "%s",
            ok ? result : finished ? "failed (exit " + exit + ")" : "no result in 120 s");
        deleteH2(db);
      }
      row("50 MB message, smallest heap of 32/48/64m", "%s", smallest);
    } finally {
      Files.deleteIfExists(large);
    }
  }

  /** The child JVM of {@link #heap}: one intake of the large message, then its time and heap. */
  private static void largeChild(Path message, Path db) throws Exception {
    JdbcConnectionPool pool =
        JdbcConnectionPool.create("jdbc:h2:file:" + db.toAbsolutePath(), "", "");
    pool.setMaxConnections(16);
    try {
      JdbcStore store = JdbcStore.builder(pool).attachmentLimit(80L << 20).build();
      Desk desk = new Desk(store, new Timing(), 80L << 20);
      // The heap in use, sampled every 5 ms while the message is taken in: unlike the pools' peaks,
      // which are reached at different moments, a sample is one moment's total.
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      AtomicLong maxUsed = new AtomicLong();
      AtomicBoolean done = new AtomicBoolean();
      Thread sampler =
          new Thread(
              () -> {
                while (!done.get()) {
                  maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long start = System.nanoTime();
      IntakeResult r;
      try (InputStream in = Files.newInputStream(message)) {
        r = desk.intake.accept(in, "bench");
      }
      double took = seconds(start);
      done.set(true);
      sampler.join();
      // What survived collections: the old generation's use after its last collection, at most.
      long afterGc = 0;
      for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
        if (b.getType() == MemoryType.HEAP && b.getCollectionUsage() != null) {
          afterGc = Math.max(afterGc, b.getCollectionUsage().getUsed());
        }
      }
      System.out.printf(
          Locale.ROOT,
          "LARGE %s in %.1f s, heap used at most %.1f MB (sampled), %.1f MB after the last GC of"
              + " a pool%n",
          r.getClass().getSimpleName(),
          took,
          maxUsed.get() / 1e6,
          afterGc / 1e6);
      if (!(r instanceof IntakeResult.Created)) {
        System.out.println("result: " + r);
      }
    } finally {
      pool.dispose();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Removes the H2 files this harness made in {@code dir} by an earlier run. */
  private static void clean(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".mv.db") || name.endsWith(".trace.db")) {
          Files.delete(f);
        }
      }
    }
  }

  /** The corpus is some 240 MB of files; -Dkeep.corpus=true keeps it for a look. */
  private static void deleteCorpus(Corpora corpora) throws IOException {
    if (Boolean.getBoolean("keep.corpus")) {
      return;
    }
    try (Stream<Path> files = Files.list(corpora.dir())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(corpora.dir());
  }

  private static void deleteH2(Path db) throws IOException {
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".mv.db"));
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".trace.db"));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void row(String what, String format, Object value) {
    table.add(new String[] {what, String.format(Locale.ROOT, format, value)});
  }

  private void printTable() {
    int width = table.stream().mapToInt(r -> r[0].length()).max().orElse(10);
    System.out.println();
    System.out.printf("| %-" + width + "s | %s |%n", "measurement", "result");
    System.out.printf("|%s|---:|%n", "-".repeat(width + 2));
    for (String[] r : table) {
      System.out.printf("| %-" + width + "s | %s |%n", r[0], r[1]);
    }
  }
}
