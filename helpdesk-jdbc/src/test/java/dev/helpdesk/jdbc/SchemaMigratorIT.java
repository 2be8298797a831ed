package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import com.google.common.io.ByteStreams;
import dev.helpdesk.domain.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaMigratorIT {
  private static final String TEST_ROOT = "/dev/helpdesk/jdbc/testdb";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  private static SchemaMigrator migrator(DataSource ds, String resources) {
    return new SchemaMigrator(Database.detect(Jdbi.create(ds)), resources, CLOCK);
  }

  private static List<List<Object>> versionRows(DataSource ds) {
    return Jdbi.create(ds)
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT version, script, checksum, installed_at FROM helpdesk_schema_version"
                            + " ORDER BY version")
                    .map(
                        (rs, ctx) ->
                            List.<Object>of(
                                rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list());
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_emptyDatabase_appliesTheShippedSchema(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();

    List<String> applied = JdbcStore.builder(ds).autoMigrate(false).build().migrate();

    assertThat(applied)
        .containsExactly("V1__schema.sql", "V2__opened_index.sql", "V3__mail_archive.sql");
    List<List<Object>> rows = versionRows(ds);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get(0)).isEqualTo(1);
    assertThat((String) rows.get(0).get(2)).matches("[0-9a-f]{64}");
    Integer tickets =
        Jdbi.create(ds)
            .withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM tickets").mapTo(Integer.class).one());
    assertThat(tickets).isZero();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_secondRun_appliesNothing(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();
    SchemaMigrator migrator = migrator(ds, TEST_ROOT + "/v2");
    assertThat(migrator.pending()).containsExactly("V1__probe.sql", "V2__probe_name.sql");
    assertThat(migrator.migrate()).containsExactly("V1__probe.sql", "V2__probe_name.sql");

    assertThat(migrator.migrate()).isEmpty();
    assertThat(migrator.pending()).isEmpty();
    assertThat(versionRows(ds))
        .extracting(row -> row.get(1), row -> row.get(3))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("V1__probe.sql", "2026-03-01T10:00:00Z"),
            org.assertj.core.groups.Tuple.tuple("V2__probe_name.sql", "2026-03-01T10:00:00Z"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_newVersionShipped_appliesOnlyTheNewScript(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();
    migrator(ds, TEST_ROOT + "/v1").migrate();

    assertThat(migrator(ds, TEST_ROOT + "/v2").migrate()).containsExactly("V2__probe_name.sql");
    Jdbi.create(ds).useHandle(h -> h.execute("INSERT INTO probe (id, name) VALUES (1, 'x')"));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_fourNodesAtOnce_appliesEachVersionOnce(TestDatabases.Kind kind) throws Exception {
    DataSource ds = kind.fresh();
    int nodes = 4;
    CyclicBarrier start = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        results.add(
            pool.submit(
                () -> {
                  JdbcStore node = JdbcStore.builder(ds).autoMigrate(false).build(); // one per node
                  start.await();
                  return node.migrate();
                }));
      }
      List<String> appliedByAll = new ArrayList<>();
      for (Future<List<String>> f : results) {
        appliedByAll.addAll(f.get());
      }
      assertThat(appliedByAll)
          .containsExactly("V1__schema.sql", "V2__opened_index.sql", "V3__mail_archive.sql");
    } finally {
      pool.shutdownNow();
    }
    assertThat(versionRows(ds)).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_scriptChangedAfterApplied_failsNamingScriptAndBothChecksums(TestDatabases.Kind kind)
      throws IOException {
    DataSource ds = kind.fresh();
    SchemaMigrator original = migrator(ds, TEST_ROOT + "/v1");
    original.migrate();
    String folder = Database.detect(Jdbi.create(ds)).dialect().folder();
    String recorded = sha256(TEST_ROOT + "/v1/" + folder + "/V1__probe.sql");
    String changed = sha256(TEST_ROOT + "/v1-changed/" + folder + "/V1__probe.sql");
    SchemaMigrator edited = migrator(ds, TEST_ROOT + "/v1-changed");

    assertThatThrownBy(edited::migrate)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("V1__probe.sql")
        .hasMessageContaining(recorded)
        .hasMessageContaining(changed)
        .satisfies(e -> assertThat(((StoreException) e).isTemporary()).isFalse());
    assertThatThrownBy(edited::pending).hasMessageContaining("was changed after it was applied");
    assertThat(original.migrate()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_databaseNewerThanLibrary_failsNamingTheVersion(TestDatabases.Kind kind) {
    DataSource ds = kind.fresh();
    migrator(ds, TEST_ROOT + "/v2").migrate();

    assertThatThrownBy(() -> migrator(ds, TEST_ROOT + "/v1").migrate())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 2, newer than this helpdesk-jdbc knows (1)");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void schemaV1_tickets_hasAnIndexForEveryQuery(TestDatabases.Kind kind) throws SQLException {
    DataSource ds = kind.fresh();
    JdbcStore.create(ds);

    Set<String> indexes = new HashSet<>();
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      for (String table : List.of("tickets", "TICKETS")) {
        try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), null, table, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              indexes.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    }
    assertThat(indexes)
        .contains(
            "tickets_queue",
            "tickets_sla_next_check",
            "tickets_customer",
            "tickets_organization",
            "tickets_incident");
  }

  private static String sha256(String resource) throws IOException {
    try (InputStream in = SchemaMigratorIT.class.getResourceAsStream(resource)) {
      return Hashing.sha256().hashBytes(ByteStreams.toByteArray(in)).toString();
    }
  }
}
