package dev.helpdesk.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header values turned into text: raw 8-bit bytes recovered, RFC 2047 words decoded leniently and
 * addresses parsed without throwing, because real senders break every one of those rules.
 */
final class HeaderText {
  static final int MAX_ID = 998;

  private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])|\\r?\\n$");
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?\\s]{1,60})\\?([BbQq])\\?([^?]*)\\?=");
  private static final Pattern ID = Pattern.compile("<[^<>\\s]{1,996}>");
  private static final Pattern BARE_ADDRESS =
      Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");

  private HeaderText() {}

  static String unfold(String raw) {
    return FOLD.matcher(raw).replaceAll("");
  }

  /**
   * Angus reads header bytes as ISO-8859-1 (without mail.mime.allowutf8), so raw UTF-8 or other
   * 8-bit headers arrive as one char per byte; this decodes those bytes properly.
   */
  static String recover8bit(String value) {
    return recover8bit(value, Optional.empty());
  }

  /**
   * As {@link #recover8bit(String)}; mailers that send raw 8-bit headers mostly use their body's
   * charset, and a short header is too little text for detection, so the body's charset is the
   * hint.
   */
  static String recover8bit(String value, Optional<String> hint) {
    boolean high = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        return value;
      }
      high |= c >= 0x80;
    }
    return high ? MailText.decodeHeader(value.getBytes(StandardCharsets.ISO_8859_1), hint) : value;
  }

  /** RFC 2047, also inside words and with multi-byte characters split across adjacent words. */
  static String decodeWords(String value) {
    if (!value.contains("=?")) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    Matcher m = ENCODED_WORD.matcher(value);
    int last = 0;
    String pendingCharset = null;
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (m.find()) {
      String between = value.substring(last, m.start());
      if (pendingCharset == null || !between.isBlank()) {
        flush(out, pending, pendingCharset);
        pendingCharset = null;
        out.append(between);
      }
      String charset = m.group(1);
      byte[] bytes =
          m.group(2).equalsIgnoreCase("B")
              ? LenientDecoding.base64(m.group(3))
              : LenientDecoding.qEncoding(m.group(3));
      if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
        flush(out, pending, pendingCharset);
      }
      pendingCharset = charset;
      pending.write(bytes, 0, bytes.length);
      last = m.end();
    }
    flush(out, pending, pendingCharset);
    out.append(value.substring(last));
    return out.toString();
  }

  private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
    if (pending.size() > 0) {
      out.append(MailText.decode(pending.toByteArray(), Optional.ofNullable(charset)));
      pending.reset();
    }
  }

  /** Raw header value to display text: unfolded, 8-bit recovered, encoded words decoded. */
  static String text(String raw) {
    return text(raw, Optional.empty());
  }

  static String text(String raw, Optional<String> hint) {
    return decodeWords(recover8bit(unfold(raw), hint));
  }

  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .map(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c)
        .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
        .forEach(out::appendCodePoint);
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  static List<String> ids(String raw) {
    List<String> ids = new ArrayList<>();
    Matcher m = ID.matcher(unfold(raw));
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  static Optional<String> messageId(String raw) {
    String v = unfold(raw).strip();
    if (v.isEmpty() || v.length() > MAX_ID) {
      return Optional.empty();
    }
    Matcher m = ID.matcher(v);
    if (m.find()) {
      return Optional.of(m.group());
    }
    // Some mailers omit the brackets; the id is still usable for threading.
    return v.matches("[^<>\\s]+") && v.length() <= MAX_ID - 2
        ? Optional.of("<" + v + ">")
        : Optional.empty();
  }

  /** Parsed addresses of a raw header value; never throws, skips what cannot be parsed. */
  static List<InternetAddress> addresses(String raw) {
    return addresses(raw, Optional.empty());
  }

  static List<InternetAddress> addresses(String raw, Optional<String> hint) {
    String value = recover8bit(unfold(raw), hint);
    List<InternetAddress> result = new ArrayList<>();
    try {
      for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
        if (a.getAddress() != null && a.getAddress().contains("@")) {
          result.add(a);
        }
      }
      if (!result.isEmpty()) {
        return result;
      }
    } catch (AddressException | RuntimeException e) {
      // fall through to the bare scan below
    }
    Matcher m = BARE_ADDRESS.matcher(value);
    while (m.find()) {
      InternetAddress a = new InternetAddress();
      a.setAddress(m.group());
      result.add(a);
    }
    return result;
  }

  static String address(InternetAddress a) {
    String s = a.getAddress().strip();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  static String personal(InternetAddress a) {
    String p = a.getPersonal();
    if (p == null) {
      return "";
    }
    return clean(decodeWords(recover8bit(p)));
  }
}
