package dev.helpdesk.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;

/**
 * Transfer decoding that never fails on bad input, because Angus's strict decoders can only be
 * relaxed through JVM-wide system properties, which an embedded library must not set.
 */
final class LenientDecoding {
  private LenientDecoding() {}

  static InputStream decode(InputStream raw, String encoding) {
    String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    return switch (e) {
      case "base64" -> new Base64Stream(new BufferedInputStream(raw, 16 * 1024));
      case "quoted-printable" -> new QuotedPrintableStream(new BufferedInputStream(raw, 16 * 1024));
      default -> raw;
    };
  }

  static byte[] base64(String s) {
    return readAll(new Base64Stream(new java.io.ByteArrayInputStream(latin1(s))));
  }

  /** The "Q" encoding of RFC 2047: quoted-printable where "_" is a space. */
  static byte[] qEncoding(String s) {
    return readAll(
        new QuotedPrintableStream(new java.io.ByteArrayInputStream(latin1(s.replace('_', ' ')))));
  }

  private static byte[] latin1(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("in-memory stream failed", e);
    }
  }

  /** Each byte's 6-bit value in base64 (either alphabet), or -1 outside it. */
  private static final byte[] SEXTETS = sextets();

  private static byte[] sextets() {
    byte[] table = new byte[256];
    java.util.Arrays.fill(table, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      table[alphabet.charAt(i)] = (byte) i;
    }
    table['-'] = 62;
    table['_'] = 63;
    return table;
  }

  private static int sextet(int c) {
    return SEXTETS[c];
  }

  /** Base64 that skips anything outside the alphabet and decodes what a broken tail still holds. */
  static final class Base64Stream extends FilterInputStream {
    private final byte[] out = new byte[3];
    private int outPos;
    private int outLen;
    private boolean eof;
    // Read ahead in blocks: a byte-at-a-time read of the part's stream takes a lock per byte.
    private final byte[] ahead = new byte[16 * 1024];
    private int aheadPos;
    private int aheadLen;

    Base64Stream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      if (outPos == outLen && !fill()) {
        return -1;
      }
      return out[outPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len) {
        if (outPos == outLen) {
          n += decodeClean(b, off + n, len - n);
          if (n == len || !fill()) {
            break;
          }
        }
        b[off + n++] = out[outPos++];
      }
      return n == 0 ? -1 : n;
    }

    /**
     * Decodes, straight from the read-ahead into {@code b}, the quanta of four alphabet characters
     * that come next, as many as fit in {@code room}; stops at anything else (a line break,
     * padding, garbage, the end of the read-ahead), which {@link #fill} then handles one by one.
     * The result is the same as through {@code fill}, several times faster on a long part.
     */
    private int decodeClean(byte[] b, int off, int room) {
      int written = 0;
      while (room - written >= 3 && aheadLen - aheadPos >= 4) {
        int s0 = SEXTETS[ahead[aheadPos] & 0xFF];
        int s1 = SEXTETS[ahead[aheadPos + 1] & 0xFF];
        int s2 = SEXTETS[ahead[aheadPos + 2] & 0xFF];
        int s3 = SEXTETS[ahead[aheadPos + 3] & 0xFF];
        if ((s0 | s1 | s2 | s3) < 0) {
          break;
        }
        int quantum = s0 << 18 | s1 << 12 | s2 << 6 | s3;
        b[off + written] = (byte) (quantum >> 16);
        b[off + written + 1] = (byte) (quantum >> 8);
        b[off + written + 2] = (byte) quantum;
        written += 3;
        aheadPos += 4;
      }
      return written;
    }

    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      int acc = 0;
      int count = 0;
      while (count < 4) {
        int c = next();
        if (c < 0 || c == '=') {
          if (c < 0) {
            eof = true;
          }
          if (count >= 2) {
            break;
          }
          if (c < 0) {
            return false;
          }
          count = 0;
          acc = 0;
          continue;
        }
        int v = sextet(c);
        if (v >= 0) {
          acc = acc << 6 | v;
          count++;
        }
      }
      outPos = 0;
      if (count == 4) {
        out[0] = (byte) (acc >> 16);
        out[1] = (byte) (acc >> 8);
        out[2] = (byte) acc;
        outLen = 3;
      } else if (count == 3) {
        acc <<= 6;
        out[0] = (byte) (acc >> 16);
        out[1] = (byte) (acc >> 8);
        outLen = 2;
      } else {
        acc <<= 12;
        out[0] = (byte) (acc >> 16);
        outLen = 1;
      }
      return true;
    }

    private int next() throws IOException {
      if (aheadPos == aheadLen) {
        aheadLen = in.read(ahead, 0, ahead.length);
        aheadPos = 0;
        if (aheadLen <= 0) {
          aheadLen = 0;
          return -1;
        }
      }
      return ahead[aheadPos++] & 0xFF;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = 0;
      while (skipped < n && read() >= 0) {
        skipped++;
      }
      return skipped;
    }

    @Override
    public int available() {
      return outLen - outPos;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** Quoted-printable that keeps a stray "=" instead of failing on it. */
  static final class QuotedPrintableStream extends FilterInputStream {
    private final PushbackInputStream pin;

    QuotedPrintableStream(InputStream in) {
      this(new PushbackInputStream(in, 2));
    }

    private QuotedPrintableStream(PushbackInputStream pin) {
      super(pin);
      this.pin = pin;
    }

    @Override
    public int read() throws IOException {
      while (true) {
        int c = pin.read();
        if (c != '=') {
          return c;
        }
        int a = pin.read();
        if (a == '\n') {
          continue;
        }
        if (a == '\r') {
          int b = pin.read();
          if (b != '\n' && b >= 0) {
            pin.unread(b);
          }
          continue;
        }
        int b = a < 0 ? -1 : pin.read();
        int hi = Character.digit(a, 16);
        int lo = b < 0 ? -1 : Character.digit(b, 16);
        if (hi >= 0 && lo >= 0) {
          return hi << 4 | lo;
        }
        if (b >= 0) {
          pin.unread(b);
        }
        if (a >= 0) {
          pin.unread(a);
        }
        return '=';
      }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len) {
        int c = read();
        if (c < 0) {
          break;
        }
        buf[off + n++] = (byte) c;
      }
      return n == 0 ? -1 : n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = 0;
      while (skipped < n && read() >= 0) {
        skipped++;
      }
      return skipped;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  static byte[] readCapped(InputStream in, int cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 64 * 1024));
    byte[] buf = new byte[8192];
    int n;
    while (out.size() < cap && (n = in.read(buf, 0, Math.min(buf.length, cap - out.size()))) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
