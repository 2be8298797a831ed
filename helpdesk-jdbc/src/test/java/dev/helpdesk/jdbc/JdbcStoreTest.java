package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.Tickets;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point, on embedded H2 (no server needed). */
class JdbcStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  @Test
  void h2File_reopened_keepsDataAndMigratesNothingTwice(@TempDir Path dir) {
    Path file = dir.resolve("desk");
    JdbcStore.h2File(file)
        .ticketStore()
        .saveTemplate(new ReplyTemplate("hi", "Hello {{customer_name}}"));

    JdbcStore reopened = JdbcStore.h2File(file);

    assertThat(reopened.migrate()).isEmpty();
    assertThat(reopened.ticketStore().template("hi")).isPresent();
    assertThat(Files.exists(dir.resolve("desk.mv.db"))).isTrue();
  }

  @Test
  void h2File_keepsTheDatabaseOpenUntilClosed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("desk");
    String url = "jdbc:h2:file:" + file.toAbsolutePath();
    JdbcStore store = JdbcStore.h2File(file);
    store.ticketStore().saveTemplate(new ReplyTemplate("hi", "Hello"));

    assertThat(sessionsSeenBy(url)).isGreaterThan(1);

    store.close();

    assertThat(sessionsSeenBy(url)).isEqualTo(1);
    try (JdbcStore reopened = JdbcStore.h2File(file)) {
      assertThat(reopened.ticketStore().template("hi")).isPresent();
    }
  }

  /** Sessions open on the database, counted from a connection of its own. */
  private static int sessionsSeenBy(String url) throws Exception {
    try (var c = java.sql.DriverManager.getConnection(url, "", "");
        var rs =
            c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void h2_withAUserAndOptions_ownsItsPoolAndClosesTheDatabaseWithItself(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("desk").toAbsolutePath() + ";LOCK_TIMEOUT=2000";
    JdbcStore store = JdbcStore.h2(url, "helpdesk", "secret").build();
    store.ticketStore().saveTemplate(new ReplyTemplate("hi", "Hello"));

    store.close();

    try (var c = java.sql.DriverManager.getConnection(url, "helpdesk", "secret");
        var rs =
            c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      rs.next();
      assertThat(rs.getInt(1)).as("sessions after close, this one included").isEqualTo(1);
    }
    try (JdbcStore reopened = JdbcStore.h2(url, "helpdesk", "secret").build()) {
      assertThat(reopened.ticketStore().template("hi")).isPresent();
    }
  }

  @Test
  void h2_aUrlOfAnotherDatabase_isRejectedNamingIt() {
    assertThatThrownBy(() -> JdbcStore.h2("jdbc:postgresql://localhost/desk", "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://localhost/desk");
  }

  @Test
  void h2InMemory_sameName_sharesOneDatabase() {
    JdbcStore.h2InMemory("shared_desk").ticketStore().saveTemplate(new ReplyTemplate("a", "Body"));

    assertThat(JdbcStore.h2InMemory("shared_desk").ticketStore().templates()).hasSize(1);
  }

  @Test
  void h2InMemory_nameWithUrlSyntax_isRejected() {
    assertThatThrownBy(() -> JdbcStore.h2InMemory("x;INIT=RUNSCRIPT FROM 'evil.sql'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x;INIT");
  }

  @Test
  void build_autoMigrateOff_leavesTheSchemaAloneUntilMigrateIsCalled() {
    DataSource ds = TestDatabases.h2();

    JdbcStore store = JdbcStore.builder(ds).autoMigrate(false).build();

    assertThat(tables(ds)).doesNotContain("TICKETS");
    assertThat(store.migrate())
        .containsExactly("V1__schema.sql", "V2__opened_index.sql", "V3__mail_archive.sql");
    assertThat(tables(ds)).contains("TICKETS", "HELPDESK_SCHEMA_VERSION");
  }

  @Test
  void build_attachmentLimit_isEnforcedByTheAttachmentStore() {
    JdbcStore store = JdbcStore.builder(TestDatabases.h2()).attachmentLimit(3).build();

    assertThatThrownBy(
            () ->
                store
                    .attachmentStore()
                    .put("a.txt", "text/plain", new ByteArrayInputStream(new byte[4])))
        .hasMessageContaining("size limit of 3 bytes");
  }

  @Test
  void builder_badSettings_areRejectedNamingTheValue() {
    assertThatThrownBy(() -> JdbcStore.builder(TestDatabases.h2()).attachmentLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> JdbcStore.builder((DataSource) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> JdbcStore.builder((Jdbi) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("jdbi must not be null");
  }

  @Test
  void builder_overTheHostsJdbi_storesThroughIt_registersItsTypes_andLeavesItOpen() {
    DataSource ds = TestDatabases.h2();
    Jdbi host = Jdbi.create(ds);
    Ticket opened = new Tickets(11).open("c1", "tech", T0);

    try (JdbcStore store = JdbcStore.builder(host).build()) {
      store.ticketStore().commit(Tickets.create(opened));
    }

    List<Object> row =
        host.withHandle(
            h ->
                h.createQuery("SELECT id, opened_at FROM tickets WHERE id = :id")
                    .bind("id", opened.id())
                    .map(
                        (rs, ctx) ->
                            List.<Object>of(
                                ctx.findColumnMapperFor(TicketId.class)
                                    .orElseThrow()
                                    .map(rs, 1, ctx),
                                ctx.findColumnMapperFor(Instant.class)
                                    .orElseThrow()
                                    .map(rs, 2, ctx)))
                    .one());
    assertThat(row).isEqualTo(List.of(opened.id(), opened.openedAt()));
    assertThat(JdbcStore.builder(ds).build().ticketStore().find(opened.id())).contains(opened);
  }

  @Test
  void create_unreachableDatabase_failsWithATemporaryStoreException() {
    org.h2.jdbcx.JdbcDataSource unreachable = new org.h2.jdbcx.JdbcDataSource();
    unreachable.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");

    assertThatThrownBy(() -> JdbcStore.create(unreachable))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("detecting the database dialect")
        .satisfies(e -> assertThat(((StoreException) e).isTemporary()).isTrue());
  }

  @Test
  void leaseOutbox_ownerLongerThanItsColumn_isRejectedNamingIt() {
    TicketStore store = JdbcStore.create(TestDatabases.h2()).ticketStore();
    String owner = "n".repeat(201);

    assertThatThrownBy(() -> store.leaseOutbox("k", owner, T0, T0.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-200 characters")
        .hasMessageContaining(owner);
  }

  @Test
  void exportH2_thenImportH2_carriesTicketsThreadsEventsAndTemplates(@TempDir Path dir) {
    JdbcStore original = JdbcStore.h2File(dir.resolve("old"));
    TicketStore store = original.ticketStore();
    Tickets gen = new Tickets(9);
    Ticket opened = gen.open("c1", "tech", T0);
    store.commit(Tickets.create(opened));
    Ticket held = Tickets.withStatus(opened, TicketStatus.ON_HOLD);
    ThreadEntry entry = gen.message(held, "it's 'quoted'; and ünïcödé", Optional.of("<m@x>"));
    store.commit(
        new TicketChange(
            held,
            opened.version(),
            List.of(entry),
            List.of(Tickets.statusEvent(opened, held)),
            List.of(),
            Set.of("once")));
    store.saveTemplate(new ReplyTemplate("hi", "Hello {{customer_name}}"));
    Path script = dir.resolve("it's a desk.sql");

    original.exportH2(script);
    JdbcStore imported = JdbcStore.importH2(script, dir.resolve("new"));

    TicketStore copy = imported.ticketStore();
    assertThat(imported.migrate()).isEmpty();
    assertThat(copy.find(opened.id())).contains(held);
    assertThat(copy.thread(opened.id())).containsExactly(entry);
    assertThat(copy.events(opened.id())).isEqualTo(store.events(opened.id()));
    assertThat(copy.ticketByMessageId("<m@x>")).contains(opened.id());
    assertThat(copy.template("hi")).isEqualTo(store.template("hi"));
    // The once-key came along: the same key is still refused.
    Ticket other = gen.open("c2", "tech", T0);
    assertThatThrownBy(
            () ->
                copy.commit(
                    new TicketChange(other, 0, List.of(), List.of(), List.of(), Set.of("once"))))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  void importH2_intoAnExistingDatabaseOrFromNoScript_isRejectedNamingThePath(@TempDir Path dir) {
    JdbcStore existing = JdbcStore.h2File(dir.resolve("desk"));
    Path script = dir.resolve("desk.sql");
    existing.exportH2(script);

    assertThatThrownBy(() -> JdbcStore.importH2(script, dir.resolve("desk")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("desk.mv.db exists already");
    assertThatThrownBy(() -> JdbcStore.importH2(dir.resolve("none.sql"), dir.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none.sql");
  }

  private static java.util.List<String> tables(DataSource ds) {
    return Jdbi.create(ds)
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'")
                    .mapTo(String.class)
                    .list());
  }
}
