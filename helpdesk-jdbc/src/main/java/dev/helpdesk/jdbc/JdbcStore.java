package dev.helpdesk.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.spi.TicketStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The JDBC persistence of a desk on H2, PostgreSQL or MariaDB: one object giving the stores the
 * desk needs, over one {@link DataSource} the host owns (and pools), or over the host's own {@link
 * Jdbi} ({@link #builder(Jdbi)}). By default it brings the schema up to date when built; hosts that
 * migrate by hand switch that off and call {@link #migrate()}, the one public way to migrate (or
 * run the same scripts with their own Flyway, from {@code
 * classpath:dev/helpdesk/jdbc/db/<dialect>}). The H2 stores ({@link #h2File}, {@link #h2InMemory},
 * {@link #importH2}, {@link #h2}) own a connection pool that keeps the database open for the
 * store's life; {@link #close()} closes it. A store over the host's {@code DataSource} leaves that
 * to the host.
 */
public final class JdbcStore implements AutoCloseable {
  /** The default largest attachment, 25 MiB. */
  public static final long DEFAULT_ATTACHMENT_LIMIT = 25L * 1024 * 1024;

  private final Database database;
  private final SchemaMigrator migrator;
  private final TicketStore tickets;
  private final AttachmentStore attachments;
  private final MailArchive mails;
  private final Optional<DataSource> ownedPool;

  private JdbcStore(Builder builder) {
    this.ownedPool = Optional.ofNullable(builder.ownedPool);
    this.database = Database.detect(builder.jdbi);
    this.migrator = new SchemaMigrator(database, SchemaMigrator.RESOURCES, Clock.systemUTC());
    this.tickets = new JdbcTicketStore(database);
    ChunkedContent content = new ChunkedContent(database.dialect(), builder.tempDirectory);
    this.attachments = new JdbcAttachmentStore(database, builder.attachmentLimit, content);
    this.mails = new JdbcMailArchive(database, content);
    if (builder.autoMigrate) {
      migrator.migrate();
    }
  }

  /** A store over {@code dataSource} with the defaults, migrating the schema now. */
  public static JdbcStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** A builder for a store over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource must not be null");
    return new Builder(Jdbi.create(dataSource));
  }

  /**
   * A builder for a store over the host's configured {@code jdbi} (its plugins, statement logging
   * and connection handling stay as they are). Building registers on it the store's argument
   * factories and column mappers: {@code Instant} as the dialect's UTC timestamp, and the id types
   * {@code TicketId}, {@code EntryId}, {@code IncidentId}, {@code TicketRef}, {@code DepartmentId},
   * {@code CustomerId} and {@code OrganizationId} as text, which the host's own statements then use
   * too. The store neither owns nor closes the data source behind it.
   */
  public static Builder builder(Jdbi jdbi) {
    return new Builder(requireNonNull(jdbi, "jdbi must not be null"));
  }

  /** The embedded default: an H2 database in {@code file} (H2 adds {@code .mv.db}). */
  public static JdbcStore h2File(Path file) {
    requireNonNull(file, "file must not be null");
    return h2("jdbc:h2:file:" + file.toAbsolutePath(), "", "").build();
  }

  /**
   * A builder for a store on the H2 database at {@code url} (a file, memory, or an H2 server),
   * through a connection pool the store owns and closes on {@link #close()}. Prefer it to a pool of
   * your own: H2's {@code JdbcConnectionPool} rolls back each connection given back, which empties
   * H2's cache of parsed statements, and the store's pool sets the H2 options it was measured with.
   */
  public static Builder h2(String url, String user, String password) {
    requireNonNull(url, "url must not be null");
    requireNonNull(user, "user must not be null");
    requireNonNull(password, "password must not be null");
    checkArgument(url.startsWith("jdbc:h2:"), "an H2 URL starts with jdbc:h2:, got '%s'", url);
    return owning(H2.pool(url, user, password));
  }

  /** A builder for a store that closes {@code pool} with itself. */
  private static Builder owning(DataSource pool) {
    Builder builder = builder(pool);
    builder.ownedPool = pool;
    return builder;
  }

  /** An H2 database in memory, kept until the JVM exits; for demos and tests. */
  public static JdbcStore h2InMemory(String name) {
    requireNonNull(name, "name must not be null");
    checkArgument(
        name.matches("[A-Za-z0-9_]{1,64}"),
        "H2 database name must be 1-64 of A-Z, a-z, 0-9, '_', got '%s'",
        name);
    return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "", "").build();
  }

  /**
   * Writes the whole embedded H2 database as an SQL script, the way to carry it to another H2
   * version: H2's file format changes between minor versions, its SQL does not. Read it back with
   * {@link #importH2(Path, Path)}.
   *
   * @throws IllegalStateException when this store is not on H2
   */
  public void exportH2(Path script) {
    requireNonNull(script, "script must not be null");
    checkState(
        database.dialect() == Dialect.H2,
        "exportH2 is for the embedded H2 store, but this store is on %s",
        database.dialect());
    database.withHandle(
        "exporting the H2 database to " + script, h -> h.execute("SCRIPT TO " + sqlString(script)));
  }

  /**
   * A new H2 file database in {@code file} filled from a script written by {@link #exportH2(Path)},
   * then opened as a store (migrating it if the script is from an older schema). If the import
   * fails, delete the new file before trying again.
   *
   * @throws IllegalArgumentException when the script is missing or the database file exists
   */
  public static JdbcStore importH2(Path script, Path file) {
    requireNonNull(script, "script must not be null");
    requireNonNull(file, "file must not be null");
    checkArgument(Files.isRegularFile(script), "no H2 export script at %s", script);
    Path data = file.resolveSibling(file.getFileName() + ".mv.db");
    checkArgument(
        !Files.exists(data), "H2 database %s exists already; import needs a new one", data);
    DataSource ds = H2.pool("jdbc:h2:file:" + file.toAbsolutePath(), "", "");
    try {
      Database.detect(Jdbi.create(ds))
          .withHandle(
              "importing the H2 database from " + script,
              h -> h.execute("RUNSCRIPT FROM " + sqlString(script)));
    } catch (RuntimeException e) {
      H2.dispose(ds);
      throw e;
    }
    return owning(ds).build();
  }

  private static String sqlString(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /**
   * Brings the schema up to date: applies the versioned scripts of the database's dialect not
   * applied yet, each exactly once even when several nodes start together, and returns their names
   * (empty when up to date). Applied versions and checksums are kept in {@code
   * helpdesk_schema_version}; a script changed after it was applied fails fast.
   *
   * @throws dev.helpdesk.domain.StoreException when an applied script's checksum differs from the
   *     shipped one, when the database is newer than this library, or when a script fails
   */
  public List<String> migrate() {
    return migrator.migrate();
  }

  /** Tickets, threads, events, outbox, incidents and templates. */
  public TicketStore ticketStore() {
    return tickets;
  }

  /** Attachment bytes, deduplicated by SHA-256 and streamed in and out. */
  public AttachmentStore attachmentStore() {
    return attachments;
  }

  /**
   * The record of every received mail message with its raw bytes, so that nodes sharing this
   * database neither lose nor twice process one.
   */
  public MailArchive mailArchive() {
    return mails;
  }

  /**
   * Closes the connection pool this store made for an embedded H2 database, which closes the
   * database; a no-op for a store over the host's {@code DataSource}. The store is unusable after.
   */
  @Override
  public void close() {
    ownedPool.ifPresent(H2::dispose);
  }

  /** Configures a {@link JdbcStore}; every setting has a default. */
  public static final class Builder {
    private final Jdbi jdbi;
    private boolean autoMigrate = true;
    private long attachmentLimit = DEFAULT_ATTACHMENT_LIMIT;
    private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private DataSource ownedPool;

    private Builder(Jdbi jdbi) {
      this.jdbi = jdbi;
    }

    /** Whether {@link #build()} migrates the schema (default true). */
    public Builder autoMigrate(boolean autoMigrate) {
      this.autoMigrate = autoMigrate;
      return this;
    }

    /** The largest attachment accepted, in bytes (default {@link #DEFAULT_ATTACHMENT_LIMIT}). */
    public Builder attachmentLimit(long bytes) {
      checkArgument(bytes > 0, "attachment limit must be positive, got %s", bytes);
      this.attachmentLimit = bytes;
      return this;
    }

    /** Where attachments are spooled while streamed in and out (default {@code java.io.tmpdir}). */
    public Builder tempDirectory(Path directory) {
      this.tempDirectory = requireNonNull(directory, "directory must not be null");
      return this;
    }

    /**
     * Connects once to detect the dialect and, unless switched off, migrates the schema. If that
     * fails, a pool the store would have owned is closed.
     */
    public JdbcStore build() {
      try {
        return new JdbcStore(this);
      } catch (RuntimeException e) {
        if (ownedPool != null) {
          H2.dispose(ownedPool);
        }
        throw e;
      }
    }
  }
}
