package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header-level rules of ParsedMail, on small messages written in each test. */
class ParsedMailTest {
  @TempDir Path dir;
  private int n;

  private ParsedMail parse(String raw) throws IOException, MalformedMailException {
    Path f = dir.resolve("m" + n++ + ".eml");
    Files.writeString(f, raw, StandardCharsets.UTF_8);
    return new MailParser().parse(f);
  }

  @Test
  void recipients_inEnvelopeThenHeaderOrder_lowerCased_deduplicated() throws Exception {
    try (ParsedMail m =
        parse(
            "Delivered-To: Support@Desk.example.com\nX-Original-To: help@desk.example.com\n"
                + "Envelope-To: desk@mx.example.com\nTo: \"Desk\" <SUPPORT@desk.example.com>, a@example.org\n"
                + "Cc: b@example.org, undisclosed-recipients:;\nFrom: c@example.org\nSubject: s\n\nx\n")) {
      assertThat(m.recipients())
          .containsExactly(
              "support@desk.example.com",
              "help@desk.example.com",
              "desk@mx.example.com",
              "a@example.org",
              "b@example.org");
    }
  }

  @Test
  void from_elseSender_neverReplyTo() throws Exception {
    try (ParsedMail m =
        parse("Sender: Bot <BOT@example.org>\nReply-To: r@example.org\nSubject: s\n\nx\n")) {
      assertThat(m.fromAddress()).contains("bot@example.org");
      assertThat(m.fromName()).isEqualTo("Bot");
    }
    try (ParsedMail m = parse("Reply-To: r@example.org\nSubject: s\n\nx\n")) {
      assertThat(m.fromAddress()).isEmpty();
    }
    try (ParsedMail m = parse("From: not an address at all\nSubject: s\n\nx\n")) {
      assertThat(m.fromAddress()).isEmpty();
      assertThat(m.fromName()).isEmpty();
    }
  }

  @Test
  void returnPath_forms() throws Exception {
    try (ParsedMail m = parse("Return-Path: <>\nSubject: s\n\nx\n")) {
      assertThat(m.returnPath()).contains("");
    }
    try (ParsedMail m = parse("Return-Path: <Bounce+X@Example.org>\nSubject: s\n\nx\n")) {
      assertThat(m.returnPath()).contains("bounce+x@example.org");
    }
    try (ParsedMail m = parse("Subject: s\n\nx\n")) {
      assertThat(m.returnPath()).isEmpty();
    }
  }

  @Test
  void messageId_trimmedWithBrackets_emptyWhenBlankOrTooLong() throws Exception {
    try (ParsedMail m = parse("Message-ID:   <abc@host>  \nSubject: s\n\nx\n")) {
      assertThat(m.messageId()).contains("<abc@host>");
    }
    try (ParsedMail m = parse("Message-ID:   \nSubject: s\n\nx\n")) {
      assertThat(m.messageId()).isEmpty();
    }
    try (ParsedMail m = parse("Message-ID: <" + "a".repeat(1000) + "@host>\nSubject: s\n\nx\n")) {
      assertThat(m.messageId()).isEmpty();
    }
  }

  @Test
  void threadIds_deduplicated_andAtMost100() throws Exception {
    StringBuilder refs = new StringBuilder("References:");
    for (int i = 0; i < 300; i++) {
      refs.append("\n <r").append(i).append("@host>");
    }
    try (ParsedMail m =
        parse("In-Reply-To: <r299@host> (comment)\n" + refs + "\n <r5@host>\nSubject: s\n\nx\n")) {
      assertThat(m.threadIds()).hasSize(100).doesNotHaveDuplicates();
      assertThat(m.threadIds()).startsWith("<r299@host>", "<r5@host>", "<r298@host>");
    }
  }

  @Test
  void subject_controlCharsRemoved_whitespaceCollapsed_cut_orNoSubject() throws Exception {
    try (ParsedMail m =
        parse("Subject: \tRe:\u0007  Hello\n   world =?utf-8?Q?=E2=80=8B?=ok\n\nx\n")) {
      assertThat(m.subject()).isEqualTo("Re: Hello world ok");
    }
    try (ParsedMail m = parse("Subject: " + "é".repeat(400) + "\n\nx\n")) {
      assertThat(m.subject()).hasSize(Limits.SUBJECT_MAX);
    }
    try (ParsedMail m = parse("Subject:   \nFrom: a@b.example\n\nx\n")) {
      assertThat(m.subject()).isEqualTo("(no subject)");
    }
    try (ParsedMail m = parse("From: a@b.example\n\nx\n")) {
      assertThat(m.subject()).isEqualTo("(no subject)");
    }
  }

