package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decoding text parts: charsets in the order declared, strict UTF-8, detection (juniversalchardet
 * UniversalDetector), windows-1252; HTML to text with jsoup keeping paragraphs; HTML sanitizing.
 * Senders mislabel charsets so often that a declared charset is only the first guess.
 */
final class MailText {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  // Labels that mail clients use for a charset whose real content is a Java superset.
  private static final Map<String, String> SUPERSETS =
      Map.ofEntries(
          Map.entry("iso-8859-1", "windows-1252"),
          Map.entry("latin1", "windows-1252"),
          Map.entry("ks_c_5601-1987", "x-windows-949"),
          Map.entry("ks_c_5601", "x-windows-949"),
          Map.entry("euc-kr", "x-windows-949"),
          Map.entry("gb2312", "GB18030"),
          Map.entry("gbk", "GB18030"),
          Map.entry("x-gbk", "GB18030"),
          Map.entry("cn-gb", "GB18030"),
          Map.entry("shift_jis", "windows-31j"),
          Map.entry("x-sjis", "windows-31j"),
          Map.entry("sjis", "windows-31j"),
          Map.entry("tis-620", "x-windows-874"),
          Map.entry("iso-8859-11", "x-windows-874"),
          Map.entry("utf8", "UTF-8"),
          Map.entry("unicode-1-1-utf-8", "UTF-8"),
          Map.entry("cp-850", "IBM850"));

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "br",
          "li",
          "tr",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "pre",
          "table",
          "ul",
          "ol",
          "hr",
          "dl",
          "dt",
          "dd",
          "section",
          "article",
          "header",
          "footer",
          "address",
          "center",
          "form",
          "fieldset");
  private static final Set<String> PARAGRAPHS =
      Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
  private static final Pattern MANY_NEWLINES = Pattern.compile("\\n{3,}");

  private MailText() {}

  static String decode(byte[] bytes, Optional<String> declaredCharset) {
    checkNotNull(bytes, "bytes is null (declared charset %s)", declaredCharset);
    checkNotNull(declaredCharset, "declaredCharset is null for %s bytes", bytes.length);
    if (bytes.length == 0) {
      return "";
    }
    Optional<Charset> declared = declaredCharset.flatMap(MailText::charset);
    if (declared.isPresent()) {
      Optional<String> text = strict(bytes, declared.get());
      if (text.isPresent()) {
        return text.get();
      }
    }
    // ISO-2022-JP is 7-bit, so strict UTF-8 would accept it and show the escape sequences.
    if (hasIso2022JpEscapes(bytes)) {
      Optional<String> text = strict(bytes, Charset.forName("ISO-2022-JP"));
      if (text.isPresent()) {
        return text.get();
      }
    }
    Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
    if (utf8.isPresent()) {
      return stripBom(utf8.get());
    }
    Optional<Charset> detected = detect(bytes);
    if (detected.isPresent()) {
      Optional<String> text = strict(bytes, detected.get());
      if (text.isPresent()) {
        return text.get();
      }
    }
    return new String(bytes, WINDOWS_1252);
  }

  /** Header bytes: strict UTF-8 first (RFC 6532), then the hint, then as {@link #decode}. */
  static String decodeHeader(byte[] bytes, Optional<String> hint) {
    Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
    return utf8.isPresent() ? utf8.get() : decode(bytes, hint);
  }

  /** The Java charset for a MIME label, mapped to its superset; empty when Java has none. */
  static Optional<Charset> charset(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String name = label.strip();
    // RFC 2231 allows a language suffix, e.g. "utf-8*en".
    int star = name.indexOf('*');
    if (star >= 0) {
      name = name.substring(0, star);
    }
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1).strip();
    }
    if (name.isEmpty()) {
      return Optional.empty();
    }
    name = SUPERSETS.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<Charset> detect(byte[] bytes) {
    UniversalDetector detector = new UniversalDetector(null);
    detector.handleData(bytes, 0, Math.min(bytes.length, 256 * 1024));
    detector.dataEnd();
    return charset(detector.getDetectedCharset());
  }

  private static Optional<String> strict(byte[] bytes, Charset charset) {
    try {
      CharBuffer chars =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static boolean hasIso2022JpEscapes(byte[] b) {
    for (int i = 0; i + 2 < b.length; i++) {
      if (b[i] == 0x1B
          && ((b[i + 1] == '$' && (b[i + 2] == 'B' || b[i + 2] == '@'))
              || (b[i + 1] == '(' && b[i + 2] == 'J'))) {
        return true;
      }
    }
    return false;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  static String htmlToText(String html) {
    checkNotNull(html, "html is null");
    return documentToText(Jsoup.parse(html));
  }

  static String documentToText(Document doc) {
    doc.select("script, style, head, title, noscript, template").remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              out.append(inPre(node) ? text.getWholeText() : collapse(text.getWholeText()));
            } else if (node instanceof Element el) {
              String tag = el.normalName();
              if (tag.equals("br")) {
                out.append('\n');
              } else if (BLOCKS.contains(tag)) {
                breakLine(out, PARAGRAPHS.contains(tag) ? 2 : 1);
                if (tag.equals("li")) {
                  out.append("- ");
                }
              } else if (tag.equals("td") || tag.equals("th")) {
                out.append(' ');
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element el) {
              String tag = el.normalName();
              if (PARAGRAPHS.contains(tag)) {
                breakLine(out, 2);
              } else if (BLOCKS.contains(tag) && !tag.equals("br")) {
                breakLine(out, 1);
              } else if (tag.equals("a")) {
                String href = el.attr("href");
                if (href.startsWith("http") && !el.text().strip().equals(href.strip())) {
                  out.append(" <").append(href).append('>');
                }
              }
            }
          }
        },
        doc.body() == null ? doc : doc.body());
    return tidy(out.toString());
  }

  /** Ends the output with at least {@code lines} line breaks, so nested blocks don't add up. */
  private static void breakLine(StringBuilder out, int lines) {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    int have = 0;
    while (end - have > 0 && out.charAt(end - have - 1) == '\n') {
      have++;
    }
    if (end == 0) {
      return;
    }
    for (int i = have; i < lines; i++) {
      out.append('\n');
    }
  }

  private static boolean inPre(Node node) {
    for (Node n = node.parent(); n != null; n = n.parent()) {
      if (n instanceof Element el && el.normalName().equals("pre")) {
        return true;
      }
    }
    return false;
  }

  private static String collapse(String s) {
    return s.replaceAll("\\s+", " ");
  }

  private static String tidy(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
    }
    return MANY_NEWLINES.matcher(out).replaceAll("\n\n").strip();
  }

  static String sanitize(String html) {
    checkNotNull(html, "html is null");
    // relaxed keeps tables and images; it never allows script, on* handlers or javascript: URLs.
    Safelist safelist = Safelist.relaxed().addProtocols("img", "src", "cid");
    Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
    return Jsoup.clean(html, "", safelist, settings);
  }
}
