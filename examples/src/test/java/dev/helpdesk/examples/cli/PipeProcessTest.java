package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helpdesk pipe} as an MTA runs it, one JVM per message: the exit codes an MTA acts on, and
 * that a message is stored once however often it is delivered.
 */
class PipeProcessTest {
  @TempDir Path dir;

  private String db() {
    return "--db=jdbc:h2:file:" + dir.resolve("desk");
  }

  private List<Ticket> tickets() {
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      return store
          .ticketStore()
          .openedBetween(
              Instant.EPOCH, Instant.parse("2999-01-01T00:00:00Z"), Optional.empty(), 100);
    }
  }

  @Test
  void aMessagePipedTwice_isOneTicket() {
    byte[] mail =
        CliProcess.message("bob@example.net", "support@localhost", "<p1@example.net>", "Down.");

    CliProcess.Result first = CliProcess.run(dir, mail, "pipe", db());
    CliProcess.Result again = CliProcess.run(dir, mail, "pipe", db());

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).matches("created HD-[0-9A-Z]+\\R");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("ignored duplicate");
    assertThat(tickets())
        .singleElement()
        .satisfies(t -> assertThat(first.out()).contains(t.reference().value()));
    assertThat(dir.resolve("desk.secret")).as("the generated secret beside the H2 file").exists();
  }

  /**
   * H2's file mode lets one process open the file at a time ({@code JdbcStore.h2File} uses no
   * AUTO_SERVER), so concurrent pipes wait for the file with a backoff and give up with 75 after
   * {@code --lock-wait-seconds}; here that is short, so some may well give up, and the MTA's retry
   * of those stores each message once. (By hand, with the default 30 s wait, eight concurrent pipes
   * all ended 0 in 16 s; with {@code ;AUTO_SERVER=TRUE} three of eight ended 75, because the
   * clients' connections break when the process serving the file exits, so the plain file and the
   * wait is what the CLI uses.)
   */
  @Test
  void eightConcurrentPipes_eachEndKeptOrTemporary_andRetriesStoreEachOnce() {
    List<byte[]> mails = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      mails.add(
          CliProcess.message(
              "c" + i + "@example.net", "support@localhost", "<c" + i + "@example.net>", "n" + i));
    }
    List<CompletableFuture<CliProcess.Result>> runs = new ArrayList<>();
    List<Process> started = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      started.add(CliProcess.start(dir, "pipe", db(), "--lock-wait-seconds=4"));
    }
    for (int i = 0; i < 8; i++) {
      runs.add(CliProcess.finish(started.get(i), mails.get(i)));
    }
    List<Integer> retry = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      CliProcess.Result r = runs.get(i).join();
      assertThat(r.code()).as(r.err()).isIn(0, 75);
      if (r.code() == 75) {
        assertThat(r.err()).contains("not available");
        retry.add(i);
      }
    }
    for (int i : retry) {
      CliProcess.Result r = CliProcess.run(dir, mails.get(i), "pipe", db());
      assertThat(r.code()).as(r.err()).isZero();
    }
    // The MTA may also deliver a message again after a 0 it did not see.
    assertThat(CliProcess.run(dir, mails.get(0), "pipe", db()).out()).startsWith("ignored");

    assertThat(tickets()).hasSize(8);
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      assertThat(store.mailArchive().list(ArchivedMail.Status.PROCESSED, Optional.empty(), 100))
          .hasSize(8);
    }
  }

  @Test
  void anUnreachableDatabase_is75_withOneLineAndNothingStored() {
    byte[] mail =
        CliProcess.message("bob@example.net", "support@localhost", "<u1@example.net>", "Down.");

    CliProcess.Result r =
        CliProcess.run(dir, mail, "pipe", "--db", "jdbc:postgresql://127.0.0.1:1/x");

    assertThat(r.code()).isEqualTo(75);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().filter(l -> l.startsWith("helpdesk:")))
        .singleElement()
        .asString()
        .contains("127.0.0.1:1")
        .contains("not available");
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(dir.resolve("helpdesk-data")).as("no database file, no secret file").doesNotExist();
  }

  @Test
  void aMessageOverTheCap_is65_andNotStored() {
    byte[] mail =
        CliProcess.message(
            "bob@example.net", "support@localhost", "<big@example.net>", "x".repeat(5_000));

    CliProcess.Result r = CliProcess.run(dir, mail, "pipe", db(), "--max-bytes=1000");

    assertThat(r.code()).as(r.err()).isEqualTo(65);
    assertThat(r.out()).startsWith("refused:");
    assertThat(tickets()).isEmpty();
  }

  @Test
  void anUnknownOption_is64() {
    CliProcess.Result r = CliProcess.run(dir, new byte[0], "pipe", "--no-such-option");

    assertThat(r.code()).isEqualTo(64);
    assertThat(r.err()).contains("--no-such-option").doesNotContain("\tat ");
  }

  @Test
  void aBadConfig_is78_namingTheKeyAndLine() throws Exception {
    Path config = dir.resolve("helpdesk.properties");
    Files.writeString(
        config,
        "# the desk\ndepartment.billing.name=Billing\nmailbox.billing@example.com=biling\n",
        StandardCharsets.UTF_8);
    byte[] mail =
        CliProcess.message("bob@example.net", "billing@example.com", "<b1@example.net>", "Bill?");

    CliProcess.Result r = CliProcess.run(dir, mail, "pipe", db(), "--config=" + config);

    assertThat(r.code()).isEqualTo(78);
    assertThat(r.err())
        .contains("line 3")
        .contains("mailbox.billing@example.com")
        .contains("biling")
        .doesNotContain("\tat ");
  }
}
