package dev.helpdesk.mail;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A raw message copied to a temporary file, with its size and SHA-256: parsing then reads the file
 * lazily, so memory does not grow with the message, and a message over the cap is refused before it
 * fills the disk.
 */
record Spool(Path file, long size, String sha256) implements AutoCloseable {

  /** Thrown when the stream is longer than the cap; the partial file is already deleted. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(long maxBytes) {
      super("message is larger than the limit of " + maxBytes + " bytes");
    }
  }

  /** Copies {@code in} to a new file in {@code directory}, refusing more than {@code maxBytes}. */
  static Spool of(InputStream in, Path directory, long maxBytes)
      throws IOException, TooLargeException {
    Path file = Files.createTempFile(directory, "helpdesk-mail-", ".eml");
    try (OutputStream out = Files.newOutputStream(file)) {
      Hasher sha256 = Hashing.sha256().newHasher();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException(maxBytes);
        }
        out.write(buffer, 0, n);
        sha256.putBytes(buffer, 0, n);
      }
      out.close();
      return new Spool(file, total, sha256.hash().toString());
    } catch (IOException | TooLargeException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
