package dev.helpdesk.examples.cli;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The little JSON the {@code --json} outputs need, written by hand: the examples module should not
 * pull a JSON library into the shaded jar for a few flat objects.
 */
public final class Json {
  private Json() {}

  /** {@code value} as JSON: strings, numbers, booleans, null, maps, collections and Optionals. */
  public static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object v) {
    if (v instanceof Optional<?> o) {
      write(out, o.orElse(null));
    } else if (v == null) {
      out.append("null");
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof Collection<?> c) {
      out.append('[');
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(out, e);
      }
      out.append(']');
    } else {
      string(out, String.valueOf(v));
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
