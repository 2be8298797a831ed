package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real parsing of the committed fixture messages, one shape of real-world mail per test. */
class CorpusTest {
  private final MailParser parser = new MailParser();

  private ParsedMail parse(String name) throws MalformedMailException {
    return parser.parse(Corpus.file(name));
  }

  private static MailAttachment named(ParsedMail m, String filename) {
    return m.attachments().stream()
        .filter(a -> a.filename().equals(filename))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no attachment " + filename + " in " + m.attachments()));
  }

  @Test
  void everyFixtureParses_andEveryPartCanBeRead() throws Exception {
    // Every committed fixture is a message a real desk must accept, so none may be rejected;
    // the rejected shapes (empty file, huge header block) are built in the tests below.
    List<Path> all = Corpus.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    for (Path p : all) {
      try (ParsedMail m = parser.parse(p)) {
        assertThat(m.subject())
            .as(p.toString())
            .isNotBlank()
            .hasSizeLessThanOrEqualTo(Limits.SUBJECT_MAX);
        assertThat(m.text()).as(p.toString()).isNotNull().hasSizeLessThanOrEqualTo(Limits.BODY_MAX);
        assertThat(m.reply()).as(p.toString()).isNotNull();
        assertThat(m.size()).isEqualTo(Files.size(p));
        for (MailAttachment a : m.attachments()) {
          assertThat(a.filename())
              .as(p.toString())
              .doesNotContain("/", "\\")
              .isNotIn(".", "..", "");
          Corpus.read(a);
        }
      }
    }
  }

