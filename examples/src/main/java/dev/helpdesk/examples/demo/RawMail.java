package dev.helpdesk.examples.demo;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One message as a customer's mail program writes it: RFC 822 bytes, non-ASCII subjects as RFC 2047
 * encoded words and the body in the charset the program chose, so the desk meets mail as it really
 * arrives rather than as Java strings.
 */
final class RawMail {
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** How the body travels: unencoded 8-bit, quoted-printable or base64. */
  enum Encoding {
    EIGHT_BIT("8bit"),
    QUOTED_PRINTABLE("quoted-printable"),
    BASE64("base64");

    final String header;

    Encoding(String header) {
      this.header = header;
    }
  }

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Map<String, String> headers = new LinkedHashMap<>();
  private final String fromAddress;
  private String subject = "(no subject)";
  private String body = "";
  private Charset charset = StandardCharsets.UTF_8;
  private Encoding encoding = Encoding.EIGHT_BIT;

  private RawMail(String fromName, String fromAddress, String to, Instant date, String messageId) {
    this.fromAddress = fromAddress;
    headers.put("From", encodeWord(fromName, StandardCharsets.UTF_8) + " <" + fromAddress + ">");
    headers.put("To", to);
    headers.put("Date", RFC_5322.format(date));
    headers.put("Message-ID", messageId);
  }

  /** A new message; the Message-ID is made on the sender's own domain, as their program would. */
  static RawMail from(String fromName, String fromAddress, String to, Instant date) {
    String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
    // Unique like a real program's, or the intake would drop a second mail as a duplicate.
    String id =
        Long.toHexString(date.toEpochMilli())
            + "."
            + Integer.toHexString(fromAddress.hashCode())
            + "."
            + SEQUENCE.incrementAndGet();
    return new RawMail(fromName, fromAddress, to, date, "<" + id + "@" + domain + ">");
  }

  RawMail subject(String value) {
    this.subject = value;
    return this;
  }

  RawMail body(String value, Charset bodyCharset, Encoding bodyEncoding) {
    this.body = value;
    this.charset = bodyCharset;
    this.encoding = bodyEncoding;
    return this;
  }

  RawMail body(String value) {
    return body(value, StandardCharsets.UTF_8, Encoding.EIGHT_BIT);
  }

  /** Marks the message as an answer to {@code messageId}, as "Reply" in a mail program does. */
  RawMail inReplyTo(String messageId) {
    headers.put("In-Reply-To", messageId);
    headers.put("References", messageId);
    return this;
  }

  String fromAddress() {
    return fromAddress;
  }

  String messageId() {
    return headers.get("Message-ID");
  }

  String subject() {
    return subject;
  }

  String text() {
    return body;
  }

  /** The bytes on the wire. */
  byte[] bytes() {
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Subject: ").append(encodeWord(subject, charset)).append("\r\n");
      head.append("MIME-Version: 1.0\r\n");
      head.append("Content-Type: text/plain; charset=").append(charset.name()).append("\r\n");
      head.append("Content-Transfer-Encoding: ").append(encoding.header).append("\r\n\r\n");
      raw.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      byte[] text = body.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
      if (encoding == Encoding.EIGHT_BIT) {
        raw.write(text);
      } else {
        try (OutputStream encoder = MimeUtility.encode(raw, encoding.header)) {
          encoder.write(text);
        }
      }
      raw.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      return raw.toByteArray();
    } catch (IOException | jakarta.mail.MessagingException e) {
      throw new UncheckedIOException(new IOException("cannot write the message", e));
    }
  }

  private static String encodeWord(String text, Charset charset) {
    if (StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      return text;
    }
    try {
      return MimeUtility.fold(9, MimeUtility.encodeText(text, charset.name(), "B"));
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalArgumentException("unknown charset " + charset, e);
    }
  }
}
