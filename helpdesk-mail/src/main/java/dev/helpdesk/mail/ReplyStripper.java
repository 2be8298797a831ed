package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts quoted history and signatures from a reply, so a ticket shows what the customer just wrote
 * and not the whole thread again: our REPLY_MARKER first, then "On ... wrote:" headers in many
 * languages, Outlook blocks, "-- " signatures, "Sent from my iPhone" lines and trailing "> "
 * quotes.
 */
final class ReplyStripper {
  static final Pattern ON_WROTE =
      Pattern.compile(
          "(?iu)^\\s*("
              + "on\\b.{1,300}\\bwrote:"
              + "|am\\b.{1,300}\\bschrieb.{0,100}:"
              + "|le\\b.{1,300}\\ba\\s+écrit\\s*:"
              + "|el\\b.{1,300}\\bescribió\\s*:"
              + "|il\\b.{1,300}\\bha\\s+scritto\\s*:"
              + "|op\\b.{1,300}\\b(schreef|geschreven).{0,60}:"
              + "|em\\b.{1,300}\\bescreveu\\s*:"
              + "|(w\\s+dniu|dnia)\\b.{1,300}\\bnapisał(a|\\(a\\))?\\s*:"
              + "|den\\b.{1,300}\\bskrev.{0,60}:"
              + "|.{1,300}\\b(пишет|написал|написала|написал\\(а\\))\\s*:"
              + "|.{1,300}(書きました|のメッセージ|のメール|写道|寫道)\\s*[:：]?"
              + "|.{0,300}<[^<>\\s]+@[^<>\\s]+>\\s*[:：]"
              + ")\\s*$");
  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "(?iu)^\\s*-{3,}\\s*(original message|ursprüngliche nachricht|message d'origine"
              + "|mensaje original|messaggio originale|oorspronkelijk bericht|mensagem original"
              + "|исходное сообщение|wiadomość oryginalna|ursprungligt meddelande"
              + "|forwarded message|weitergeleitete nachricht|message transféré)\\s*-{3,}\\s*$");
  private static final Pattern OUTLOOK_FROM =
      Pattern.compile(
          "(?iu)^\\s*\\*?(from|von|de|van|da|от|od|från|fra|差出人|发件人|寄件者)\\s?\\*?\\s?[:：]"
              + "\\*?\\s*\\S.*$");
  private static final Pattern OUTLOOK_NEXT =
      Pattern.compile(
          "(?iu)^\\s*\\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|inviato|data|verzonden"
              + "|отправлено|дата|wysłano|skickat|sendt|送信日時|发送时间|日期|to|an|à|para|a|aan)"
              + "\\s?\\*?\\s?[:：].*$");
  private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$|^__\\s?$");
  private static final Pattern SENT_FROM =
      Pattern.compile(
          "(?iu)^\\s*(sent from my .{1,40}|sent from (outlook|mail|yahoo mail).{0,40}"
              + "|get outlook for .{1,20}|von meinem .{1,40} gesendet|gesendet von .{1,40}"
              + "|envoyé de mon .{1,40}|enviado desde mi .{1,40}|enviado do meu .{1,40}"
              + "|inviato da(l mio)? .{1,40}|verzonden (met|vanaf) .{1,40}|verstuurd vanaf .{1,40}"
              + "|отправлено с .{1,40}|wysłane z .{1,40}|skickat från .{1,40}"
              + "|.{1,20}から送信|发自我的.{1,20}|從我的.{1,20}傳送)\\s*$");
  private static final Pattern HEADER_LIKE =
      Pattern.compile("@|\\d{1,2}[:.]\\d{2}|\\b(19|20)\\d{2}\\b|\\d{4}年");
  private static final Pattern RULE = Pattern.compile("^\\s*[_=\\-*]{8,}\\s*$");

  private ReplyStripper() {}

  static String newPart(String text) {
    checkNotNull(text, "text is null");
    List<String> lines =
        Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    int cut = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (startsHistory(lines, i)) {
        cut = i;
        break;
      }
    }
    int end = cut;
    // a trailing block of quoted lines is history even without a header above it
    while (end > 0) {
      String line = lines.get(end - 1).strip();
      if (line.isEmpty() || line.startsWith(">") || RULE.matcher(line).matches()) {
        end--;
      } else {
        break;
      }
    }
    return String.join("\n", lines.subList(0, end)).strip();
  }

  private static boolean startsHistory(List<String> lines, int i) {
    String line = lines.get(i);
    if (line.contains(MailHeaders.REPLY_MARKER)) {
      return true;
    }
    String strippedLine = line.strip();
    if (strippedLine.isEmpty() || strippedLine.startsWith(">")) {
      return false;
    }
    if (SIGNATURE.matcher(line).matches()
        || ORIGINAL_MESSAGE.matcher(line).matches()
        || line.length() <= 80 && SENT_FROM.matcher(line).matches()) {
      return true;
    }
    if (line.length() <= 400 && onWrote(line) && followedByHistory(line, lines, i + 1)) {
      return true;
    }
    // clients wrap a long "On ... wrote:" header over two lines
    if (i + 1 < lines.size() && line.length() <= 300) {
      String joined = line + " " + lines.get(i + 1).strip();
      if (onWrote(joined)
          && !onWrote(lines.get(i + 1))
          && followedByHistory(joined, lines, i + 2)) {
        return true;
      }
    }
    if (OUTLOOK_FROM.matcher(line).matches()) {
      int seen = 0;
      for (int k = i + 1; k < lines.size() && k <= i + 5; k++) {
        if (OUTLOOK_NEXT.matcher(lines.get(k)).matches()) {
          seen++;
        }
      }
      return seen >= 1;
    }
    return false;
  }

  /** Japanese and Chinese "wrote" headers, the only ones whose colon is optional. */
  private static final List<String> WROTE_WITHOUT_COLON =
      List.of("書きました", "のメッセージ", "のメール", "写道", "寫道");

  /**
   * {@link #ON_WROTE}, after a test every match passes: the line ends with a colon or names one of
   * {@link #WROTE_WITHOUT_COLON}. The pattern backtracks over each line; most lines fail the test.
   */
  static boolean onWrote(String line) {
    String end = line.stripTrailing();
    boolean possible =
        end.endsWith(":")
            || end.endsWith("：")
            || WROTE_WITHOUT_COLON.stream().anyMatch(line::contains);
    return possible && ON_WROTE.matcher(line).matches();
  }

  /**
   * A header line starts history when quoted text (or nothing) follows, or when it names an address
   * or a date, as real headers do; HTML quotes lose their "&gt;" on the way to text.
   */
  private static boolean followedByHistory(String header, List<String> lines, int from) {
    if (HEADER_LIKE.matcher(header).find()) {
      return true;
    }
    for (int k = from; k < lines.size(); k++) {
      String l = lines.get(k).strip();
      if (!l.isEmpty()) {
        return l.startsWith(">") || l.contains(MailHeaders.REPLY_MARKER);
      }
    }
    return true;
  }
}
