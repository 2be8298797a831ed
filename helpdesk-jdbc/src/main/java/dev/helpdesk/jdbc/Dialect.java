package dev.helpdesk.jdbc;

import dev.helpdesk.domain.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jdbi.v3.core.argument.Argument;

/** The SQL dialects the adapter supports, and the few things that differ between them. */
enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The resource folder holding this dialect's migrations. */
  String folder() {
    return folder;
  }

  /** Detects the dialect of a connection's database; MySQL is served by the MariaDB dialect. */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String p = product.toLowerCase(Locale.ROOT);
    if (p.equals("h2")) {
      return H2;
    } else if (p.contains("postgresql")) {
      return POSTGRESQL;
    } else if (p.contains("mariadb") || p.contains("mysql")) {
      return MARIADB;
    }
    throw new StoreException(
        "unsupported database '" + product + "'; helpdesk-jdbc supports H2, PostgreSQL and MariaDB",
        false,
        null);
  }

  /**
   * The JDBC argument for an instant: UTC, cut to microseconds (the precision of every column).
   * MariaDB DATETIME has no zone, so it gets the UTC wall time, which no session time zone can
   * shift. {@link JdbiTypes} binds every {@code Instant} through this.
   */
  Argument timestamp(Instant instant) {
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    Object value =
        this == MARIADB
            ? LocalDateTime.ofInstant(micros, ZoneOffset.UTC)
            : OffsetDateTime.ofInstant(micros, ZoneOffset.UTC);
    return (position, statement, ctx) -> statement.setObject(position, value);
  }

  /**
   * An insert of one attachment header row ({@code :sha}, {@code :size}, {@code :chunk}) that
   * inserts nothing, and counts 0 rows, when a row with that SHA-256 exists: one statement instead
   * of a look and an insert. A writer racing on the same key waits for the other's commit and then
   * inserts nothing (PostgreSQL, MariaDB) or fails with a unique violation (H2), as before.
   */
  String insertAttachmentUnlessStored() {
    String columns = "INSERT INTO attachments (sha256, size, chunk_size) ";
    return switch (this) {
      case H2 ->
          columns
              + "SELECT CAST(:sha AS CHAR(64)), CAST(:size AS BIGINT), CAST(:chunk AS INT)"
              + " WHERE NOT EXISTS"
              + " (SELECT 1 FROM attachments WHERE sha256 = :sha)";
      case POSTGRESQL -> columns + "VALUES (:sha, :size, :chunk) ON CONFLICT (sha256) DO NOTHING";
      // IGNORE also turns other errors into warnings; none can arise from these three values.
      case MARIADB ->
          "INSERT IGNORE INTO attachments (sha256, size, chunk_size) VALUES (:sha, :size, :chunk)";
    };
  }

  /**
   * An insert that replaces the value of an existing row with the same key, as one atomic
   * statement, with named parameters {@code :key} and {@code :value}.
   */
  String upsert(String table, String keyColumn, String valueColumn) {
    String columns = "(" + keyColumn + ", " + valueColumn + ")";
    return switch (this) {
      case H2 ->
          "MERGE INTO " + table + " " + columns + " KEY (" + keyColumn + ") VALUES (:key, :value)";
      case POSTGRESQL ->
          "INSERT INTO "
              + table
              + " "
              + columns
              + " VALUES (:key, :value) ON CONFLICT ("
              + keyColumn
              + ") DO UPDATE SET "
              + valueColumn
              + " = EXCLUDED."
              + valueColumn;
      case MARIADB ->
          "INSERT INTO "
              + table
              + " "
              + columns
              + " VALUES (:key, :value) ON DUPLICATE KEY UPDATE "
              + valueColumn
              + " = VALUES("
              + valueColumn
              + ")";
    };
  }

  /** Reads a column written with {@link #timestamp(Instant)}; null stays null. */
  Instant instant(ResultSet rs, String column) throws SQLException {
    return instant(rs, rs.findColumn(column));
  }

  /** Reads the column at {@code column} (1-based) written with {@link #timestamp(Instant)}. */
  Instant instant(ResultSet rs, int column) throws SQLException {
    if (this == MARIADB) {
      LocalDateTime value = rs.getObject(column, LocalDateTime.class);
      return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
