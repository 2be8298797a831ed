package dev.helpdesk.mail;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A raw message held while it is processed, with its size and SHA-256. Up to {@link #IN_MEMORY_MAX}
 * bytes it stays on the heap; a larger one is copied to a temporary file that parsing reads lazily,
 * so memory does not grow with the message, and a message over the cap is refused before it fills
 * the disk.
 */
final class Spool implements AutoCloseable {

  /**
   * The largest message kept in memory. Most mail is far smaller, and for it a temporary file costs
   * more than the parse (creating, writing and above all unlinking it: on ext4 mounted with {@code
   * discard} an unlink waits for the journal); a few concurrent messages of this size are still a
   * small heap.
   */
  static final int IN_MEMORY_MAX = 1 << 20;

  /** Thrown when the stream is longer than the cap; a partial file is already deleted. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(long maxBytes) {
      super("message is larger than the limit of " + maxBytes + " bytes");
    }
  }

  private final Optional<byte[]> bytes;
  private final Optional<Path> file;
  private final long size;
  private final String sha256;

  private Spool(Optional<byte[]> bytes, Optional<Path> file, long size, String sha256) {
    this.bytes = bytes;
    this.file = file;
    this.size = size;
    this.sha256 = sha256;
  }

  /**
   * Reads {@code in} to its end into memory or, beyond {@link #IN_MEMORY_MAX} bytes, into a new
   * file in {@code directory}, refusing more than {@code maxBytes}.
   */
  static Spool of(InputStream in, Path directory, long maxBytes)
      throws IOException, TooLargeException {
    Hasher sha256 = Hashing.sha256().newHasher();
    int headLimit = (int) Math.min(IN_MEMORY_MAX, maxBytes);
    byte[] head = new byte[Math.min(headLimit + 1, 64 * 1024)];
    int filled = 0;
    for (int n; filled <= headLimit && (n = in.read(head, filled, head.length - filled)) != -1; ) {
      filled += n;
      if (filled == head.length && filled <= headLimit) {
        head = Arrays.copyOf(head, Math.min(head.length * 2, headLimit + 1));
      }
    }
    if (filled <= headLimit) {
      sha256.putBytes(head, 0, filled);
      return new Spool(
          Optional.of(Arrays.copyOf(head, filled)),
          Optional.empty(),
          filled,
          sha256.hash().toString());
    }
    if (filled > maxBytes) {
      throw new TooLargeException(maxBytes);
    }
    return toFile(head, filled, in, directory, maxBytes, sha256);
  }

  private static Spool toFile(
      byte[] head, int filled, InputStream in, Path directory, long maxBytes, Hasher sha256)
      throws IOException, TooLargeException {
    Path file = Files.createTempFile(directory, "helpdesk-mail-", ".eml");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(head, 0, filled);
      sha256.putBytes(head, 0, filled);
      byte[] buffer = new byte[64 * 1024];
      long total = filled;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException(maxBytes);
        }
        out.write(buffer, 0, n);
        sha256.putBytes(buffer, 0, n);
      }
      out.close();
      return new Spool(Optional.empty(), Optional.of(file), total, sha256.hash().toString());
    } catch (IOException | TooLargeException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  long size() {
    return size;
  }

  String sha256() {
    return sha256;
  }

  /** The raw bytes from the start, as a new stream the caller closes. */
  InputStream open() throws IOException {
    return bytes.isPresent()
        ? new ByteArrayInputStream(bytes.get())
        : Files.newInputStream(file.orElseThrow());
  }

  /** The raw bytes as a stream whose parts can be read again by offset, for a lazy parse. */
  InputStream shared() throws IOException {
    return bytes.isPresent()
        ? new SharedByteArrayInputStream(bytes.get())
        : new SharedFileInputStream(file.orElseThrow().toFile());
  }

  /** Where the message is, for log lines. */
  String location() {
    return file.map(Path::toString).orElse("memory");
  }

  @Override
  public void close() throws IOException {
    if (file.isPresent()) {
      Files.deleteIfExists(file.get());
    }
  }
}