  @Test
  void raw8bitSubjectInALegacyCharset_isDetected() throws Exception {
    Path f = dir.resolve("cp1251-subject.eml");
    String head =
        "From: =?utf-8?B?0JjQstCw0L0=?= <ivan@example.ru>\nSubject: Проблема с оплатой заказа\n";
    String body = "Content-Type: text/plain; charset=windows-1251\n\nНе проходит оплата картой.\n";
    Files.write(f, (head + body).getBytes(java.nio.charset.Charset.forName("windows-1251")));
    try (ParsedMail m = new MailParser().parse(f)) {
      assertThat(m.subject()).isEqualTo("Проблема с оплатой заказа");
      assertThat(m.fromName()).isEqualTo("Иван");
      assertThat(m.text()).isEqualTo("Не проходит оплата картой.");
    }
  }

  @Test
  void shortRaw8bitHeaders_useTheBodyCharsetAsHint() throws Exception {
    String[][] cases = {{"windows-1251", "Оплата", "Оля"}, {"windows-1252", "Grüße", "Jörg"}};
    for (String[] c : cases) {
      Path f = dir.resolve("hint-" + c[0] + ".eml");
      String raw =
          "From: "
              + c[2]
              + " <x@example.org>\nSubject: "
              + c[1]
              + "\n"
              + "Content-Type: text/plain; charset="
              + c[0]
              + "\n\nok\n";
      Files.write(f, raw.getBytes(java.nio.charset.Charset.forName(c[0])));
      try (ParsedMail m = new MailParser().parse(f)) {
        assertThat(m.subject()).as(c[0]).isEqualTo(c[1]);
        assertThat(m.fromName()).as(c[0]).isEqualTo(c[2]);
      }
    }
  }

  @Test
  void text_isCutToTheBodyLimit() throws Exception {
    try (ParsedMail m = parse("Subject: long\n\n" + "word ".repeat(40_000) + "\n")) {
      assertThat(m.text()).hasSize(Limits.BODY_MAX).startsWith("word word");
    }
  }

  @Test
  void htmlReply_dropsGmailQuoteContainers() throws Exception {
    String html =
        "<div dir=\"ltr\">Works now, thanks!</div><br><div class=\"gmail_quote\">"
            + "<div class=\"gmail_attr\">On Mon, Dec 7, 2026 Support wrote:</div>"
            + "<blockquote class=\"gmail_quote\">Please restart it.</blockquote></div>";
    try (ParsedMail m = parse("Subject: Re\nContent-Type: text/html; charset=utf-8\n\n" + html)) {
      assertThat(m.reply()).isEqualTo("Works now, thanks!");
      assertThat(m.text()).contains("Please restart it.");
      assertThat(m.safeHtml())
          .get()
          .asString()
          .contains("Please restart it.")
          .doesNotContain("dir=", "class=");
    }
  }

  @Test
  void replyIsTheWholeText_whenStrippingLeavesNothing() throws Exception {
    try (ParsedMail m = parse("Subject: Fwd\n\n> only a quote\n> nothing else\n")) {
      assertThat(m.reply()).isEqualTo(m.text()).isEqualTo("> only a quote\n> nothing else");
    }
  }

  @Test
  void plainTextOnly_hasNoSafeHtml() throws Exception {
    try (ParsedMail m = parse("Subject: plain\n\n<b>not html</b>\n")) {
      assertThat(m.safeHtml()).isEmpty();
      assertThat(m.text()).isEqualTo("<b>not html</b>");
    }
  }

  @Test
  void attachmentsAfterClose_cannotBeOpened() throws Exception {
    ParsedMail m = new MailParser().parse(Corpus.file("hostile-attachments.eml"));
    MailAttachment a = m.attachments().get(0);
    m.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.content().open().read())
        .isInstanceOf(IOException.class);
  }
}
