package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sender-chosen names never become paths, reserved device names or active content. */
class AttachmentNamesTest {
  @Test
  void pathsAreCutToTheLastSegment() {
    assertThat(AttachmentNames.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(AttachmentNames.safeName("..\\..\\boot.ini")).isEqualTo("boot.ini");
    assertThat(AttachmentNames.safeName("C:\\Users\\me\\report.pdf")).isEqualTo("report.pdf");
    assertThat(AttachmentNames.safeName("/abs/dir/")).isEqualTo("attachment");
  }

  @Test
  void nothingLeft_isAttachment_neverDotOrDotDot() {
    assertThat(AttachmentNames.safeName(null)).isEqualTo("attachment");
    assertThat(AttachmentNames.safeName("")).isEqualTo("attachment");
    assertThat(AttachmentNames.safeName(".")).isEqualTo("attachment");
    assertThat(AttachmentNames.safeName("..")).isEqualTo("attachment");
    assertThat(AttachmentNames.safeName(" \u0000\t ")).isEqualTo("attachment");
  }

  @Test
  void controlCharsNulLeadingDotsAndDotRunsGo() {
    assertThat(AttachmentNames.safeName("a\u0000b\u001f.txt")).isEqualTo("ab.txt");
    assertThat(AttachmentNames.safeName(".bashrc")).isEqualTo("bashrc");
    assertThat(AttachmentNames.safeName("...hidden..txt")).isEqualTo("hidden.txt");
    assertThat(AttachmentNames.safeName("invoice.pdf. ")).isEqualTo("invoice.pdf");
    // the right-to-left override would show "annexe.txt" for an executable
    assertThat(AttachmentNames.safeName("annex\u202Etxt.exe")).isEqualTo("annextxt.exe");
    assertThat(AttachmentNames.safeName("a<b>c:d|e?.txt")).isEqualTo("a_b_c_d_e_.txt");
  }

  @Test
  void unicodeLettersStay() {
    assertThat(AttachmentNames.safeName("Отчёт за декабрь.pdf")).isEqualTo("Отчёт за декабрь.pdf");
    assertThat(AttachmentNames.safeName("請求書.xlsx")).isEqualTo("請求書.xlsx");
  }

  @Test
  void longNamesKeepTheExtension() {
    String name = AttachmentNames.safeName("x".repeat(500) + ".docx");
    assertThat(name).hasSize(200).endsWith("xxx.docx");
    String emoji = AttachmentNames.safeName("😀".repeat(150) + ".png");
    assertThat(emoji).hasSizeLessThanOrEqualTo(200).endsWith(".png");
    assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 5))).isFalse();
  }

  @Test
  void windowsReservedNamesArePrefixed() {
    assertThat(AttachmentNames.safeName("CON")).isEqualTo("_CON");
    assertThat(AttachmentNames.safeName("nul.txt")).isEqualTo("_nul.txt");
    assertThat(AttachmentNames.safeName("com1.tar.gz")).isEqualTo("_com1.tar.gz");
    assertThat(AttachmentNames.safeName("LPT9")).isEqualTo("_LPT9");
    assertThat(AttachmentNames.safeName("console.txt")).isEqualTo("console.txt");
  }

  @Test
  void downloadOnly_byTypeOrExtension() {
    assertThat(AttachmentNames.downloadOnly("image/svg+xml", "chart")).isTrue();
    assertThat(AttachmentNames.downloadOnly("text/html", "page")).isTrue();
    assertThat(AttachmentNames.downloadOnly("application/xhtml+xml", "page")).isTrue();
    assertThat(AttachmentNames.downloadOnly("text/xml", "data")).isTrue();
    assertThat(AttachmentNames.downloadOnly("application/javascript", "a")).isTrue();
    assertThat(AttachmentNames.downloadOnly("application/x-shellscript", "a")).isTrue();
    for (String ext :
        new String[] {"svg", "SVGZ", "html", "htm", "xhtml", "xml", "js", "mjs", "hta"}) {
      assertThat(AttachmentNames.downloadOnly("application/octet-stream", "f." + ext))
          .as(ext)
          .isTrue();
    }
    assertThat(AttachmentNames.downloadOnly("image/png", "logo.png")).isFalse();
    assertThat(AttachmentNames.downloadOnly("application/pdf", "svg.pdf")).isFalse();
    assertThat(AttachmentNames.downloadOnly(null, "notes.txt")).isFalse();
  }
}
