package dev.helpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.TicketStatus;
import dev.helpdesk.TicketView;
import dev.helpdesk.Visibility;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.RecordingNotifier;
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
    assertThat(notifier.sent(Notification.Kind.STAFF_REPLY)).hasSize(1);
    assertThat(notifier.sent(Notification.Kind.RESOLUTION_PROPOSED)).hasSize(1);
    assertThat(notifier.sent(Notification.Kind.FEEDBACK_REQUEST)).hasSize(1);
  }

  @Test
  void readme_quickStart_isTheCompiledOne() throws Exception {
    assertReadmeShows("QuickStart.java", "README-QUICKSTART");
  }

  @Test
  void readme_mailWiring_isTheCompiledOne() throws Exception {
    assertReadmeShows("MailWiring.java", "README-MAIL");
  }

  /** Every line between {@code marker}-BEGIN and -END in the sample is in the README. */
  private static void assertReadmeShows(String sample, String marker) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String source = Files.readString(Path.of("src/main/java/dev/helpdesk/examples", sample));
    String begin = "// " + marker + "-BEGIN";
    String snippet =
        source.substring(
            source.indexOf(begin) + begin.length(), source.indexOf("// " + marker + "-END"));
    for (String line : snippet.strip().split("\n")) {
      assertThat(readme).as("README line of " + sample).contains(line.strip());
    }
  }
}
