package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.testing.SmtpClient;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helpdesk serve} polling an IMAP mailbox (GreenMail in the test JVM) from the config. */
class ServeImapProcessTest {
  @TempDir Path dir;
  private GreenMail mail;

  @BeforeEach
  void startMailServer() {
    mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    mail.setUser("support@localhost", "support", "secret");
  }

  @AfterEach
  void stopMailServer() {
    mail.stop();
  }

  private boolean seenOnTheServer() throws Exception {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", mail.getImap().getPort(), "support", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.getMessageCount() == 1
            && inbox.getMessage(1).getFlags().contains(Flags.Flag.SEEN);
      } finally {
        inbox.close(false);
      }
    }
  }

  @Test
  void mailInTheImapInbox_becomesATicket() throws Exception {
    assertThat(
            SmtpClient.send(
                mail.getSmtp().getPort(),
                "bob@example.net",
                "support@localhost",
                CliProcess.message(
                    "bob@example.net", "support@localhost", "<i1@example.net>", "Hi")))
        .startsWith("250");
    Path config = dir.resolve("desk.properties");
    Files.writeString(
        config,
        "imap.host=127.0.0.1\nimap.port="
            + mail.getImap().getPort()
            + "\nimap.user=support\nimap.password=secret\nimap.poll-seconds=1\n",
        StandardCharsets.UTF_8);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process serve =
        new ProcessBuilder(
                CliProcess.command(
                    "serve",
                    "--config=" + config,
                    "--db=jdbc:h2:file:" + dir.resolve("desk"),
                    "--smtp-port=" + port))
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.err").toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).startsWith("helpdesk serving SMTP");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!seenOnTheServer() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(seenOnTheServer()).as("the poller marked the message done").isTrue();
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
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
