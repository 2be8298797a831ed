package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.jdbc.JdbcStore;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helpdesk pipe --relay} as the MTA runs it: one JVM per message handing the message to a
 * running {@code helpdesk serve}, whose exit code must still mean what the direct pipe's means.
 */
class PipeRelayProcessTest {
  @TempDir Path dir;

  private Process serve;

  private int startServe(String... extra) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "serve",
                "--db=jdbc:h2:file:" + dir.resolve("desk"),
                "--smtp-port=" + port,
                "--scheduler-seconds=3600"));
    args.addAll(List.of(extra));
    serve =
        new ProcessBuilder(CliProcess.command(args.toArray(String[]::new)))
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.err").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("helpdesk serving SMTP on 127.0.0.1:" + port);
    return port;
  }

  private void stopServe() throws Exception {
    serve.destroy();
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve ends after SIGTERM").isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    if (serve != null && serve.isAlive()) {
      stopServe();
    }
  }

  private List<Ticket> tickets() {
    try (JdbcStore store = JdbcStore.h2File(dir.resolve("desk"))) {
      return store
          .ticketStore()
          .openedBetween(
              Instant.EPOCH, Instant.parse("2999-01-01T00:00:00Z"), Optional.empty(), 10);
    }
  }

  @Test
  void relayedMessageIsStoredOnce_evenWhenTheMtaDeliversItTwice() throws Exception {
    int port = startServe();
    // Postfix hands over LF line endings and may prepend the Return-Path (flags=R).
    byte[] message =
        ("Return-Path: <bob@example.net>\nFrom: Bob <bob@example.net>\nTo: support@localhost\n"
                + "Subject: Site down\nMessage-ID: <relay-1@example.net>\n\n"
                + "The shop shows HTTP 500.\n.\nA line that is only a dot, above.\n")
            .getBytes(StandardCharsets.UTF_8);
    String[] pipe = {"pipe", "--relay=127.0.0.1:" + port, "--recipient=support@localhost"};

    CliProcess.Result first = CliProcess.run(dir, message, pipe);
    CliProcess.Result again = CliProcess.run(dir, message, pipe);
    stopServe();

    assertThat(first.code()).as(first.err()).isEqualTo(Sysexits.OK);
    assertThat(first.out()).startsWith("relayed: 250").contains("Created");
    assertThat(again.code()).as(again.err()).isEqualTo(Sysexits.OK);
    assertThat(again.out()).contains("DUPLICATE");
    assertThat(tickets())
        .singleElement()
        .satisfies(t -> assertThat(t.subject()).isEqualTo("Site down"));
  }

  @Test
  void recipientTheDeskDoesNotServe_exits67() throws Exception {
    int port = startServe();

    CliProcess.Result r =
        CliProcess.run(
            dir,
            CliProcess.message("bob@example.net", "sales@elsewhere.test", "<r2@example.net>", "Hi"),
            "pipe",
            "--relay",
            "127.0.0.1:" + port,
            "--recipient",
            "sales@elsewhere.test",
            "--sender",
            "bob@example.net");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Sysexits.NOUSER);
    assertThat(r.err()).contains("550");
  }

  @Test
  void messageOverTheListenersCap_exits65_andNothingIsStored() throws Exception {
    int port = startServe("--max-bytes=2000");

    CliProcess.Result r =
        CliProcess.run(
            dir,
            CliProcess.message(
                "bob@example.net", "support@localhost", "<big@example.net>", "x".repeat(10_000)),
            "pipe",
            "--relay=127.0.0.1:" + port,
            "--recipient=support@localhost");
    stopServe();

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Sysexits.DATAERR);
    assertThat(r.err()).contains("552");
    assertThat(tickets()).isEmpty();
  }

  @Test
  void nothingListensAtTheRelay_theMessageIsTakenHere() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }

    CliProcess.Result r =
        CliProcess.run(
            dir,
            CliProcess.message("bob@example.net", "support@localhost", "<r4@example.net>", "Hi"),
            "pipe",
            "--relay=127.0.0.1:" + closedPort,
            "--recipient=support@localhost",
            "--db=jdbc:h2:file:" + dir.resolve("desk"));

    assertThat(r.code()).as(r.err()).isEqualTo(Sysexits.OK);
    assertThat(r.out()).startsWith("created ");
    assertThat(r.err()).contains("nothing listens at 127.0.0.1:" + closedPort);
    assertThat(tickets()).hasSize(1);
  }

  @Test
  void badRelayAddress_isAUsageError() {
    CliProcess.Result r =
        CliProcess.run(
            dir,
            new byte[0],
            "pipe",
            "--relay=localhost",
            "--recipient=support@localhost",
            "--db=jdbc:h2:file:" + dir.resolve("desk"));

    assertThat(r.code()).isEqualTo(Sysexits.USAGE);
    assertThat(r.err()).contains("--relay must be HOST:PORT, got 'localhost'");
  }
}