  @Test
  void lfAndCrlfLineEnds_giveTheSameResult(@TempDir Path dir) throws Exception {
    for (Path p : Corpus.all()) {
      byte[] raw = Files.readAllBytes(p);
      String latin1 = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
      Path lf = Files.write(dir.resolve("lf.eml"), latin1.getBytes(StandardCharsets.ISO_8859_1));
      Path crlf =
          Files.write(
              dir.resolve("crlf.eml"),
              latin1.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      try (ParsedMail a = parser.parse(lf);
          ParsedMail b = parser.parse(crlf)) {
        String name = p.getFileName().toString();
        assertThat(b.subject()).as(name).isEqualTo(a.subject());
        assertThat(b.text()).as(name).isEqualTo(a.text());
        assertThat(b.reply()).as(name).isEqualTo(a.reply());
        assertThat(b.threadIds()).as(name).isEqualTo(a.threadIds());
        assertThat(b.fromAddress()).as(name).isEqualTo(a.fromAddress());
        assertThat(b.bounce()).as(name).isEqualTo(a.bounce());
        assertThat(b.attachments())
            .extracting(MailAttachment::filename)
            .as(name)
            .isEqualTo(a.attachments().stream().map(MailAttachment::filename).toList());
      }
    }
  }

  @Test
  void nestedMultipart_prefersPlainText_andKeepsInlineImageAndPdf() throws Exception {
    try (ParsedMail m = parse("nested-multipart.eml")) {
      assertThat(m.subject()).isEqualTo("Invoice question");
      assertThat(m.text())
          .isEqualTo(
              "Hello, the invoice total looks wrong – see the attached PDF.\nRegards, Customer");
      assertThat(m.safeHtml()).get().asString().contains("<p>Hello").doesNotContain("<html");
      assertThat(m.attachments())
          .extracting(MailAttachment::filename)
          .containsExactly("logo.png", "invoice-2026-12.pdf");
      assertThat(m.attachments())
          .extracting(MailAttachment::contentType)
          .containsExactly("image/png", "application/pdf");
      assertThat(
              new String(Corpus.read(named(m, "invoice-2026-12.pdf")), StandardCharsets.US_ASCII))
          .startsWith("%PDF-1.4");
      assertThat(Corpus.read(named(m, "logo.png"))).startsWith(0x89, 'P', 'N', 'G');
      assertThat(m.recipients()).containsExactly("support@desk.example.com");
      assertThat(m.returnPath()).contains("customer@example.org");
    }
  }

  @Test
  void raw8bitHeaders_areReadAsUtf8() throws Exception {
    try (ParsedMail m = parse("utf8-raw-headers.eml")) {
      assertThat(m.subject()).isEqualTo("Привет, проблема с заказом №123 – dringend");
      assertThat(m.fromName()).isEqualTo("Jürgen Müller");
      assertThat(m.fromAddress()).contains("juergen.mueller@example.de");
      assertThat(m.recipients()).containsExactly("support@desk.example.com", "olga@example.ru");
      assertThat(m.text()).isEqualTo("Grüße aus München. Заказ №123 не пришёл.");
      assertThat(m.messageId()).contains("<raw8bit-1@example.de>");
    }
  }

  @Test
  void charsets_decodeToTheRightScript() throws Exception {
    String ru = "Здравствуйте! Не могу войти в личный кабинет";
    for (String f : List.of("wrong-charset-cp1251.eml", "no-charset-cp1251.eml", "koi8r.eml")) {
      try (ParsedMail m = parse(f)) {
        assertThat(m.text()).as(f).startsWith(ru).contains("очень срочно");
      }
    }
    try (ParsedMail m = parse("koi8r.eml")) {
      assertThat(m.subject()).isEqualTo("Вход в кабинет");
    }
    for (String f : List.of("shift-jis.eml", "iso-2022-jp.eml")) {
      try (ParsedMail m = parse(f)) {
        assertThat(m.text()).as(f).startsWith("お世話になっております。昨日からログインできません。");
        assertThat(m.subject()).as(f).isEqualTo("ログインできません");
      }
    }
    try (ParsedMail m = parse("gb2312.eml")) {
      assertThat(m.text()).startsWith("您好，我从昨天开始无法登录账户。");
      assertThat(m.subject()).isEqualTo("无法登录");
    }
    try (ParsedMail m = parse("euc-kr.eml")) {
      assertThat(m.text()).startsWith("안녕하세요. 어제부터 로그인이 되지 않습니다.");
      assertThat(m.subject()).isEqualTo("로그인 문제");
    }
  }

  @Test
  void rfc2047_splitWordsAndMixedCharsets() throws Exception {
    try (ParsedMail m = parse("rfc2047-subject.eml")) {
      assertThat(m.subject())
          .isEqualTo("Ärger mit der Rechnung – Zahlung fehlgeschlagen und Münzen");
      assertThat(m.fromName()).isEqualTo("Jürgen Müller");
      assertThat(m.fromAddress()).contains("j.mueller@example.de");
    }
  }

  @Test
  void rfc2231_filenames_extendedAndContinued() throws Exception {
    try (ParsedMail m = parse("rfc2231-filenames.eml")) {
      assertThat(m.attachments())
          .extracting(MailAttachment::filename)
          .containsExactly(
              "Отчёт за декабрь.pdf",
              "Überweisungsbestätigung Dezember 2026 (Kopie für die Buchhaltung).pdf");
      assertThat(m.text()).isEqualTo("Two documents attached.");
    }
  }

  @Test
  void replies_keepOnlyTheNewPart_inEveryLanguage() throws Exception {
    assertReply("reply-gmail-en.eml", "Thanks, the printer works again after the restart.");
    assertReply(
        "reply-outlook-de.eml",
        "Hallo,\n\nder Drucker geht wieder, danke!\n\nMit freundlichen Grüßen\nJürgen Müller");
    assertReply("reply-apple-fr.eml", "Merci, l’imprimante fonctionne de nouveau.");
    assertReply("reply-gmail-es.eml", "Gracias, la impresora ya funciona.");
    assertReply("reply-gmail-ru.eml", "Спасибо, принтер снова работает.");
    assertReply("reply-gmail-ja.eml", "ありがとうございます。プリンターは直りました。");
  }

  private void assertReply(String fixture, String expected) throws Exception {
    try (ParsedMail m = parse(fixture)) {
      assertThat(m.reply()).as(fixture).isEqualTo(expected);
      assertThat(m.text())
          .as(fixture)
          .startsWith(expected)
          .hasSizeGreaterThan(expected.length() + 10);
    }
  }

  @Test
  void threadIds_inReplyToFirst_thenReferencesNewestFirst() throws Exception {
    try (ParsedMail m = parse("reply-gmail-en.eml")) {
      assertThat(m.threadIds())
          .containsExactly(
              "<t42.m7.x1@desk.example.com>",
              "<t42.m5.b@desk.example.com>",
              "<t42.m1.a@desk.example.com>");
      assertThat(m.subject()).isEqualTo("Re: [HD-7K3M9P2Q] Printer offline");
    }
  }

  @Test
  void winmailDat_andCalendarInvite_areAttachments() throws Exception {
    try (ParsedMail m = parse("winmail-dat.eml")) {
      assertThat(m.attachments())
          .extracting(MailAttachment::filename)
          .containsExactly("winmail.dat");
      assertThat(m.attachments().get(0).contentType()).isEqualTo("application/ms-tnef");
      assertThat(Corpus.read(m.attachments().get(0))).startsWith(0x78, 0x9f, 0x3e, 0x22);
      assertThat(m.text()).isEqualTo("Please see attached.");
    }
    try (ParsedMail m = parse("calendar-invite.eml")) {
      assertThat(m.attachments())
          .extracting(MailAttachment::filename)
          .containsExactly("invite.ics");
      assertThat(new String(Corpus.read(m.attachments().get(0)), StandardCharsets.UTF_8))
          .contains("METHOD:REQUEST", "SUMMARY:Printer review");
      assertThat(m.text()).contains("Tuesday, 8 December 2026");
    }
  }

  @Test
  void forwardedMessages_areEmlAttachmentsNamedAfterTheirSubject() throws Exception {
    try (ParsedMail m = parse("forwarded-rfc822.eml")) {
      assertThat(m.attachments())
          .extracting(MailAttachment::filename)
          .containsExactly("Beschwerde über_den Drucker.eml", "earlier.eml");
      assertThat(m.attachments())
          .extracting(MailAttachment::contentType)
          .containsOnly("message/rfc822");
      assertThat(new String(Corpus.read(m.attachments().get(0)), StandardCharsets.UTF_8))
          .startsWith("From: Angry <angry@example.net>")
          .contains("The printer is broken.");
      assertThat(m.text()).isEqualTo("See the forwarded mail below.");
    }
  }

  @Test
  void dsn_givesFailedRecipientStatusAndOurOriginalIds() throws Exception {
    try (ParsedMail m = parse("dsn-bounce.eml")) {
      assertThat(m.bounce()).isPresent();
      Bounce b = m.bounce().get();
      assertThat(b.failedRecipients()).containsExactly("gone@example.org");
      assertThat(b.status()).isEqualTo("5.1.1");
      assertThat(b.diagnostic())
          .isEqualTo("550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");
      assertThat(b.originalThreadIds())
          .containsExactly(
              "<t42.m7.x1@desk.example.com>",
              "<t42.m5.b@desk.example.com>",
              "<t42.m1.a@desk.example.com>");
      assertThat(m.returnPath()).contains("");
      assertThat(m.text()).contains("could not\nbe delivered");
    }
    try (ParsedMail m = parse("reply-gmail-en.eml")) {
      assertThat(m.bounce()).isEmpty();
    }
  }

  @Test
  void missingIdsAndSenders_areEmpty() throws Exception {
    try (ParsedMail m = parse("no-message-id.eml")) {
      assertThat(m.messageId()).isEmpty();
      assertThat(m.fromAddress()).contains("customer@example.org");
      assertThat(m.fromName()).isEmpty();
      assertThat(m.returnPath()).isEmpty();
    }
    try (ParsedMail m = parse("no-from.eml")) {
      assertThat(m.fromAddress()).isEmpty();
      assertThat(m.fromName()).isEmpty();
      assertThat(m.messageId()).contains("<nofrom-1@example.org>");
      assertThat(m.text()).isEqualTo("A message without From.");
    }
  }

  @Test
  void hostileAttachmentNames_areMadeSafe_andActiveContentIsDownloadOnly() throws Exception {
    try (ParsedMail m = parse("hostile-attachments.eml")) {
      assertThat(m.attachments())
          .extracting(MailAttachment::filename)
          .containsExactly("passwd", "boot.ini", "chart.svg", "report.HTM");
      assertThat(m.attachments())
          .extracting(MailAttachment::downloadOnly)
          .containsExactly(false, false, true, true);
      assertThat(new String(Corpus.read(named(m, "passwd")), StandardCharsets.US_ASCII))
          .startsWith("root:x:0:0");
      assertThat(m.text()).isEqualTo("Logs attached.");
    }
  }

  @Test
  void htmlOnly_isConvertedWithParagraphs_andSanitized() throws Exception {
    try (ParsedMail m = parse("html-only-xss.eml")) {
      assertThat(m.text())
          .isEqualTo("First paragraph.\n\nSecond paragraph with a link.\n\nLast line");
      assertThat(m.safeHtml())
          .get()
          .asString()
          .contains("First paragraph.")
          .doesNotContain("script", "steal", "onerror", "javascript:", "alert");
    }
  }

  @Test
  void brokenBase64_givesBestEffortTextAndBytes() throws Exception {
    try (ParsedMail m = parse("broken-base64.eml")) {
      assertThat(m.text()).startsWith("Die Datei ist kaputt, bitte pr");
      assertThat(Corpus.read(named(m, "data.bin"))).startsWith(0, 1, 2, 3, 4, 5, 6, 7);
    }
  }

  @Test
  void missingEndBoundary_keepsTheParts() throws Exception {
    try (ParsedMail m = parse("missing-end-boundary.eml")) {
      assertThat(m.text()).isEqualTo("The end boundary never comes.");
      assertThat(m.attachments()).extracting(MailAttachment::filename).containsExactly("a.bin");
      assertThat(Corpus.read(m.attachments().get(0))).containsExactly(0, 1, 2, 3, 4, 5);
    }
  }

  @Test
  void emptyBody_isEmptyText() throws Exception {
    try (ParsedMail m = parse("empty-body.eml")) {
      assertThat(m.text()).isEmpty();
      assertThat(m.reply()).isEmpty();
      assertThat(m.attachments()).isEmpty();
      assertThat(m.subject()).isEqualTo("Empty");
      assertThat(m.safeHtml()).isEmpty();
    }
  }

  @Test
  void headerBlockOverTheLimit_isMalformed(@TempDir Path dir) throws IOException {
    // Rejected rather than parsed: Angus would hold the whole header block in memory.
    Path f = dir.resolve("huge-headers.eml");
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write("From: a@example.org\r\nSubject: huge\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] line = ("X-Filler: " + "x".repeat(990) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 2_200; i++) {
        out.write(line);
      }
      out.write("\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(Files.size(f)).isGreaterThan(2L * 1024 * 1024);
    assertThatThrownBy(() -> parser.parse(f))
        .isInstanceOf(MalformedMailException.class)
        .hasMessageContaining("header block larger than");
  }

  @Test
  void emptyOrMissingFile_isMalformed(@TempDir Path dir) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.eml"));
    assertThatThrownBy(() -> parser.parse(empty))
        .isInstanceOf(MalformedMailException.class)
        .hasMessage("empty file");
    assertThatThrownBy(() -> parser.parse(dir.resolve("missing.eml")))
        .isInstanceOf(MalformedMailException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void header_returnsUnfoldedRawValues() throws Exception {
    try (ParsedMail m = parse("dsn-bounce.eml")) {
      assertThat(m.header("Content-Type"))
          .containsExactly(
              "multipart/report; report-type=delivery-status; boundary=\"ABC123.1765099201/mx.example.org\"");
      assertThat(m.header("X-Not-There")).isEmpty();
    }
  }

  @Test
  void close_releasesTheFile() throws Exception {
    Path f = Corpus.file("nested-multipart.eml");
    ParsedMail m = parser.parse(f);
    Corpus.read(m.attachments().get(1));
    assertThat(openHandles(f)).isPositive();
    m.close();
    assertThat(openHandles(f)).isZero();
  }

  private static long openHandles(Path file) throws IOException {
    Path real = file.toRealPath();
    long n = 0;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          if (Files.readSymbolicLink(fd).equals(real)) {
            n++;
          }
        } catch (IOException e) {
          // the descriptor closed while listing
        }
      }
    }
    return n;
  }
}
