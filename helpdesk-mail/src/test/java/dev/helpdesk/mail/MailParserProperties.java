package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged mail never breaks the intake: the corpus mutated by truncation, byte flips, duplicated,
 * folded and random headers and damaged boundaries either parses or is rejected as malformed.
 */
class MailParserProperties {
  private static final String[] NASTY_HEADERS = {
    "Content-Type: multipart/mixed; boundary=\"%s\"",
    "Content-Type: multipart/alternative",
    "Content-Type: text/plain; charset=%s",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=%s",
    "Content-Type: message/rfc822",
    "Content-Type: ;;;==\"",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: x-uuencode",
    "Content-Disposition: attachment; filename*0*=%s; filename*1*=''%%FF%%",
    "Subject: =?%s?B?%s?= =?utf-8?Q?=ZZ=?=",
    "From: \"unterminated <%s@",
    "From: =?utf-8?B?%s?= <@>",
    "To: ,,,;<>%s",
    "Return-Path: <%s",
    "Message-ID: <%s",
    "References: " + "<a@b> ".repeat(300),
    "In-Reply-To: %s",
    "Auto-Submitted: %s",
    "X-Garbage-\u00ff: %s",
  };

  private static List<byte[]> corpus;
  @TempDir static Path dir;

  @BeforeAll
  static void load() throws IOException {
    corpus = new ArrayList<>();
    for (Path p : Corpus.all()) {
      corpus.add(Files.readAllBytes(p));
    }
  }

  @Test
  void mutatedCorpus_parsesOrIsMalformed_andEveryAccessorAndStreamWorks() {
    MailParser parser = new MailParser();
    Path file = dir.resolve("mutant.eml");
    qt().withExamples(300)
        .forAll(integers().between(0, corpus.size() - 1), integers().between(1, 4), longs().all())
        .checkAssert(
            (index, mutations, seed) -> {
              Random random = new Random(seed);
              byte[] bytes = corpus.get(index);
              for (int i = 0; i < mutations; i++) {
                bytes = mutate(bytes, random);
              }
              write(file, bytes);
              ParsedMail mail;
              try {
                mail = parser.parse(file);
              } catch (MalformedMailException e) {
                assertThat(e.getMessage()).isNotBlank();
                return;
              }
              try (mail) {
                exercise(mail);
              }
            });
  }

