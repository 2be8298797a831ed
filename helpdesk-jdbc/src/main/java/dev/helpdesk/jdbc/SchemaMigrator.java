package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import com.google.common.io.ByteStreams;
import dev.helpdesk.domain.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the helpdesk schema up to date: applies the versioned SQL scripts shipped in this jar for
 * the database's dialect, each exactly once, even when several nodes start at the same time.
 * Applied versions and their SHA-256 checksums are kept in {@code helpdesk_schema_version}; a
 * script changed after it was applied fails fast. Script names follow Flyway's convention ({@code
 * V1__schema.sql}), so a host that prefers Flyway can run the same files instead. Reached through
 * {@link JdbcStore#migrate()}.
 */
final class SchemaMigrator {
  static final String RESOURCES = "/dev/helpdesk/jdbc/db";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final Pattern SCRIPT =
      Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");
  private static final long POSTGRES_LOCK_KEY = 727_364L;
  private static final int MARIADB_LOCK_SECONDS = 300;

  /** H2 runs embedded in this JVM, so a JVM lock is enough to serialize its migrations. */
  private static final ReentrantLock H2_LOCK = new ReentrantLock();

  private final Database database;
  private final String resources;
  private final Clock clock;

  SchemaMigrator(Database database, String resources, Clock clock) {
    this.database = requireNonNull(database, "database must not be null");
    this.resources = requireNonNull(resources, "resources must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
  }

  /**
   * Applies every script not applied yet, in version order, and returns their names (empty when the
   * schema was up to date).
   *
   * @throws StoreException when an applied script's checksum differs from the shipped one, when the
   *     database is newer than this library, or when a script fails
   */
  List<String> migrate() {
    List<Migration> scripts = scripts();
    return locked(
        "migrating the helpdesk schema",
        h -> {
          List<Migration> pending = pending(scripts, applied(h));
          for (Migration m : pending) {
            apply(h, m);
          }
          return names(pending);
        });
  }

  /**
   * The names of the scripts {@link #migrate()} would apply now, after checking the applied ones.
   */
  List<String> pending() {
    List<Migration> scripts = scripts();
    return locked("reading the helpdesk schema version", h -> names(pending(scripts, applied(h))));
  }

  /** Runs {@code work} holding the schema lock, with the version table in place. */
  private <T> T locked(String action, HandleCallback<T, Exception> work) {
    return database.withHandle(
        action,
        h -> {
          lock(h);
          try {
            createVersionTable(h);
            return work.withHandle(h);
          } finally {
            unlock(h);
          }
        });
  }

  private static List<String> names(List<Migration> migrations) {
    return migrations.stream().map(Migration::script).collect(ImmutableList.toImmutableList());
  }

  private List<Migration> pending(List<Migration> scripts, Map<Integer, String> applied) {
    int newest = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
    for (int version : applied.keySet()) {
      if (version > newest) {
        throw new StoreException(
            "the database has helpdesk schema version "
                + version
                + ", newer than this helpdesk-jdbc knows ("
                + newest
                + "); use the helpdesk-jdbc version that created it or a newer one",
            false,
            null);
      }
    }
    List<Migration> pending = new ArrayList<>();
    for (Migration m : scripts) {
      String recorded = applied.get(m.version());
      if (recorded == null) {
        pending.add(m);
      } else if (!recorded.equals(m.checksum())) {
        throw new StoreException(
            "schema script "
                + m.script()
                + " ("
                + database.dialect().folder()
                + ") was changed after it was applied: the database recorded checksum "
                + recorded
                + " but the script now has checksum "
                + m.checksum()
                + "; restore the original script and put changes in a new version",
            false,
            null);
      }
    }
    return pending;
  }

  private void apply(Handle h, Migration m) throws SQLException {
    LOG.info("Applying helpdesk schema script {} ({})", m.script(), database.dialect().folder());
    if (database.dialect() == Dialect.POSTGRESQL) {
      // PostgreSQL DDL is transactional: the script and its version row commit together or not at
      // all. H2 and MariaDB commit DDL implicitly, so their scripts are idempotent instead.
      h.useTransaction(
          tx -> {
            execute(tx.getConnection(), m.statements());
            record(tx, m);
          });
    } else {
      execute(h.getConnection(), m.statements());
      try {
        record(h, m);
      } catch (RuntimeException e) {
        // GET_LOCK holds on one node only: on a Galera cluster nodes next to different database
        // nodes may run the same (idempotent) script at once. The first version row wins; the
        // script is applied either way.
        if (!JdbcErrors.isUniqueViolation(e) || !m.checksum().equals(applied(h).get(m.version()))) {
          throw e;
        }
        LOG.info(
            "helpdesk schema script {} was applied at the same time by another node", m.script());
      }
    }
  }

  private void record(Handle h, Migration m) {
    h.createUpdate(
            "INSERT INTO helpdesk_schema_version (version, script, checksum, installed_at)"
                + " VALUES (:version, :script, :checksum, :installedAt)")
        .bind("version", m.version())
        .bind("script", m.script())
        .bind("checksum", m.checksum())
        .bind("installedAt", clock.instant().toString())
        .execute();
  }

  private static void createVersionTable(Handle h) {
    h.execute(
        "CREATE TABLE IF NOT EXISTS helpdesk_schema_version ("
            + "version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL,"
            + " checksum VARCHAR(64) NOT NULL, installed_at VARCHAR(40) NOT NULL)");
  }

  private static Map<Integer, String> applied(Handle h) {
    return h.createQuery("SELECT version, checksum FROM helpdesk_schema_version")
        .reduceRows(
            new HashMap<Integer, String>(),
            (map, row) -> {
              map.put(
                  row.getColumn("version", Integer.class), row.getColumn("checksum", String.class));
              return map;
            });
  }

  private void lock(Handle h) throws SQLException {
    switch (database.dialect()) {
      case H2 -> H2_LOCK.lock();
      case POSTGRESQL ->
          execute(h.getConnection(), List.of("SELECT pg_advisory_lock(" + POSTGRES_LOCK_KEY + ")"));
      case MARIADB -> {
        // A session lock: it survives the implicit commits of DDL, which row locks would not. Its
        // name is per database, since one server may hold several helpdesk schemas.
        Integer got =
            h.createQuery(
                    "SELECT GET_LOCK(CONCAT('helpdesk_schema:', MD5(COALESCE(DATABASE(), ''))), "
                        + MARIADB_LOCK_SECONDS
                        + ")")
                .mapTo(Integer.class)
                .one();
        if (got == null || got != 1) {
          throw new StoreException(
              "another node held the helpdesk schema lock for "
                  + MARIADB_LOCK_SECONDS
                  + " s; try again",
              true,
              null);
        }
      }
    }
  }

  private void unlock(Handle h) throws SQLException {
    switch (database.dialect()) {
      case H2 -> H2_LOCK.unlock();
      case POSTGRESQL ->
          execute(
              h.getConnection(), List.of("SELECT pg_advisory_unlock(" + POSTGRES_LOCK_KEY + ")"));
      case MARIADB ->
          execute(
              h.getConnection(),
              List.of(
                  "SELECT RELEASE_LOCK(CONCAT('helpdesk_schema:', MD5(COALESCE(DATABASE(), ''))))"));
    }
  }

  private static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private List<Migration> scripts() {
    String folder = resources + "/" + database.dialect().folder();
    List<Migration> scripts = new ArrayList<>();
    for (String line : read(folder + "/index.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher m = SCRIPT.matcher(name);
      checkArgument(
          m.matches(),
          "schema script name %s in %s/index.txt is not V<n>__<name>.sql",
          name,
          folder);
      int version = Integer.parseInt(m.group(1));
      checkArgument(
          scripts.isEmpty() || version > scripts.get(scripts.size() - 1).version(),
          "schema script %s in %s/index.txt is out of version order",
          name,
          folder);
      byte[] bytes = bytes(folder + "/" + name);
      scripts.add(
          new Migration(
              version,
              name,
              Hashing.sha256().hashBytes(bytes).toString(),
              statements(new String(bytes, StandardCharsets.UTF_8))));
    }
    return scripts;
  }

  /**
   * Splits a script into statements: a statement ends with a line ending in {@code ;}, and lines
   * starting with {@code --} are comments. The team owns the scripts, so no {@code ;} appears
   * inside a statement.
   */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\r?\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        statements.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    checkArgument(current.toString().isBlank(), "schema script ends without ';': %s", current);
    return statements;
  }

  private static String read(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException(
            "schema resource " + resource + " is missing from the classpath", false, null);
      }
      return ByteStreams.toByteArray(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + resource, e);
    }
  }

  /** One versioned script, parsed. */
  private record Migration(int version, String script, String checksum, List<String> statements) {}
}
