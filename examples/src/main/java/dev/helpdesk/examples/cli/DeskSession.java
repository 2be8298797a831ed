package dev.helpdesk.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.MailIntake;
import dev.helpdesk.mail.MailNotifier;
import dev.helpdesk.mail.Mailbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command's desk: the database opened (H2 file by default, or the {@code --db} URL), the secret
 * of signed Message-IDs, the desk and its mail intake. Every command opens one and closes it, so an
 * embedded H2 file is held only while a command runs.
 */
public final class DeskSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeskSession.class);

  /** The H2 file of the embedded default, relative to the working directory. */
  public static final Path DEFAULT_H2 = Path.of("helpdesk-data", "desk");

  /** H2's "Database may be already in use": another process holds the file. */
  private static final int H2_DATABASE_IN_USE = 90020;

  private final JdbcStore store;
  private final Runnable closePool;
  private final CliConfig config;
  private final Helpdesk desk;
  private final MailIntake intake;

  private DeskSession(
      JdbcStore store, Runnable closePool, CliConfig config, byte[] secret, Options options) {
    this.store = store;
    this.closePool = closePool;
    this.config = config;
    MailNotifier notifier =
        MailNotifier.builder(config.smtp(), config.smtpFrom(), secret)
            .threadLookup(store.ticketStore())
            .build();
    this.desk =
        Helpdesk.builder()
            .store(store.ticketStore())
            .attachments(store.attachmentStore())
            .directory(config.directory())
            .slaPolicies(config.slaPolicies())
            .notifier(notifier)
            .build();
    MailIntake.Builder b =
        MailIntake.builder(
                desk,
                config.directory(),
                store.ticketStore(),
                store.mailArchive(),
                store.attachmentStore(),
                secret)
            .refusalsVia(notifier)
            .agentReplies(email -> config.agentByEmail(email).map(AgentId::of));
    options.maxBytes.ifPresent(b::maxMessageBytes);
    for (Mailbox m : firstMailbox(config, options)) {
      b.mailbox(m);
    }
    this.intake = b.build();
  }

  /** What a command may change in how the desk is opened. */
  public record Options(
      Optional<String> url,
      Optional<String> user,
      Optional<String> password,
      Optional<Long> maxBytes,
      Optional<String> department,
      Optional<String> recipient,
      Duration lockWait) {}

  /**
   * The mailboxes in the order the intake should try them: the one for {@code --recipient} or
   * {@code --department} first, because the intake gives mail addressed to none of its mailboxes to
   * the first.
   */
  private static List<Mailbox> firstMailbox(CliConfig config, Options options) {
    List<Mailbox> boxes = new ArrayList<>(config.mailboxes());
    Optional<Mailbox> first = Optional.empty();
    if (options.recipient.isPresent()) {
      String r = options.recipient.get().strip().toLowerCase(java.util.Locale.ROOT);
      String bare = r.replaceFirst("\\+[^@]*@", "@");
      first = boxes.stream().filter(b -> b.address().equals(bare)).findFirst();
      if (first.isEmpty()) {
        throw new CliException(
            Sysexits.NOUSER,
            "recipient " + r + " is none of the desk's mailboxes " + addresses(boxes));
      }
    } else if (options.department.isPresent()) {
      String d = options.department.get();
      if (!config.departments().containsKey(d)) {
        throw CliException.usage(
            "unknown department '" + d + "'; the desk has " + config.departments().keySet());
      }
      first =
          boxes.stream()
              .filter(b -> b.department().value().equals(d))
              .findFirst()
              .or(
                  () -> {
                    String domain = boxes.get(0).address().replaceFirst(".*@", "");
                    return Optional.of(Mailbox.of(d + "@" + domain, DepartmentId.of(d)));
                  });
    }
    first.ifPresent(
        m -> {
          boxes.removeIf(b -> b.address().equals(m.address()));
          boxes.add(0, m);
        });
    return boxes;
  }

  private static List<String> addresses(List<Mailbox> boxes) {
    return boxes.stream().map(Mailbox::address).toList();
  }

  /**
   * Opens the desk.
   *
   * @throws CliException 75 when the database cannot be reached or stays locked, 78 when its URL or
   *     the secret is wrong
   */
  public static DeskSession open(CliConfig config, Options options) {
    String url =
        options
            .url
            .or(() -> config.db("url"))
            .orElse("jdbc:h2:file:" + DEFAULT_H2.toAbsolutePath());
    String user =
        options
            .user
            .or(() -> Optional.ofNullable(System.getenv("HELPDESK_DB_USER")))
            .or(() -> config.db("user"))
            .orElse("");
    String password =
        options
            .password
            .or(() -> Optional.ofNullable(System.getenv("HELPDESK_DB_PASSWORD")))
            .or(() -> config.db("password"))
            .orElse("");
    Optional<Path> h2File = h2File(url);
    Path dataDir =
        h2File
            .map(f -> f.toAbsolutePath().getParent())
            .orElse(DEFAULT_H2.toAbsolutePath().getParent());
    // Read or made only once the database answered: a failed run leaves no file behind.
    Supplier<byte[]> secret =
        () ->
            config
                .secret()
                .orElseGet(
                    () ->
                        secretFile(
                            dataDir.resolve(
                                h2File
                                    .map(f -> f.getFileName() + ".secret")
                                    .orElse("desk.secret"))));
    long deadline = System.nanoTime() + options.lockWait.toNanos();
    long pause = 20;
    while (true) {
      try {
        DeskSession session = connect(url, user, password, h2File, config, secret, options);
        if (config.secret().isEmpty() && h2File.isEmpty()) {
          // Nodes sharing a server database must sign Message-IDs alike, or replies stop threading.
          log.warn(
              "no secret= in the config; using {} of this machine: give every node the same secret",
              dataDir.resolve("desk.secret"));
        }
        return session;
      } catch (CliException e) {
        throw e;
      } catch (RuntimeException e) {
        if (isH2InUse(e) && System.nanoTime() < deadline) {
          // H2's file mode admits one process at a time; the holder is another short pipe.
          sleep(pause + ThreadLocalRandom.current().nextLong(pause));
          pause = Math.min(pause * 2, 250);
          continue;
        }
        String why = isH2InUse(e) ? "the H2 file is in use by another process" : rootMessage(e);
        throw new CliException(
            Sysexits.TEMPFAIL, "database " + redact(url) + " is not available: " + why, e);
      }
    }
  }

  private static DeskSession connect(
      String url,
      String user,
      String password,
      Optional<Path> h2File,
      CliConfig config,
      Supplier<byte[]> secret,
      Options options) {
    if (h2File.isPresent()) {
      return h2Session(url, user, password, h2File.get(), config, secret, options);
    }
    DataSource ds;
    if (url.startsWith("jdbc:h2:")) {
      // The store owns its H2 pool and closes it with itself.
      JdbcStore store = JdbcStore.h2(url, user, password).build();
      return session(store, () -> {}, config, secret, options, store::close);
    } else if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      if (!user.isEmpty()) {
        pg.setUser(user);
        pg.setPassword(password);
      }
      pg.setConnectTimeout(10);
      ds = pg;
    } else if (url.startsWith("jdbc:mariadb:")) {
      try {
        MariaDbDataSource maria = new MariaDbDataSource(url);
        if (!user.isEmpty()) {
          maria.setUser(user);
          maria.setPassword(password);
        }
        maria.setLoginTimeout(10);
        ds = maria;
      } catch (SQLException e) {
        throw CliException.config("bad MariaDB URL " + redact(url) + ": " + e.getMessage());
      }
    } else {
      throw CliException.config(
          "unsupported --db URL "
              + redact(url)
              + "; use jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:");
    }
    // A server connection costs a TCP and auth round trip: serve and import reuse them.
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setPoolName("helpdesk");
    hc.setMaximumPoolSize(8);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(10_000);
    // Fail at once when the server is down, so the pipe answers 75 without waiting.
    hc.setInitializationFailTimeout(1);
    HikariDataSource pool = new HikariDataSource(hc);
    Runnable dispose = pool::close;
    JdbcStore store;
    try {
      store = JdbcStore.builder(pool).build();
    } catch (RuntimeException e) {
      dispose.run();
      throw e;
    }
    return session(store, dispose, config, secret, options, dispose);
  }

  /**
   * An H2 file store, pooled as {@code JdbcStore.h2File} pools it, but skipping the migration check
   * when a marker beside the file says this build's schema scripts were applied: the check costs
   * some 300 ms, a fifth of a pipe process, and every pipe process would pay it.
   */
  private static DeskSession h2Session(
      String url,
      String user,
      String password,
      Path file,
      CliConfig config,
      Supplier<byte[]> secret,
      Options options) {
    Path marker = file.resolveSibling(file.getFileName() + ".schema");
    String fingerprint = schemaFingerprint();
    boolean current =
        Files.exists(file.resolveSibling(file.getFileName() + ".mv.db"))
            && fingerprint.equals(readQuietly(marker));
    JdbcStore store = JdbcStore.h2(url, user, password).autoMigrate(!current).build();
    if (!current) {
      try {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "schema", ".tmp");
        Files.writeString(tmp, fingerprint, StandardCharsets.US_ASCII);
        Files.move(
            tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        log.debug("could not write the schema marker {}; the next run checks again", marker, e);
      }
    }
    return session(store, () -> {}, config, secret, options, store::close);
  }

  /** A digest of the H2 schema scripts on the class path, which change with every migration. */
  private static String schemaFingerprint() {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      String base = "/dev/helpdesk/jdbc/db/h2/";
      try (java.io.InputStream index = JdbcStore.class.getResourceAsStream(base + "index.txt")) {
        if (index == null) {
          return "none";
        }
        String names = new String(index.readAllBytes(), StandardCharsets.UTF_8);
        sha.update(names.getBytes(StandardCharsets.UTF_8));
        for (String name : names.split("\\R")) {
          if (name.isBlank() || name.startsWith("#")) {
            continue;
          }
          try (java.io.InputStream script =
              JdbcStore.class.getResourceAsStream(base + name.strip())) {
            if (script != null) {
              sha.update(script.readAllBytes());
            }
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static DeskSession session(
      JdbcStore store,
      Runnable closePool,
      CliConfig config,
      Supplier<byte[]> secret,
      Options options,
      Runnable onFailure) {
    try {
      return new DeskSession(
          store,
          () -> {
            store.close();
            closePool.run();
          },
          config,
          secret.get(),
          options);
    } catch (RuntimeException e) {
      onFailure.run();
      throw e;
    }
  }

  /** The file of a plain {@code jdbc:h2:file:} or {@code jdbc:h2:./path} URL, if it is one. */
  static Optional<Path> h2File(String url) {
    if (!url.startsWith("jdbc:h2:")
        || url.startsWith("jdbc:h2:mem:")
        || url.startsWith("jdbc:h2:tcp:")
        || url.startsWith("jdbc:h2:ssl:")) {
      return Optional.empty();
    }
    String rest = url.substring("jdbc:h2:".length());
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int semi = rest.indexOf(';');
    return Optional.of(Path.of(semi < 0 ? rest : rest.substring(0, semi)));
  }

  /**
   * The secret kept beside the H2 file, made on first use. Concurrent first pipes race to make it:
   * each writes its own candidate and links it in place atomically, and all read the winner.
   */
  private static byte[] secretFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
        try {
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException someoneElse) {
          // Another process made it first; theirs counts.
        } catch (UnsupportedOperationException | AtomicMoveNotSupportedException noLinks) {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
      byte[] secret = HexFormat.of().parseHex(hex);
      if (secret.length < 16) {
        throw CliException.config("the secret in " + file + " is shorter than 16 bytes");
      }
      return secret;
    } catch (IllegalArgumentException e) {
      throw CliException.config(
          "the secret file " + file + " is not hexadecimal: " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(
          Sysexits.TEMPFAIL, "cannot read or create the secret file " + file + ": " + e, e);
    }
  }

  private static boolean isH2InUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
        return true;
      }
      String m = String.valueOf(t.getMessage());
      // With AUTO_SERVER the file lock is taken over by the next process; H2 says so this way.
      if (m.contains("Database may be already in use")
          || m.contains("Lock file recently modified")) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  /** The URL without its query, which may carry a password. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(Sysexits.TEMPFAIL, "interrupted while waiting for the database");
    }
  }

  /** The stores. */
  public JdbcStore store() {
    return store;
  }

  /** The desk. */
  public Helpdesk desk() {
    return desk;
  }

  /** The mail intake over the desk's mailboxes. */
  public MailIntake intake() {
    return intake;
  }

  /** The configuration it was opened with. */
  public CliConfig config() {
    return config;
  }

  @Override
  public void close() {
    try {
      closePool.run();
    } catch (RuntimeException e) {
      log.warn("closing the database failed", e);
    }
  }
}
