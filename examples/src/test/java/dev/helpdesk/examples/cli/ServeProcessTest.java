package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.testing.SmtpClient;
import dev.helpdesk.ticket.Ticket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helpdesk serve} as a process: mail over SMTP gets 250 and survives a SIGTERM. */
class ServeProcessTest {
  @TempDir Path dir;

  @Test
  void smtpMailIsStored_andSigtermStopsCleanly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process serve =
        new ProcessBuilder(
                CliProcess.command(
                    "serve",
                    "--db=jdbc:h2:file:" + dir.resolve("desk"),
                    "--smtp-port=" + port,
                    "--scheduler-seconds=3600"))
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.err").toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      assertThat(ready).isEqualTo("helpdesk serving SMTP on 127.0.0.1:" + port);

      String reply =
          SmtpClient.send(
              port,
              "bob@example.net",
              "support@localhost",
              CliProcess.message("bob@example.net", "support@localhost", "<s1@example.net>", "Hi"));
      assertThat(reply).startsWith("250");
    } finally {
      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve ends after SIGTERM").isTrue();
    }
    assertThat(serve.exitValue()).as("exit after SIGTERM").isIn(0, 143);

    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      List<Ticket> tickets =
          store
              .ticketStore()
              .openedBetween(
                  Instant.EPOCH, Instant.parse("2999-01-01T00:00:00Z"), Optional.empty(), 10);
      assertThat(tickets)
          .singleElement()
          .satisfies(t -> assertThat(t.subject()).isEqualTo("Site down"));
    }
  }
}
