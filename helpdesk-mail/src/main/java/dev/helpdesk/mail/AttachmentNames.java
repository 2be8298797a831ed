package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and types of attachments made safe: a name is never a path, because names come from the
 * sender and end up in file systems and download headers.
 */
final class AttachmentNames {
  static final String FALLBACK = "attachment";
  static final int MAX = 200;

  // Format characters include the right-to-left override that disguises "gpj.exe" as "exe.jpg".
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
  private static final Pattern WINDOWS_FORBIDDEN = Pattern.compile("[<>:\"|?*]");
  private static final Pattern DOTS = Pattern.compile("\\.{2,}");
  private static final Pattern RESERVED =
      Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\\$|CONOUT\\$)");
  private static final Set<String> ACTIVE_EXTENSIONS =
      Set.of("svg", "svgz", "html", "htm", "xhtml", "xml", "js", "mjs", "hta");

  private AttachmentNames() {}

  static String safeName(String raw) {
    if (raw == null) {
      return FALLBACK;
    }
    String name = INVISIBLE.matcher(raw).replaceAll("");
    name = name.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    name = WINDOWS_FORBIDDEN.matcher(name).replaceAll("_");
    name = DOTS.matcher(name).replaceAll(".");
    name = name.strip();
    name = stripLeadingDots(name);
    // Windows silently drops trailing dots and spaces, so "a.exe." would become an executable.
    name = stripTrailing(name);
    if (name.isEmpty()) {
      return FALLBACK;
    }
    name = shorten(name);
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    if (RESERVED.matcher(stem.strip()).matches()) {
      name = "_" + name;
    }
    return name;
  }

  static boolean downloadOnly(String contentType, String safeName) {
    checkNotNull(safeName, "safeName is null (contentType %s)", contentType);
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.contains("svg")
        || type.contains("html")
        || type.contains("xml")
        || type.contains("javascript")
        || type.contains("ecmascript")
        || type.contains("script")) {
      return true;
    }
    int dot = safeName.lastIndexOf('.');
    return dot >= 0
        && ACTIVE_EXTENSIONS.contains(safeName.substring(dot + 1).strip().toLowerCase(Locale.ROOT));
  }

  private static String stripLeadingDots(String name) {
    int i = 0;
    while (i < name.length() && (name.charAt(i) == '.' || Character.isWhitespace(name.charAt(i)))) {
      i++;
    }
    return name.substring(i);
  }

  private static String stripTrailing(String name) {
    int end = name.length();
    while (end > 0
        && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
      end--;
    }
    return name.substring(0, end);
  }

  private static String shorten(String name) {
    if (name.length() <= MAX) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    int keep = MAX - ext.length();
    if (Character.isHighSurrogate(name.charAt(keep - 1))) {
      keep--;
    }
    return name.substring(0, keep) + ext;
  }
}
