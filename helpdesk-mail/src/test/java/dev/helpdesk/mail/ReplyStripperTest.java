package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quote and signature cutting for the clients and languages customers really use. */
class ReplyStripperTest {
  private static String strip(String s) {
    return ReplyStripper.newPart(s);
  }

  @Test
  void ourMarker_cutsEvenWithoutAHeader() {
    assertThat(strip("Works now.\n" + MailHeaders.REPLY_MARKER + "\nOld text"))
        .isEqualTo("Works now.");
    assertThat(strip("Works now.\r\n\r\n> " + MailHeaders.REPLY_MARKER + "\r\n> Old"))
        .isEqualTo("Works now.");
  }

  @Test
  void trailingQuoteBlock_goes_interleavedAnswersStay() {
    assertThat(strip("Yes.\n\n> Did it work?\n> Really?\n")).isEqualTo("Yes.");
    assertThat(strip("> Did it work?\nYes.\n> And the printer?\nAlso yes."))
        .isEqualTo("> Did it work?\nYes.\n> And the printer?\nAlso yes.");
  }

  @Test
  void onWrote_inManyLanguages() {
    String[][] cases = {
      {"en", "On Mon, Dec 7, 2026 at 9:02 AM Support <support@desk.example.com> wrote:"},
      {"de", "Am Mo., 7. Dez. 2026 um 09:02 Uhr schrieb Support <support@desk.example.com>:"},
      {"fr", "Le lun. 7 déc. 2026 à 09:02, Support <support@desk.example.com> a écrit :"},
      {"es", "El lun, 7 dic 2026 a las 9:02, Support (<support@desk.example.com>) escribió:"},
      {
        "it",
        "Il giorno lun 7 dic 2026 alle ore 09:02 Support <support@desk.example.com> ha scritto:"
      },
      {"nl", "Op ma 7 dec. 2026 om 09:02 schreef Support <support@desk.example.com>:"},
      {"pt", "Em seg., 7 de dez. de 2026 às 09:02, Support <support@desk.example.com> escreveu:"},
      {"ru", "7 декабря 2026 г., в 9:02, Support пишет:"},
      {"ru-gmail", "пн, 7 дек. 2026 г. в 09:02, Support <support@desk.example.com>:"},
      {"pl", "W dniu 7.12.2026 o 09:02, Support pisze: napisał:"},
      {"sv", "Den mån 7 dec. 2026 kl 09:02 skrev Support <support@desk.example.com>:"},
      {"ja", "2026年12月7日(月) 9:02 Support <support@desk.example.com>:"},
      {"ja-apple", "2026/12/07 9:02、Supportのメール:"},
      {"zh", "在 2026年12月7日 09:02，Support 写道："},
    };
    for (String[] c : cases) {
      assertThat(strip("Fixed, thanks.\n\n" + c[1] + "\n\n> Please restart it.\n> Bye"))
          .as(c[0])
          .isEqualTo("Fixed, thanks.");
    }
  }

  @Test
  void onWrote_wrappedOverTwoLines() {
    assertThat(
            strip(
                "Fixed.\n\nOn Mon, Dec 7, 2026 at 9:02 AM Support Desk <\nsupport@desk.example.com> wrote:\n\n> Old"))
        .isEqualTo("Fixed.");
    assertThat(
            strip(
                "Listo.\n\nEl lun, 7 dic 2026 a las 9:02, Support (<s@d.example.com>)\nescribió:\n> Old"))
        .isEqualTo("Listo.");
  }

  @Test
  void aSentenceStartingWithOn_isKept() {
    String text =
        "On Monday the printer broke.\nIt still does not work, my colleague wrote:\nhelp!";
    assertThat(strip(text)).isEqualTo(text);
  }

  @Test
  void outlookBlocks() {
    assertThat(strip("Done.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nOld"))
        .isEqualTo("Done.");
    assertThat(strip("Erledigt.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nOld"))
        .isEqualTo("Erledigt.");
    assertThat(
            strip(
                "Danke.\n\n________________________________\nVon: Support <s@desk.example.com>\n"
                    + "Gesendet: Montag, 7. Dezember 2026 09:02\nAn: Kunde\nBetreff: Drucker\n\nOld"))
        .isEqualTo("Danke.");
    assertThat(
            strip(
                "Merci.\n\nDe : Support <s@desk.example.com>\nEnvoyé : lundi 7 décembre 2026 09:02\n"
                    + "À : Client\nObjet : Imprimante\n\nOld"))
        .isEqualTo("Merci.");
    assertThat(
            strip(
                "Thanks.\n\n*From:* Support\n*Sent:* Monday, December 7, 2026 9:02 AM\n*To:* Me\nOld"))
        .isEqualTo("Thanks.");
  }

  @Test
  void aFromLineAlone_isContent() {
    String text = "From: the basement, the noise comes.\nPlease send someone.";
    assertThat(strip(text)).isEqualTo(text);
  }

  @Test
  void signaturesAndMobileFooters() {
    assertThat(strip("Thanks!\n-- \nJohn Smith\nACME Corp")).isEqualTo("Thanks!");
    assertThat(strip("Thanks!\n\nSent from my iPhone")).isEqualTo("Thanks!");
    assertThat(strip("Danke!\n\nVon meinem iPhone gesendet\n\n> alt")).isEqualTo("Danke!");
    assertThat(strip("Merci\n\nEnvoyé de mon iPad")).isEqualTo("Merci");
    assertThat(strip("Gracias\n\nEnviado desde mi iPhone")).isEqualTo("Gracias");
    assertThat(strip("Спасибо\n\nОтправлено с iPhone")).isEqualTo("Спасибо");
    assertThat(strip("ありがとう\n\niPhoneから送信")).isEqualTo("ありがとう");
    assertThat(strip("Thanks\n\nGet Outlook for Android")).isEqualTo("Thanks");
    String long_ =
        "I was sent from my office to the branch, and the printer there is broken too, which is a pity.";
    assertThat(strip(long_)).isEqualTo(long_);
  }

  @Test
  void nothingToStrip_andAllQuoted() {
    assertThat(strip("Just text.\nTwo lines.")).isEqualTo("Just text.\nTwo lines.");
    assertThat(strip("> all quoted\n> here")).isEmpty();
    assertThat(strip("")).isEmpty();
  }
}
