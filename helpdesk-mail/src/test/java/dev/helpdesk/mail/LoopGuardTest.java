package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Robots are recognised and people are not, including the headers other desks misread. */
class LoopGuardTest {
  private static final String PERSON =
      "From: Customer <customer@example.org>\nTo: support@desk.example.com\n"
          + "Message-ID: <abc@example.org>\nSubject: Printer\n";

  @TempDir Path dir;
  private final LoopGuard guard = new LoopGuard("desk.example.com");
  private int n;

  private Optional<String> check(String headers) throws IOException, MalformedMailException {
    Path f = dir.resolve("m" + n++ + ".eml");
    Files.writeString(f, headers + "\nHello.\n", StandardCharsets.UTF_8);
    try (ParsedMail m = new MailParser().parse(f)) {
      return guard.automatic(m);
    }
  }

  @Test
  void aPerson_isNotAutomatic() throws Exception {
    assertThat(check(PERSON + "Return-Path: <customer@example.org>\n")).isEmpty();
  }

  @Test
  void autoSubmitted_otherThanNo_isAutomatic_ignoringComments() throws Exception {
    assertThat(check(PERSON + "Auto-Submitted: auto-replied (vacation)\n"))
        .contains("Auto-Submitted: auto-replied");
    assertThat(check(PERSON + "Auto-Submitted: Auto-Generated; owner-email=\"x@example.org\"\n"))
        .contains("Auto-Submitted: auto-generated");
  }

  @Test
  void autoSubmittedNo_isAPerson_freeScoutReadsItWrong() throws Exception {
    assertThat(check(PERSON + "Auto-Submitted: no\n")).isEmpty();
    assertThat(check(PERSON + "Auto-Submitted: NO (typed by a human)\n")).isEmpty();
  }

  @Test
  void precedence_onlyBulkJunkList_znunyReadsFirstClassWrong() throws Exception {
    assertThat(check(PERSON + "Precedence: first-class\n")).isEmpty();
    assertThat(check(PERSON + "Precedence: normal\n")).isEmpty();
    assertThat(check(PERSON + "Precedence: bulk\n")).contains("Precedence: bulk");
    assertThat(check(PERSON + "Precedence: JUNK\n")).contains("Precedence: junk");
    assertThat(check(PERSON + "Precedence: list\n")).contains("Precedence: list");
  }

  @Test
  void xAutoResponseSuppress_onlyAllOofAutoReply() throws Exception {
    assertThat(check(PERSON + "X-Auto-Response-Suppress: DR, RN, NRN\n")).isEmpty();
    assertThat(check(PERSON + "X-Auto-Response-Suppress: All\n")).isPresent();
    assertThat(check(PERSON + "X-Auto-Response-Suppress: DR, OOF, AutoReply\n")).isPresent();
  }

  @Test
  void vendorAutoReplyHeaders() throws Exception {
    assertThat(check(PERSON + "X-Autoreply: yes\n")).contains("X-Autoreply: yes");
    assertThat(check(PERSON + "X-Autorespond: Out of office\n")).isPresent();
  }

  @Test
  void mailingLists() throws Exception {
    assertThat(check(PERSON + "List-Id: <users.lists.example.org>\n"))
        .hasValueSatisfying(r -> assertThat(r).contains("List-Id"));
    assertThat(check(PERSON + "List-Unsubscribe: <mailto:leave@lists.example.org>\n")).isPresent();
  }

  @Test
  void nullSender_andDaemons() throws Exception {
    assertThat(check(PERSON + "Return-Path: <>\n"))
        .hasValueSatisfying(r -> assertThat(r).contains("<>"));
    assertThat(check(PERSON.replace("customer@example.org", "MAILER-DAEMON@mx.example.org")))
        .contains("sent by mailer-daemon@mx.example.org");
    assertThat(check(PERSON + "Return-Path: <postmaster@example.org>\n"))
        .contains("sent by postmaster@example.org");
  }

  @Test
  void ourLoopHeader_andOurOwnMessageId() throws Exception {
    assertThat(check(PERSON + MailHeaders.LOOP + ": desk.example.com\n")).isPresent();
    assertThat(check(PERSON.replace("<abc@example.org>", "<t1.m2.x@Desk.Example.com>")))
        .hasValueSatisfying(r -> assertThat(r).contains("our own"));
    assertThat(check(PERSON.replace("<abc@example.org>", "<t1.m2.x@other-desk.example.com>")))
        .isEmpty();
  }

  @Test
  void corpusFixtures() throws Exception {
    MailParser parser = new MailParser();
    try (ParsedMail m = parser.parse(Corpus.file("dsn-bounce.eml"))) {
      assertThat(guard.automatic(m)).isPresent();
    }
    try (ParsedMail m = parser.parse(Corpus.file("out-of-office.eml"))) {
      assertThat(guard.automatic(m)).contains("Auto-Submitted: auto-replied");
    }
    for (String person :
        new String[] {
          "auto-submitted-no.eml", "precedence-first-class.eml", "calendar-invite.eml"
        }) {
      try (ParsedMail m = parser.parse(Corpus.file(person))) {
        assertThat(guard.automatic(m)).as(person).isEmpty();
      }
    }
    try (ParsedMail m = parser.parse(Corpus.file("mailing-list.eml"))) {
      assertThat(guard.automatic(m)).isPresent();
    }
  }

  @Test
  void dsnWithoutOtherSigns_isAutomaticAsDeliveryStatus() throws Exception {
    String dsn =
        "From: Mail System <notify@mx.example.org>\nSubject: failure\nMessage-ID: <d@mx.example.org>\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\nfailed\n--b\nContent-Type: message/delivery-status\n\n"
            + "Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.org\n"
            + "Action: failed\nStatus: 5.0.0\n\n--b--";
    Path f = dir.resolve("dsn.eml");
    Files.writeString(f, dsn, StandardCharsets.UTF_8);
    try (ParsedMail m = new MailParser().parse(f)) {
      assertThat(guard.automatic(m))
          .hasValueSatisfying(r -> assertThat(r).contains("delivery status"));
      assertThat(m.bounce().orElseThrow().failedRecipients()).containsExactly("a@example.org");
    }
  }

  @Test
  void ourDomain_mustBeABareDomain() {
    assertThatThrownBy(() -> new LoopGuard("support@desk.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("support@desk.example.com");
    assertThatThrownBy(() -> new LoopGuard(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
