package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pipe --recipient} and {@code --department} in-process: the envelope recipient an MTA
 * passes decides the department of mail whose headers name none of the desk's mailboxes.
 */
class PipeRoutingTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run pipe(byte[] mail, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(mail));
    try {
      // PipeCommand takes System.in when picocli creates it.
      CommandLine cl = HelpdeskCli.commandLine();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      return new Run(cl.execute(args), out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  private String department(String ref) {
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      return store
          .ticketStore()
          .openedBetween(Instant.EPOCH, Instant.parse("2999-01-01T00:00:00Z"), Optional.empty(), 10)
          .stream()
          .filter(t -> t.reference().value().equals(ref))
          .map(Ticket::department)
          .findFirst()
          .orElseThrow()
          .value();
    }
  }

  @Test
  void theEnvelopeRecipient_picksTheDepartment() throws Exception {
    Path config = dir.resolve("desk.properties");
    Files.writeString(
        config,
        "department.tech.name=Tech\ndepartment.billing.name=Billing\n"
            + "mailbox.support@example.com=tech\nmailbox.billing@example.com=billing\n",
        StandardCharsets.UTF_8);
    String db = "--db=jdbc:h2:file:" + dir.resolve("desk");
    String cfg = "--config=" + config;
    // Bcc'd or list mail: the To header names none of the mailboxes.
    byte[] viaList =
        CliProcess.message("bob@example.net", "list@lists.example", "<r1@example.net>", "Bill?");
    byte[] other =
        CliProcess.message("bob@example.net", "list@lists.example", "<r2@example.net>", "Down?");

    Run billing = pipe(viaList, "pipe", db, cfg, "--recipient", "billing+HD-1234@example.com");
    Run tech = pipe(other, "pipe", db, cfg, "--department", "tech");
    Run stranger = pipe(other, "pipe", db, cfg, "--recipient", "sales@example.com");
    Run noDept = pipe(other, "pipe", db, cfg, "--department", "sales");

    assertThat(billing.code()).as(billing.err()).isZero();
    assertThat(department(billing.out().strip().substring("created ".length())))
        .isEqualTo("billing");
    assertThat(tech.code()).as(tech.err()).isZero();
    assertThat(department(tech.out().strip().substring("created ".length()))).isEqualTo("tech");
    assertThat(stranger.code()).isEqualTo(Sysexits.NOUSER);
    assertThat(stranger.err()).contains("sales@example.com is none of the desk's mailboxes");
    assertThat(noDept.code()).isEqualTo(64);
    assertThat(noDept.err()).contains("unknown department 'sales'");
  }
}
