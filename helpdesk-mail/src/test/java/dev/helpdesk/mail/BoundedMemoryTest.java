package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
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
    String expected = writeBigMessage(file);
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

  /** Streams the message to disk and returns the SHA-256 of the attachment's decoded bytes. */
  private static String writeBigMessage(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(
          ("From: Customer <customer@example.org>\r\nTo: support@desk.example.com\r\n"
                  + "Subject: Big logs\r\nMessage-ID: <big@example.org>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
                  + "--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe logs you asked for.\r\n"
                  + "--big\r\nContent-Type: application/gzip; name=\"logs.tar.gz\"\r\n"
                  + "Content-Transfer-Encoding: base64\r\n"
                  + "Content-Disposition: attachment; filename=\"logs.tar.gz\"\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      OutputStream keepOpen =
          new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              flush();
            }
          };
      Random random = new Random(42);
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream b64 = Base64.getMimeEncoder().wrap(keepOpen)) {
        for (int written = 0; written < ATTACHMENT_BYTES; written += chunk.length) {
          random.nextBytes(chunk);
          sha.update(chunk);
          b64.write(chunk);
        }
      }
      out.write("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
