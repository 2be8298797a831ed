package dev.helpdesk.mail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw test messages, written out as an MTA would hand them over. */
final class Mails {
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String body = "Hello,\r\n\r\nmy site shows a 500 error since this morning.\r\n";

  private Mails() {}

  static Mails from(String from) {
    Mails m = new Mails();
    m.headers.put("From", from);
    m.headers.put("To", "support@desk.example");
    m.headers.put("Subject", "Site down");
    m.headers.put("Date", "Mon, 23 Nov 2026 09:00:00 +0000");
    m.headers.put(
        "Message-ID", "<" + Math.abs(from.hashCode()) + "." + System.nanoTime() + "@mail.example>");
    m.headers.put("MIME-Version", "1.0");
    m.headers.put("Content-Type", "text/plain; charset=utf-8");
    return m;
  }

  Mails header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Mails without(String name) {
    headers.remove(name);
    return this;
  }

  Mails to(String to) {
    return header("To", to);
  }

  Mails subject(String subject) {
    return header("Subject", subject);
  }

  Mails messageId(String id) {
    return header("Message-ID", id);
  }

  Mails inReplyTo(String id) {
    return header("In-Reply-To", id).header("References", id);
  }

  Mails body(String text) {
    this.body = text.replace("\r\n", "\n").replace("\n", "\r\n");
    return this;
  }

  String messageId() {
    return headers.get("Message-ID");
  }

  byte[] bytes() {
    StringBuilder sb = new StringBuilder();
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("\r\n").append(body);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  InputStream stream() {
    return new ByteArrayInputStream(bytes());
  }
}
