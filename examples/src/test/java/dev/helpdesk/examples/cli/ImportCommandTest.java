package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code helpdesk import}: an interrupted import, run again, stores every message once. */
class ImportCommandTest {
  @TempDir Path dir;

  private String db() {
    return "--db=jdbc:h2:file:" + dir.resolve("desk");
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    CommandLine cl = HelpdeskCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  private static String message(int i) {
    return "From: c"
        + i
        + "@example.net\nTo: support@localhost\nSubject: Question "
        + i
        + "\nMessage-ID: <imp"
        + i
        + "@example.net>\nDate: Mon, 1 Dec 2025 10:00:00 +0000\n\nHello "
        + i
        + ".\n>From the shop to the cart.\n";
  }

  private List<Ticket> tickets(JdbcStore store) {
    return store
        .ticketStore()
        .openedBetween(Instant.EPOCH, Instant.parse("2999-01-01T00:00:00Z"), Optional.empty(), 100);
  }

  @Test
  void mbox_interruptedThenRerun_storesEachOnce() throws Exception {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      mbox.append("From c").append(i).append("@example.net Mon Dec  1 10:00:00 2025\n");
      mbox.append(message(i)).append('\n');
    }
    Path file = dir.resolve("old.mbox");
    Files.writeString(file, mbox, StandardCharsets.UTF_8);

    Run first = run("import", "mbox", file.toString(), db(), "--limit=10");
    Run again = run("import", "mbox", file.toString(), db(), "--threads=3");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("imported 10 message(s)").contains("10 new ticket(s)");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("imported 30 message(s)")
        .contains("20 new ticket(s)")
        .contains("10 ignored");
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      List<Ticket> tickets = tickets(store);
      assertThat(tickets).hasSize(30);
      Ticket t = tickets.stream().filter(x -> x.subject().equals("Question 7")).findFirst().get();
      List<ThreadEntry> thread = store.ticketStore().thread(t.id());
      assertThat(thread.get(0).body())
          .as("the mboxrd escape is taken away")
          .contains("Hello 7.")
          .contains("From the shop");
    }
  }

  @Test
  void maildir_interruptedThenRerun_storesEachOnce() throws Exception {
    Path maildir = dir.resolve("Maildir");
    Files.createDirectories(maildir.resolve("cur"));
    Files.createDirectories(maildir.resolve("new"));
    Files.createDirectories(maildir.resolve("tmp"));
    for (int i = 0; i < 12; i++) {
      Path sub = maildir.resolve(i % 3 == 0 ? "new" : "cur");
      Files.writeString(
          sub.resolve("17000000" + (10 + i) + ".M1P1.host:2,S"),
          message(100 + i),
          StandardCharsets.UTF_8);
    }

    Run first = run("import", "maildir", maildir.toString(), db(), "--limit=5");
    Run again = run("import", "maildir", maildir.toString(), db());
    Run missing = run("import", "maildir", dir.resolve("nope").toString(), db());

    assertThat(first.out()).contains("imported 5 message(s)").contains("5 new ticket(s)");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("imported 12 message(s)").contains("7 new ticket(s)");
    assertThat(missing.code()).isEqualTo(64);
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      assertThat(tickets(store)).hasSize(12);
    }
  }
}
