package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.testing.LargeMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 50 MB message must parse in a small heap; a child JVM makes the limit real. */
class BoundedMemoryTest {
  private static final int ATTACHMENT_BYTES = 38 * 1024 * 1024; // about 50 MB once in base64

  private Path file;

  @AfterEach
  void deleteTempFile() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void a50MegabyteMessage_parsesAndStreamsIn64MegabytesOfHeap() throws Exception {
    file = Files.createTempFile("helpdesk-big-", ".eml");
    String expected =
        LargeMessages.writeWithAttachment(
            file, "Customer <customer@example.org>", "support@desk.example.com", ATTACHMENT_BYTES);
    assertThat(Files.size(file)).isGreaterThan(50L * 1000 * 1000);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BigMailMain.class.getName());
    command.add(file.toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();

    System.out.println("child JVM (-Xmx64m): " + output.strip().replaceAll("\\s*\\n\\s*", "; "));
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("text=The logs you asked for.")
        .contains("attachment=logs.tar.gz sha256=" + expected)
        .contains("usedHeap=");
    java.util.regex.Matcher peak =
        java.util.regex.Pattern.compile("peakHeap=(\\d+)").matcher(output);
    assertThat(peak.find()).as(output).isTrue();
    // the attachment alone is 38 MB, so a parser that buffers it could not stay under this
    assertThat(Long.parseLong(peak.group(1))).isLessThan(32L * 1024 * 1024);
  }
}
