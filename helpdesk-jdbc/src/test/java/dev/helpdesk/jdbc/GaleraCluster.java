package dev.helpdesk.jdbc;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.opentest4j.TestAbortedException;

/**
 * A 3-node MariaDB Galera cluster for the tests: the nodes named by {@code
 * -Dhelpdesk.test.galera.urls} (comma-separated JDBC URLs, one per node, as {@code
 * scripts/galera.sh start} prints them; {@code .user} and {@code .password} as for MariaDB), or
 * else one started with {@code scripts/galera.sh} when this machine has {@code galera-4} and the
 * tests run as root, stopped when the JVM exits. Otherwise the Galera tests are skipped, and say
 * how to run them.
 */
final class GaleraCluster {
  private static final Pattern NODE_URL = Pattern.compile("jdbc:mariadb://([^/]+)/.*");
  private static final Path SCRIPT = Path.of("..", "scripts", "galera.sh").toAbsolutePath();
  private static final String HOW_TO_RUN =
      "no Galera cluster: install galera-4, rsync and mariadb-server and run the tests as root"
          + " (they start one with scripts/galera.sh), or pass"
          + " -Dhelpdesk.test.galera.urls=URL1,URL2,URL3 of a running cluster";

  private final List<String> hosts;
  private final String user;
  private final String password;
  private final Optional<Path> startedIn;

  private GaleraCluster(
      List<String> hosts, String user, String password, Optional<Path> startedIn) {
    this.hosts = ImmutableList.copyOf(hosts);
    this.user = user;
    this.password = password;
    this.startedIn = startedIn;
  }

  /** The cluster, started on first use; aborts (skips) the calling test when there is none. */
  static GaleraCluster get() {
    GaleraCluster cluster = Holder.CLUSTER;
    if (cluster == null) {
      throw new TestAbortedException(HOW_TO_RUN);
    }
    return cluster;
  }

  /** How many database nodes there are. */
  int size() {
    return hosts.size();
  }

  /** Creates a database (on node 1; Galera replicates it) and returns its name. */
  String freshDatabase() {
    String name = "hd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c =
            DriverManager.getConnection(url(List.of(hosts.get(0)), ""), user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
      // The other nodes apply the DDL a moment later; a connection to them must find it.
      for (String host : hosts) {
        try (Connection n = DriverManager.getConnection(url(List.of(host), ""), user, password);
            Statement w = n.createStatement()) {
          w.execute("SET SESSION wsrep_sync_wait = 15");
          w.execute("SHOW DATABASES LIKE '" + name + "'");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create Galera test database " + name, e);
    }
    return name;
  }

  /** Database {@code name} on node {@code k} (1-based) only. */
  DataSource node(int k, String name) {
    return dataSource(url(List.of(hosts.get(k - 1)), name));
  }

  /**
   * Database {@code name} on every node, through the driver's load balancing: each connection may
   * land on another node, the harshest place for a store that reads its own writes.
   */
  DataSource loadBalanced(String name) {
    return dataSource(url(hosts, name).replace("jdbc:mariadb://", "jdbc:mariadb:loadbalance://"));
  }

  /**
   * Database {@code name} on node {@code k} first and the others after it, through the driver's
   * sequential failover: what an application node next to database node k is configured with.
   */
  DataSource failover(int k, String name) {
    List<String> order = new ArrayList<>();
    order.add(hosts.get(k - 1));
    for (int i = 0; i < hosts.size(); i++) {
      if (i != k - 1) {
        order.add(hosts.get(i));
      }
    }
    return dataSource(url(order, name).replace("jdbc:mariadb://", "jdbc:mariadb:sequential://"));
  }

  /** SIGKILLs node {@code k}; only for a cluster these tests started. */
  void kill(int k) {
    script("kill-node", String.valueOf(k));
  }

  /** Restarts node {@code k} and waits until it has rejoined. */
  void restart(int k) {
    script("restart-node", String.valueOf(k));
  }

  /** Whether these tests started the cluster, so they may kill and restart its nodes. */
  boolean ownsProcesses() {
    return startedIn.isPresent();
  }

  private String url(List<String> nodes, String database) {
    return "jdbc:mariadb://" + String.join(",", nodes) + "/" + database + "?sslMode=disable";
  }

  private DataSource dataSource(String url) {
    try {
      MariaDbDataSource ds = new MariaDbDataSource(url);
      ds.setUser(user);
      ds.setPassword(password);
      return ds;
    } catch (SQLException e) {
      throw new IllegalStateException("bad Galera URL " + url, e);
    }
  }

  private String script(String... args) {
    Path dir = startedIn.orElseThrow(() -> new TestAbortedException("the cluster is not ours"));
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().put("GALERA_DIR", dir.toString());
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("scripts/galera.sh " + String.join(" ", args) + " failed");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/galera.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Holder idiom: the cluster starts on first use only. */
  private static final class Holder {
    static final GaleraCluster CLUSTER = start();

    private static GaleraCluster start() {
      String user = System.getProperty("helpdesk.test.galera.user", "helpdesk");
      String password = System.getProperty("helpdesk.test.galera.password", "helpdesk");
      String given = System.getProperty("helpdesk.test.galera.urls", "");
      if (!given.isBlank()) {
        return new GaleraCluster(
            hosts(List.of(given.split(","))), user, password, Optional.empty());
      }
      // All that scripts/galera.sh needs, so that a machine with part of it skips the tests.
      boolean installed =
          Files.exists(Path.of("/usr/lib/galera/libgalera_smm.so"))
              && (onPath("mariadbd") || Files.isExecutable(Path.of("/usr/sbin/mariadbd")))
              && onPath("rsync");
      if (!installed || !"root".equals(System.getProperty("user.name"))) {
        return null;
      }
      try {
        Path dir = Files.createTempDirectory("helpdesk-galera-");
        GaleraCluster cluster =
            new GaleraCluster(List.of(), user, password, Optional.of(dir)); // for script() only
        String urls = cluster.script("start", "3");
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> cluster.script("stop"), "galera-stop"));
        return new GaleraCluster(
            hosts(urls.lines().filter(l -> !l.isBlank()).toList()),
            user,
            password,
            Optional.of(dir));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the Galera cluster", e);
      }
    }

    private static boolean onPath(String program) {
      String path = System.getenv().getOrDefault("PATH", "");
      return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
          .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    private static List<String> hosts(List<String> urls) {
      List<String> hosts = new ArrayList<>();
      for (String url : urls) {
        Matcher m = NODE_URL.matcher(url.strip());
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "helpdesk.test.galera.urls: expected jdbc:mariadb://HOST:PORT/DB, got " + url);
        }
        hosts.add(m.group(1));
      }
      return hosts;
    }
  }
}
