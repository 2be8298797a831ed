package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Charset fallbacks, HTML to text and sanitizing, on bytes encoded by the JDK. */
class MailTextTest {
  private static final String RU =
      "Здравствуйте! Не могу войти в личный кабинет уже второй день. Пароль сбросил, но письмо"
          + " с подтверждением так и не пришло.";

  private static byte[] enc(String s, String charset) {
    return s.getBytes(Charset.forName(charset));
  }

  @Test
  void declaredCharsetWins_whenItDecodesStrictly() {
    assertThat(MailText.decode(enc(RU, "KOI8-R"), Optional.of("koi8-r"))).isEqualTo(RU);
    assertThat(MailText.decode(enc("Grüße", "ISO-8859-1"), Optional.of("iso-8859-1")))
        .isEqualTo("Grüße");
  }

  @Test
  void wrongDeclaredUtf8_fallsBackToDetection() {
    assertThat(MailText.decode(enc(RU, "windows-1251"), Optional.of("utf-8"))).isEqualTo(RU);
  }

  @Test
  void noCharset_detectsCp1251_andShiftJis() {
    assertThat(MailText.decode(enc(RU, "windows-1251"), Optional.empty())).isEqualTo(RU);
    String ja = "お世話になっております。昨日からログインできません。パスワードを再設定しましたが、確認メールが届きません。";
    assertThat(MailText.decode(enc(ja, "Shift_JIS"), Optional.empty())).isEqualTo(ja);
    assertThat(MailText.decode(enc(ja, "ISO-2022-JP"), Optional.empty())).isEqualTo(ja);
  }

  @Test
  void unknownOrBogusCharset_isIgnored() {
    assertThat(MailText.decode(enc("Grüße", "UTF-8"), Optional.of("x-no-such-charset")))
        .isEqualTo("Grüße");
    assertThat(MailText.decode(enc("Grüße", "UTF-8"), Optional.of("\"utf-8\""))).isEqualTo("Grüße");
    assertThat(MailText.decode(enc("plain", "UTF-8"), Optional.of("utf-8*en"))).isEqualTo("plain");
  }

  @Test
  void outlookKoreanAndChineseLabels_mapToSupersets() {
    String ko = "안녕하세요. 똠방각하";
    assertThat(MailText.decode(enc(ko, "x-windows-949"), Optional.of("ks_c_5601-1987")))
        .isEqualTo(ko);
    String zh = "您好，镕";
    assertThat(MailText.decode(enc(zh, "GBK"), Optional.of("gb2312"))).isEqualTo(zh);
  }

  @Test
  void lastResortIsWindows1252_neverAnException() {
    byte[] bytes = {(byte) 0x93, 'h', 'i', (byte) 0x94, (byte) 0x81};
    String s = MailText.decode(bytes, Optional.of("us-ascii"));
    assertThat(s).contains("hi").hasSize(5);
    assertThat(MailText.decode(new byte[0], Optional.of("utf-8"))).isEmpty();
    assertThat(MailText.decode("\uFEFFBOM".getBytes(StandardCharsets.UTF_8), Optional.empty()))
        .isEqualTo("BOM");
  }

  @Test
  void htmlToText_keepsParagraphsLinesAndLists() {
    String html =
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Title</h1><p>One\n   two</p>"
            + "<div>Line<br>break</div><ul><li>a</li><li>b</li></ul><script>x()</script>"
            + "<p>See <a href=\"https://example.org/x\">docs</a>&nbsp;now</p><pre>  keep\n  this</pre></body></html>";
    assertThat(MailText.htmlToText(html))
        .isEqualTo(
            "Title\n\nOne two\n\nLine\nbreak\n\n- a\n- b\n\nSee docs <https://example.org/x> now\n\nkeep\nthis");
  }

  @Test
  void htmlToText_ofNothing_isEmpty() {
    assertThat(MailText.htmlToText("")).isEmpty();
    assertThat(MailText.htmlToText("<p> </p><br>")).isEmpty();
  }

  @Test
  void sanitize_dropsScriptHandlersAndJavascriptUrls() {
    String dirty =
        "<p onclick=\"x()\">Hi <b>there</b></p><script>steal()</script><img src=\"http://x/a.png\" onerror=\"alert(1)\">"
            + "<a href=\"javascript:alert(2)\">link</a><a href=\"https://example.org\">ok</a>"
            + "<iframe src=\"https://evil\"></iframe><table><tr><td>cell</td></tr></table>";
    String clean = MailText.sanitize(dirty);
    assertThat(clean)
        .doesNotContain("script", "steal", "onerror", "onclick", "javascript", "iframe", "alert")
        .contains(
            "<b>there</b>",
            "href=\"https://example.org\"",
            "<td>cell</td>",
            "<img src=\"http://x/a.png\">");
  }
}
