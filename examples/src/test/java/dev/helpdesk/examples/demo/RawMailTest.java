package dev.helpdesk.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawMailTest {
  private static final Instant NOW = Instant.parse("2026-11-23T08:12:00Z");

  @Test
  void turkish_isWrittenInWindows1254_quotedPrintable() {
    byte[] raw =
        RawMail.from("Ayşe", "ayse@firma.example", "billing@hosting.example", NOW)
            .subject("Fatura değişikliği")
            .body("Şişli", Charset.forName("windows-1254"), RawMail.Encoding.QUOTED_PRINTABLE)
            .bytes();
    String wire = new String(raw, StandardCharsets.US_ASCII);
    // In windows-1254, Ş is 0xDE and ş is 0xFE; UTF-8 would have written C5 9E and C5 9F.
    assertThat(wire)
        .contains("Content-Type: text/plain; charset=windows-1254")
        .contains("=DEi=FEli")
        .contains("Subject: =?windows-1254?");
  }

  @Test
  void eightBit_isTheCharsetsBytes_andTheMessageIdIsTheSendersDomain() {
    RawMail m =
        RawMail.from("Ольга", "olga@yandex.example", "support@hosting.example", NOW)
            .body("Здравствуйте");
    byte[] raw = m.bytes();
    assertThat(new String(raw, StandardCharsets.UTF_8)).contains("Здравствуйте");
    assertThat(m.messageId()).endsWith("@yandex.example>");
    assertThat(new String(raw, StandardCharsets.US_ASCII)).contains("From: =?UTF-8?B?");
  }
}
