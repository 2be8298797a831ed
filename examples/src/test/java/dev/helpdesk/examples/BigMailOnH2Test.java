package dev.helpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB message goes all the way into the embedded store (archived raw, parsed, its attachment
 * streamed into the attachment store) in a JVM with a 64 MB heap.
 */
class BigMailOnH2Test {
  private static final int ATTACHMENT_BYTES = 38 * 1024 * 1024; // about 51 MB once in base64

  @Test
  void a50MegabyteMessage_isTakenInWith64MegabytesOfHeap(@TempDir Path dir) throws Exception {
    Path message = dir.resolve("big.eml");
    String sha256 = writeBigMessage(message);
    assertThat(Files.size(message)).isGreaterThan(50L * 1000 * 1000);

    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m",
                    "-Djava.io.tmpdir=" + dir,
                    "-cp",
                    System.getProperty("java.class.path"),
                    BigMailIntakeMain.class.getName(),
                    message.toString(),
                    dir.resolve("desk").toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("result=Created[").contains(sha256).contains("logs.tar.gz");
    System.out.println("child JVM (-Xmx64m): " + output.strip().replaceAll("\\s*\\n\\s*", "; "));
  }

  /** Streams the message to disk; returns the SHA-256 of the attachment's decoded bytes. */
  private static String writeBigMessage(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(
          ("From: Alice <alice@example.net>\r\nTo: support@example.com\r\n"
                  + "Subject: Big logs\r\nMessage-ID: <big@example.net>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
                  + "--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe logs.\r\n"
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
      try (OutputStream base64 = Base64.getMimeEncoder().wrap(keepOpen)) {
        for (int written = 0; written < ATTACHMENT_BYTES; written += chunk.length) {
          random.nextBytes(chunk);
          sha.update(chunk);
          base64.write(chunk);
        }
      }
      out.write("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