  @Test
  void everyMutationKind_onEveryFixture() {
    // the random property may miss a kind on a fixture; this walks all pairs once
    MailParser parser = new MailParser();
    Path file = dir.resolve("each.eml");
    for (int f = 0; f < corpus.size(); f++) {
      for (int kind = 0; kind < KINDS; kind++) {
        byte[] bytes = mutate(corpus.get(f), new Random(f * 31L + kind), kind);
        write(file, bytes);
        try (ParsedMail mail = parser.parse(file)) {
          exercise(mail);
        } catch (MalformedMailException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
    }
  }

  private static void exercise(ParsedMail mail) {
    assertThat(mail.subject()).isNotBlank();
    assertThat(mail.text()).isNotNull();
    assertThat(mail.reply()).isNotNull();
    assertThat(mail.threadIds()).hasSizeLessThanOrEqualTo(100);
    mail.messageId().ifPresent(id -> assertThat(id).startsWith("<").endsWith(">"));
    mail.fromAddress();
    mail.fromName();
    mail.returnPath();
    mail.recipients();
    mail.safeHtml();
    mail.bounce();
    mail.header("Subject");
    new LoopGuard("desk.example.com").automatic(mail);
    for (MailAttachment a : mail.attachments()) {
      assertThat(a.filename()).doesNotContain("/", "\\").isNotIn("", ".", "..");
      try (InputStream in = a.content().open()) {
        in.transferTo(OutputStreamSink.INSTANCE);
      } catch (IOException e) {
        throw new UncheckedIOException("attachment " + a.filename() + " failed to stream", e);
      }
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final int KINDS = 8;

  static byte[] mutate(byte[] in, Random r) {
    return mutate(in, r, r.nextInt(KINDS));
  }

  static byte[] mutate(byte[] in, Random r, int kind) {
    if (in.length == 0) {
      return in;
    }
    List<int[]> lines = lines(in);
    int headerEnd = headerEnd(in);
    switch (kind) {
      case 0: // truncation at any byte
        return Arrays.copyOf(in, r.nextInt(in.length + 1));
      case 1: // byte flips
        {
          byte[] out = in.clone();
          for (int i = 0, n = 1 + r.nextInt(20); i < n; i++) {
            out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
          }
          return out;
        }
      case 2: // a duplicated header line
        {
          int[] line = lines.get(r.nextInt(Math.max(1, countBefore(lines, headerEnd))));
          return insert(in, line[0], Arrays.copyOfRange(in, line[0], line[1]));
        }
      case 3: // a header folded at a space
        {
          int at = indexOf(in, (byte) ' ', r.nextInt(Math.max(1, headerEnd)), headerEnd);
          return at < 0 ? in : insert(in, at, "\r\n\t".getBytes(StandardCharsets.US_ASCII));
        }
      case 4: // a deleted MIME boundary line
      case 5: // a damaged MIME boundary line
        {
          List<int[]> boundaries = new ArrayList<>();
          for (int[] l : lines) {
            if (l[1] - l[0] > 2 && in[l[0]] == '-' && in[l[0] + 1] == '-') {
              boundaries.add(l);
            }
          }
          if (boundaries.isEmpty()) {
            return Arrays.copyOf(in, in.length / 2);
          }
          int[] l = boundaries.get(r.nextInt(boundaries.size()));
          if (kind == 4) {
            return remove(in, l[0], l[1]);
          }
          byte[] out = in.clone();
          out[l[0] + 2 + r.nextInt(Math.max(1, l[1] - l[0] - 3))] =
              (byte) "x-\r\n\"=".charAt(r.nextInt(6));
          return out;
        }
      case 6: // a random, often contradictory header
        {
          String template = NASTY_HEADERS[r.nextInt(NASTY_HEADERS.length)];
          String header = template.replace("%s", junk(r)) + "\r\n";
          int at = lines.get(r.nextInt(Math.max(1, countBefore(lines, headerEnd))))[0];
          return insert(in, at, header.getBytes(StandardCharsets.ISO_8859_1));
        }
      default: // random bytes anywhere
        {
          byte[] junk = new byte[1 + r.nextInt(64)];
          r.nextBytes(junk);
          return insert(in, r.nextInt(in.length + 1), junk);
        }
    }
  }

  private static String junk(Random r) {
    String alphabet = "abc=?_-\"'<>@;:()\\/%*\t \u00e9\u00ff0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = r.nextInt(30); i < n; i++) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static List<int[]> lines(byte[] in) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\n') {
        lines.add(new int[] {start, i + 1});
        start = i + 1;
      }
    }
    if (start < in.length) {
      lines.add(new int[] {start, in.length});
    }
    return lines;
  }

  private static int headerEnd(byte[] in) {
    for (int i = 1; i < in.length; i++) {
      if (in[i] == '\n' && (in[i - 1] == '\n' || i > 1 && in[i - 1] == '\r' && in[i - 2] == '\n')) {
        return i;
      }
    }
    return in.length;
  }

  private static int countBefore(List<int[]> lines, int end) {
    int n = 0;
    for (int[] l : lines) {
      if (l[1] <= end) {
        n++;
      }
    }
    return n;
  }

  private static int indexOf(byte[] in, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] insert(byte[] in, int at, byte[] what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + what.length);
    out.write(in, 0, at);
    out.write(what, 0, what.length);
    out.write(in, at, in.length - at);
    return out.toByteArray();
  }

  private static byte[] remove(byte[] in, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    out.write(in, 0, from);
    out.write(in, to, in.length - to);
    return out.toByteArray();
  }

  /** Discards what it is given; reading a stream fully is the point. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
