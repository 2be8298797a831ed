package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.mail.IntakeResult;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The query commands in-process, on an H2 file filled through the mail intake. */
class QueryCommandsTest {
  @TempDir Path dir;
  private String ticket;
  private String quarantineKey;

  private String db() {
    return "--db=jdbc:h2:file:" + dir.resolve("desk");
  }

  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    CommandLine cl = HelpdeskCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void fill() {
    DeskSession.Options options =
        new DeskSession.Options(
            Optional.of("jdbc:h2:file:" + dir.resolve("desk")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(5));
    try (DeskSession s = DeskSession.open(CliConfig.defaults(), options)) {
      IntakeResult created =
          s.intake()
              .accept(
                  new ByteArrayInputStream(
                      CliProcess.message(
                          "bob@example.net", "support@localhost", "<q1@example.net>", "Down.")),
                  "test");
      ticket = ((IntakeResult.Created) created).ticket().value();
      String spoofed =
          "From: ceo@example.net\r\nTo: support@localhost\r\nSubject: Pay\r\n"
              + "Message-ID: <s1@example.net>\r\nAuthentication-Results: mx; dmarc=fail\r\n\r\nPay.\r\n";
      IntakeResult q =
          s.intake()
              .accept(new ByteArrayInputStream(spoofed.getBytes(StandardCharsets.UTF_8)), "test");
      quarantineKey = ((IntakeResult.Quarantined) q).key();
    }
  }

  @Test
  void tickets_listsAndFilters() {
    Run all = run("tickets", db());
    Run json = run("tickets", db(), "--json", "--status", "open", "--department", "support");
    Run none = run("tickets", db(), "--status", "closed");
    Run bad = run("tickets", db(), "--status", "nope");

    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out()).contains(ticket).contains("bob@example.net").contains("1 ticket(s)");
    assertThat(json.out()).startsWith("[{\"reference\":\"" + ticket + "\"").contains("\"OPEN\"");
    assertThat(none.out()).contains("0 ticket(s)");
    assertThat(bad.code()).isEqualTo(64);
    assertThat(bad.err()).contains("unknown status 'nope'");
  }

  @Test
  void show_printsTheThread() {
    Run text = run("show", ticket, db());
    Run json = run("show", ticket.toLowerCase(java.util.Locale.ROOT), db(), "--json");
    Run missing = run("show", "HD-ZZZZZZZZ", db());

    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("Site down").contains("Down.");
    assertThat(json.out()).contains("\"thread\":[{").contains("\"body\":\"Down.\"");
    assertThat(missing.code()).isEqualTo(65);
    assertThat(missing.err()).contains("no ticket HD-ZZZZZZZZ");
  }

  @Test
  void quarantine_listShowReplay() {
    Run list = run("quarantine", "list", db());
    Run json = run("quarantine", "list", db(), "--json");
    Run show = run("quarantine", "show", quarantineKey, db());
    Run replay = run("quarantine", "replay", quarantineKey, db());
    Run unknown = run("quarantine", "replay", "mid-nothing", db());
    Run badAction = run("quarantine", "purge", db());

    assertThat(list.out()).contains(quarantineKey).contains("1 quarantined");
    assertThat(json.out()).contains("\"key\":\"" + quarantineKey + "\"").contains("DMARC");
    assertThat(show.out()).contains("QUARANTINED").contains("dmarc=fail");
    assertThat(replay.code()).as(replay.err()).isZero();
    assertThat(replay.out()).startsWith("quarantined " + quarantineKey);
    assertThat(unknown.code()).isEqualTo(65);
    assertThat(badAction.code()).isEqualTo(64);
  }

  @Test
  void report_countsThePeriod() {
    String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String tomorrow = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    Run json = run("report", "--from", today, "--to", tomorrow, "--json", db());
    Run text = run("report", "--from", today, "--to", tomorrow, db());
    Run bad = run("report", "--from", "yesterday", "--to", tomorrow, db());

    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"overall\":{\"tickets\":1,").contains("\"support\":{");
    assertThat(text.out()).contains("overall").contains("tickets 1");
    assertThat(bad.code()).isEqualTo(64);
    assertThat(bad.err()).contains("--from must be a date");
  }

  @Test
  void badDatabases_giveOneLineAndTheRightCode() {
    Run badUrl = run("tickets", "--db", "mysql://nowhere");
    Run down = run("tickets", "--db", "jdbc:postgresql://127.0.0.1:1/x");
    Run noCommand = run(db());

    assertThat(badUrl.code()).isEqualTo(78);
    assertThat(badUrl.err())
        .contains("unsupported --db URL mysql://nowhere")
        .doesNotContain("\tat ");
    assertThat(down.code()).isEqualTo(75);
    assertThat(down.err()).contains("is not available: Connection refused").doesNotContain("\tat ");
    assertThat(noCommand.code()).isEqualTo(64);
    assertThat(noCommand.err()).contains("missing command");
  }
}
