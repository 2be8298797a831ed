package dev.helpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.TicketStatus;
import dev.helpdesk.TicketView;
import dev.helpdesk.Visibility;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.RecordingNotifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void quickStart_closesTheTicketByTheCustomer_andNotifies() {
    FakeDirectory directory =
        new FakeDirectory()
            .department("tech", "Tech")
            .customer("alice", "Alice", "alice@example.com")
            .agent("tina", "Tina", 1, "tech");
    RecordingNotifier notifier = new RecordingNotifier();
    TicketView view = QuickStart.run(new InMemoryTicketStore(), directory, notifier);
    assertThat(view.ticket().status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(view.thread()).hasSize(3).allMatch(e -> e.visibility() == Visibility.PUBLIC);
    assertThat(notifier.sent(Notification.Kind.CONFIRMATION)).hasSize(1);
    assertThat(notifier.sent(Notification.Kind.STAFF_REPLY)).hasSize(2);
    assertThat(notifier.sent(Notification.Kind.FEEDBACK_REQUEST)).hasSize(1);
  }

  @Test
  void readme_quickStart_isTheCompiledOne() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String source =
        Files.readString(Path.of("src/main/java/dev/helpdesk/examples/QuickStart.java"));
    String snippet =
        source.substring(
            source.indexOf("// README-QUICKSTART-BEGIN") + "// README-QUICKSTART-BEGIN".length(),
            source.indexOf("// README-QUICKSTART-END"));
    for (String line : snippet.strip().split("\n")) {
      assertThat(readme).as("README quick start line").contains(line.strip());
    }
  }

  @Test
  void demo_printsTheThreadAndTheRefusedStaffClose() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.run(
        JdbcStore.h2InMemory("demo_test").ticketStore(),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("[CLOSED]")
        .contains("PHP-FPM crashed")
        .contains("may not close")
        .contains("1 breach(es)")
        .contains("SlaBreached by system:sla");
  }
}
