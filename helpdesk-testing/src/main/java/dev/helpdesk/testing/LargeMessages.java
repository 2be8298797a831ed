package dev.helpdesk.testing;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * Writes very large mail messages straight to disk, for tests that prove mail is handled in bounded
 * memory: the message is never held in the test's memory either.
 */
public final class LargeMessages {
  private LargeMessages() {}

  /**
   * Writes a multipart message from {@code from} to {@code to} with a short text part and one
   * base64 attachment {@code logs.tar.gz} of {@code attachmentBytes} random bytes (a third more on
   * disk); returns the SHA-256 of the attachment's decoded bytes, in hex.
   */
  public static String writeWithAttachment(Path file, String from, String to, int attachmentBytes) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(
          ("From: "
                  + from
                  + "\r\nTo: "
                  + to
                  + "\r\nSubject: Big logs\r\nMessage-ID: <big-"
                  + attachmentBytes
                  + "@example.org>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
                  + "--big\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                  + "The logs you asked for.\r\n"
                  + "--big\r\nContent-Type: application/gzip; name=\"logs.tar.gz\"\r\n"
                  + "Content-Transfer-Encoding: base64\r\n"
                  + "Content-Disposition: attachment; filename=\"logs.tar.gz\"\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // The base64 encoder closes what it wraps; the closing boundary still has to follow.
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
        for (int written = 0; written < attachmentBytes; written += chunk.length) {
          int n = Math.min(chunk.length, attachmentBytes - written);
          random.nextBytes(chunk);
          sha.update(chunk, 0, n);
          base64.write(chunk, 0, n);
        }
      }
      out.write("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
