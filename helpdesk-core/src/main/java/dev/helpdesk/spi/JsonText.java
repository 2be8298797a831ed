package dev.helpdesk.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syntax half of {@link JsonCodec}: writes string literals and parses JSON text (RFC 8259) into
 * a plain tree of {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Number}, {@link
 * Boolean} and {@code null}, so binding to records never has to deal with characters.
 */
final class JsonText {

  /** A JSON number kept as its literal text, so a long is never squeezed through a double. */
  record Number(String text) {}

  // Deep enough for any domain record, shallow enough that hostile input cannot blow the stack.
  static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;

  private JsonText(String text) {
    this.text = text;
  }

  /** Parses one JSON value filling all of {@code text}; fails naming the position of the error. */
  static Object parse(String text) {
    JsonText parser = new JsonText(text);
    parser.skipWhitespace();
    Object value = parser.readValue(0);
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected content after the JSON value");
    }
    return value;
  }

  /**
   * Appends {@code s} as a JSON string literal; lone surrogates are escaped so it stays UTF-8 safe.
   */
  static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            appendUnicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            appendUnicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(char c, StringBuilder out) {
    String hex = Integer.toHexString(c);
    out.append("\\u");
    out.append("0000", hex.length(), 4);
    out.append(hex);
  }

  private Object readValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> readObject(depth);
      case '[' -> readArray(depth);
      case '"' -> readString();
      case 't' -> readLiteral("true", Boolean.TRUE);
      case 'f' -> readLiteral("false", Boolean.FALSE);
      case 'n' -> readLiteral("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("unexpected character " + describe(c) + ", expected a value");
      }
    };
  }

  private Map<String, Object> readObject(int depth) {
    pos++;
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name in double quotes");
      }
      int namePos = pos;
      String name = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = readValue(depth + 1);
      if (members.containsKey(name)) {
        pos = namePos;
        throw error("duplicate member '" + name + "'");
      }
      members.put(name, value);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return members;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private List<Object> readArray(int depth) {
    pos++;
    List<Object> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return elements;
    }
    while (true) {
      skipWhitespace();
      elements.add(readValue(depth + 1));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return elements;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array");
      }
    }
  }

  private String readString() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character " + describe(c) + " in a string");
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      pos++;
      char e = peek();
      pos++;
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> sb.append(readHex4());
        default -> {
          pos--;
          throw error("invalid escape " + describe(e));
        }
      }
    }
  }

  private char readHex4() {
    if (pos + 4 > text.length()) {
      throw error("incomplete \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos), 16);
      if (digit < 0) {
        throw error("invalid hex digit " + describe(text.charAt(pos)) + " in a \\u escape");
      }
      value = value * 16 + digit;
      pos++;
    }
    return (char) value;
  }

  private Number readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point");
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      skipDigits();
    }
    return new Number(text.substring(start, pos));
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, pos)) {
      throw error("invalid literal, expected '" + literal + "'");
    }
    pos += literal.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** The current character, or NUL at the end (NUL never appears unescaped where it is valid). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private IllegalArgumentException error(String message) {
    String where =
        pos >= text.length() ? "at the end (position " + pos + ")" : "at position " + pos;
    return new IllegalArgumentException("Malformed JSON " + where + ": " + message);
  }
}
