package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3834 and vendor loop/auto-reply detection, so the desk never answers a robot and never starts
 * a mail loop with another auto-responder.
 */
final class LoopGuard {
  private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
  private static final Pattern SUPPRESS = Pattern.compile("(?i)\\b(all|oof|autoreply)\\b");
  private static final List<String> ROBOTS = List.of("mailer-daemon", "postmaster");

  private final String ourDomain;

  LoopGuard(String ourDomain) {
    checkNotNull(ourDomain, "ourDomain is null");
    String d = ourDomain.strip().toLowerCase(Locale.ROOT);
    checkArgument(
        !d.isEmpty() && !d.contains("@") && !d.contains(" "),
        "ourDomain must be a bare domain like desk.example.com, got '%s'",
        ourDomain);
    this.ourDomain = d;
  }

  /**
   * Why the message is automatic, e.g. "Auto-Submitted: auto-replied", or empty when a person wrote
   * it.
   */
  Optional<String> automatic(ParsedMail mail) {
    checkNotNull(mail, "mail is null");
    for (String v : mail.header("Auto-Submitted")) {
      // "auto-replied (vacation)" and "auto-generated; owner-email=..." carry extras after the
      // keyword
      String keyword = COMMENT.matcher(v).replaceAll("").split(";", 2)[0].strip();
      if (!keyword.equalsIgnoreCase("no") && !keyword.isEmpty()) {
        return Optional.of("Auto-Submitted: " + keyword.toLowerCase(Locale.ROOT));
      }
    }
    for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
      for (String v : mail.header(name)) {
        if (!v.isBlank() && !v.strip().equalsIgnoreCase("no")) {
          return Optional.of(name + ": " + v.strip());
        }
      }
    }
    // Outlook sends this on ordinary meeting mails too ("DR, RN, NRN"); only these mean a robot.
    for (String v : mail.header("X-Auto-Response-Suppress")) {
      if (SUPPRESS.matcher(v).find()) {
        return Optional.of("X-Auto-Response-Suppress: " + v.strip());
      }
    }
    for (String v : mail.header("Precedence")) {
      String p = v.strip().toLowerCase(Locale.ROOT);
      if (p.equals("bulk") || p.equals("junk") || p.equals("list")) {
        return Optional.of("Precedence: " + p);
      }
    }
    for (String name : List.of("List-Id", "List-Unsubscribe")) {
      if (!mail.header(name).isEmpty()) {
        return Optional.of(name + " present (mailing list)");
      }
    }
    if (!mail.header(MailHeaders.LOOP).isEmpty()) {
      return Optional.of(MailHeaders.LOOP + " present (our own mail)");
    }
    if (mail.bounce().isPresent()) {
      return Optional.of("delivery status notification (bounce)");
    }
    Optional<String> returnPath = mail.returnPath();
    if (returnPath.isPresent() && returnPath.get().isEmpty()) {
      return Optional.of("Return-Path: <> (null sender)");
    }
    for (Optional<String> address : List.of(mail.fromAddress(), returnPath)) {
      if (address.isPresent() && ROBOTS.contains(localPart(address.get()))) {
        return Optional.of("sent by " + address.get());
      }
    }
    Optional<String> id = mail.messageId();
    if (id.isPresent()) {
      String domain = id.get().substring(id.get().lastIndexOf('@') + 1).replace(">", "");
      if (domain.toLowerCase(Locale.ROOT).equals(ourDomain)) {
        return Optional.of("Message-ID " + id.get() + " is our own (" + ourDomain + ")");
      }
    }
    return Optional.empty();
  }

  private static String localPart(String address) {
    int at = address.lastIndexOf('@');
    return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
  }
}
