package dev.helpdesk.mail;

import static dev.helpdesk.mail.MailDesk.ALICE;
import static dev.helpdesk.mail.MailDesk.BILLING;
import static dev.helpdesk.mail.MailDesk.BOB;
import static dev.helpdesk.mail.MailDesk.TECH;
import static dev.helpdesk.mail.MailDesk.TINA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailIntakeTest {
  private final MailDesk d = new MailDesk();

  private List<ThreadEntry> thread(TicketRef ref) {
    return d.memoryStore.thread(d.ticket(ref).id());
  }

  @Test
  void newMail_fromACustomer_opensATicketAsThatCustomerAndConfirmsIt() {
    Mails mail = Mails.from("Alice Example <Alice@Example.com>");

    TicketRef ref = d.created(d.accept(mail));

    Ticket t = d.ticket(ref);
    assertThat(t.requester()).isEqualTo(new Requester.Known(CustomerId.of("alice")));
    assertThat(t.department()).isEqualTo(TECH);
    assertThat(t.subject()).isEqualTo("Site down");
    ThreadEntry first = thread(ref).get(0);
    assertThat(first.author()).isEqualTo(ALICE);
    assertThat(first.channel()).isEqualTo(Channel.EMAIL);
    assertThat(first.body()).contains("500 error");
    assertThat(first.messageId()).contains(mail.messageId());
    d.desk.deliverOutbox();
    assertThat(d.notifier.sent(Notification.Kind.CONFIRMATION))
        .singleElement()
        .satisfies(n -> assertThat(n.reference()).isEqualTo(ref));
  }

  @Test
  void sameMessageTwice_givesOneTicketAndADuplicate() {
    Mails mail = Mails.from("alice@example.com");

    TicketRef ref = d.created(d.accept(mail));
    IntakeResult again = d.accept(mail);

    assertThat(again)
        .isInstanceOfSatisfying(
            IntakeResult.Ignored.class,
            i -> assertThat(i.why()).isEqualTo(IntakeResult.Ignored.Why.DUPLICATE));
    assertThat(again.sysexit()).isZero();
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10))
        .extracting(Ticket::reference)
        .containsExactly(ref);
  }

  @Test
  void sameMessageIdWithOtherBytes_isADuplicate() {
    Mails mail = Mails.from("alice@example.com");
    d.created(d.accept(mail));

    IntakeResult relayed = d.accept(mail.header("Received", "from relay2.example by mx"));

    assertThat(relayed).isInstanceOf(IntakeResult.Ignored.class);
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void withoutMessageId_theSameBytesAreADuplicate() {
    Mails mail = Mails.from("alice@example.com").without("Message-ID");

    d.created(d.accept(mail));

    assertThat(d.accept(mail)).isInstanceOf(IntakeResult.Ignored.class);
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void replyToOurSignedMessageId_landsInTheTicketAsTheCustomer() {
    TicketRef ref = d.created(d.accept(Mails.from("alice@example.com")));
    d.desk.reply(ref, TINA, "Which site?");

    IntakeResult reply =
        d.accept(
            Mails.from("alice@example.com")
                .subject("Re: your ticket")
                .inReplyTo(d.ids.mint(ref, "outbox-1"))
                .body("example.com\n\nOn Mon, 23 Nov 2026, Support wrote:\n> Which site?\n"));

    assertThat(reply).isEqualTo(new IntakeResult.Appended(ref));
    ThreadEntry last = thread(ref).get(2);
    assertThat(last.author()).isEqualTo(ALICE);
    assertThat(last.body()).contains("example.com").doesNotContain("Which site?");
    assertThat(d.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void replyToTheCustomersOwnMessageId_landsInTheTicket() {
    Mails first = Mails.from("alice@example.com");
    TicketRef ref = d.created(d.accept(first));

    IntakeResult reply =
        d.accept(Mails.from("alice@example.com").subject("More").inReplyTo(first.messageId()));

    assertThat(reply).isEqualTo(new IntakeResult.Appended(ref));
  }

  @Test
  void stranger_quotingAnotherCustomersReference_getsATicketOfTheirOwn() {
    TicketRef alices = d.created(d.accept(Mails.from("alice@example.com")));
    int before = thread(alices).size();

    IntakeResult bySubject =
        d.accept(Mails.from("bob@example.com").subject("Re: [" + alices + "] Site down"));
    IntakeResult byPlusAddress =
        d.accept(Mails.from("bob@example.com").to("support+" + alices + "@desk.example"));
    IntakeResult bySignedId =
        d.accept(Mails.from("mallory@evil.example").inReplyTo(d.ids.mint(alices, "x")));

    for (IntakeResult r : List.of(bySubject, byPlusAddress, bySignedId)) {
      assertThat(r).isInstanceOf(IntakeResult.Created.class);
      assertThat(d.created(r)).isNotEqualTo(alices);
    }
    assertThat(d.ticket(d.created(bySubject)).requester()).isEqualTo(new Requester.Known(BOB.id()));
    assertThat(thread(alices)).hasSize(before);
  }

  @Test
  void theRequester_quotingTheirReferenceInTheSubjectOrPlusAddress_isAppended() {
    TicketRef ref = d.created(d.accept(Mails.from("alice@example.com")));

    assertThat(d.accept(Mails.from("alice@example.com").subject("Re: [" + ref + "] Site down")))
        .isEqualTo(new IntakeResult.Appended(ref));
    assertThat(
            d.accept(
                Mails.from("alice@example.com")
                    .subject("other words")
                    .to("support+" + ref.value().toLowerCase() + "@desk.example")))
        .isEqualTo(new IntakeResult.Appended(ref));
  }

  @Test
  void aColleagueOfTheSameOrganization_isAppendedAsThemselves() {
    TicketRef carols = d.created(d.accept(Mails.from("carol@acme.example")));

    IntakeResult r = d.accept(Mails.from("dave@acme.example").subject("Re: " + carols));

    assertThat(r).isEqualTo(new IntakeResult.Appended(carols));
    assertThat(thread(carols).get(1).author()).isEqualTo(Actor.customer(CustomerId.of("dave")));
  }

  @Test
  void autoReply_isIgnoredAndDoesNotReopenTheTicket() {
    TicketRef ref = d.created(d.accept(Mails.from("alice@example.com")));
    d.desk.proposeResolution(ref, TINA, "Fixed the config.");

    IntakeResult r =
        d.accept(
            Mails.from("alice@example.com")
                .subject("Out of office")
                .header("Auto-Submitted", "auto-replied")
                .inReplyTo(d.ids.mint(ref, "p")));

    assertThat(r)
        .isInstanceOfSatisfying(
            IntakeResult.Ignored.class,
            i -> assertThat(i.why()).isEqualTo(IntakeResult.Ignored.Why.AUTOMATIC));
    assertThat(d.ticket(ref).status()).isEqualTo(TicketStatus.RESOLUTION_PROPOSED);
  }

  @Test
  void mailByAPerson_withAutoSubmittedNo_isNotAutomatic() {
    IntakeResult r = d.accept(Mails.from("alice@example.com").header("Auto-Submitted", "no"));

    assertThat(r).isInstanceOf(IntakeResult.Created.class);
  }

  @Test
  void bounce_isRecordedOnTheTicketItConcerns() {
    TicketRef ref = d.created(d.accept(Mails.from("alice@example.com")));
    String ours = d.ids.mint(ref, "confirmation");

    IntakeResult r =
        d.accept(
            Mails.from("MAILER-DAEMON@mx.example.com")
                .header("Return-Path", "<>")
                .subject("Undelivered Mail Returned to Sender")
                .header(
                    "Content-Type", "multipart/report; report-type=delivery-status; boundary=\"B\"")
                .body(
                    "--B\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
                        + "--B\nContent-Type: message/delivery-status\n\n"
                        + "Reporting-MTA: dns; mx.example.com\n\n"
                        + "Final-Recipient: rfc822; alice@example.com\nAction: failed\n"
                        + "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n"
                        + "--B\nContent-Type: text/rfc822-headers\n\n"
                        + "Message-ID: "
                        + ours
                        + "\nSubject: Your ticket\n--B--\n"));

    assertThat(r)
        .isInstanceOfSatisfying(
            IntakeResult.Ignored.class,
            i -> assertThat(i.why()).isEqualTo(IntakeResult.Ignored.Why.BOUNCE));
    ThreadEntry note = thread(ref).get(1);
    assertThat(note.visibility()).isEqualTo(Visibility.INTERNAL);
    assertThat(note.body()).contains("alice@example.com").contains("5.1.1");
    assertThat(d.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void unknownSender_toAnOpenMailbox_opensAnUnverifiedTicketAndTheirReplyLandsInIt() {
    Mails first = Mails.from("newcomer@elsewhere.example");
    TicketRef ref = d.created(d.accept(first));

    assertThat(d.ticket(ref).requester())
        .isEqualTo(new Requester.Unknown("newcomer@elsewhere.example"));
    d.desk.reply(ref, TINA, "Which plan are you on?");
    assertThat(d.accept(Mails.from("newcomer@elsewhere.example").inReplyTo(d.ids.mint(ref, "r1"))))
        .isEqualTo(new IntakeResult.Appended(ref));
    assertThat(d.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void unknownSender_toACustomersOnlyMailbox_isRefusedAndOpensNothing() {
    IntakeResult r = d.accept(Mails.from("spammer@elsewhere.example").to("billing@desk.example"));

    assertThat(r)
        .isInstanceOfSatisfying(
            IntakeResult.Ignored.class,
            i -> assertThat(i.why()).isEqualTo(IntakeResult.Ignored.Why.REFUSED_SENDER));
    assertThat(d.memoryStore.queue(BILLING, Optional.empty(), 10)).isEmpty();
  }

  @Test
  void recipientAddress_choosesTheDepartment() {
    TicketRef ref = d.created(d.accept(Mails.from("alice@example.com").to("Billing@Desk.Example")));

    assertThat(d.ticket(ref).department()).isEqualTo(BILLING);
  }

  @Test
  void envelopeRecipient_winsOverTheToHeader() {
    TicketRef ref =
        d.created(
            d.accept(
                Mails.from("alice@example.com")
                    .to("list@customers.example")
                    .header("Delivered-To", "billing@desk.example")));

    assertThat(d.ticket(ref).department()).isEqualTo(BILLING);
  }

  @Test
  void ccAddresses_becomeParticipants_andAParticipantsReplyIsAnInternalNote() {
    TicketRef ref =
        d.created(d.accept(Mails.from("alice@example.com").header("Cc", "Ops <ops@example.com>")));
    assertThat(d.ticket(ref).participants()).containsExactly("ops@example.com");

    IntakeResult r = d.accept(Mails.from("ops@example.com").subject("Re: [" + ref + "]"));

    assertThat(r).isEqualTo(new IntakeResult.Appended(ref));
    ThreadEntry note = thread(ref).get(1);
    assertThat(note.visibility()).isEqualTo(Visibility.INTERNAL);
    assertThat(note.body()).startsWith("Mail from participant ops@example.com");
  }

  @Test
  void mailToAMergedTicket_landsInTheSurvivor() {
    TicketRef original = d.created(d.accept(Mails.from("alice@example.com")));
    d.clock.advance(Duration.ofMinutes(1));
    TicketRef duplicate = d.created(d.accept(Mails.from("alice@example.com")));
    d.desk.merge(duplicate, TINA, original);

    IntakeResult r =
        d.accept(Mails.from("alice@example.com").inReplyTo(d.ids.mint(duplicate, "c")));

    assertThat(r).isEqualTo(new IntakeResult.Appended(original));
  }

  @Test
  void agentMail_isAStaffReplyOnlyWhenTheHostAllowsIt() {
    MailDesk allowing =
        new MailDesk(
            b ->
                b.agentReplies(
                    email ->
                        email.equals("tina@desk.example")
                            ? Optional.of(AgentId.of("tina"))
                            : Optional.empty()));
    TicketRef ref = allowing.created(allowing.accept(Mails.from("alice@example.com")));

    IntakeResult r =
        allowing.accept(
            Mails.from("tina@desk.example").inReplyTo(allowing.ids.mint(ref, "c")).body("Done."));

    assertThat(r).isEqualTo(new IntakeResult.Appended(ref));
    assertThat(allowing.memoryStore.thread(allowing.ticket(ref).id()).get(1).author())
        .isEqualTo(TINA);
    TicketRef other = d.created(d.accept(Mails.from("alice@example.com")));
    assertThat(d.accept(Mails.from("tina@desk.example").inReplyTo(d.ids.mint(other, "c"))))
        .isInstanceOf(IntakeResult.Created.class);
  }

  @Test
  void messageOverTheCap_isRejectedForGoodAndNothingIsKept() {
    MailDesk small = new MailDesk(b -> b.maxMessageBytes(1000));

    IntakeResult r = small.accept(Mails.from("alice@example.com").body("x".repeat(2000)));

    assertThat(r).isInstanceOf(IntakeResult.Rejected.class);
    assertThat(r.sysexit()).isEqualTo(65);
    assertThat(((IntakeResult.Rejected) r).reason()).contains("1000 bytes");
    assertThat(small.archive.list(ArchivedMail.Status.RECEIVED, Optional.empty(), 10)).isEmpty();
  }

  @Test
  void storeDown_isATemporaryFailureThatKeepsNothing_andTheRetryStoresItOnce() {
    Mails mail = Mails.from("alice@example.com");
    d.outage.begin();

    IntakeResult during = d.accept(mail);

    assertThat(during).isInstanceOf(IntakeResult.TemporaryFailure.class);
    assertThat(during.sysexit()).isEqualTo(75);
    d.outage.end();
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).isEmpty();
    assertThat(d.archive.list(ArchivedMail.Status.RECEIVED, Optional.empty(), 10)).isEmpty();
    d.created(d.accept(mail));
    assertThat(d.accept(mail)).isInstanceOf(IntakeResult.Ignored.class);
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void failedProcessing_isQuarantinedWithTheReason_andReplayedOnceFixed() throws Exception {
    MailDesk misconfigured =
        new MailDesk(
            b ->
                b.mailbox(
                    Mailbox.of(
                        "sales@desk.example", dev.helpdesk.domain.DepartmentId.of("sales"))));
    Mails mail = Mails.from("alice@example.com").to("sales@desk.example");

    IntakeResult r = misconfigured.accept(mail);

    assertThat(r).isInstanceOf(IntakeResult.Quarantined.class);
    IntakeResult.Quarantined q = (IntakeResult.Quarantined) r;
    assertThat(q.reason()).contains("sales");
    assertThat(misconfigured.intake.quarantined(Optional.empty(), 10))
        .singleElement()
        .satisfies(a -> assertThat(a.key()).isEqualTo(q.key()));
    ArchivedMail archived = misconfigured.archive.find(q.key()).orElseThrow();
    try (InputStream raw = misconfigured.archive.openRaw(archived.key()).orElseThrow()) {
      assertThat(raw.readAllBytes()).isEqualTo(mail.bytes());
    }
    assertThat(misconfigured.accept(mail)).isInstanceOf(IntakeResult.Quarantined.class);

    misconfigured.directory.department("sales", "Sales");
    IntakeResult replayed = misconfigured.intake.replay(q.key());

    assertThat(replayed).isInstanceOf(IntakeResult.Created.class);
    assertThat(misconfigured.intake.quarantined(Optional.empty(), 10)).isEmpty();
    assertThatThrownBy(() -> misconfigured.intake.replay(q.key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PROCESSED");
  }

  @Test
  void noFrom_isQuarantined() {
    IntakeResult r = d.accept(Mails.from("x@example.com").without("From"));

    assertThat(r)
        .isInstanceOfSatisfying(
            IntakeResult.Quarantined.class, q -> assertThat(q.reason()).contains("From"));
  }

  @Test
  void failedDmarc_isQuarantinedWithoutAnyAnswer() {
    IntakeResult r =
        d.accept(
            Mails.from("ceo@bank.example")
                .header(
                    "Authentication-Results",
                    "mx.desk.example; spf=fail smtp.mailfrom=bank.example; dmarc=fail"));

    assertThat(r)
        .isInstanceOfSatisfying(
            IntakeResult.Quarantined.class, q -> assertThat(q.reason()).contains("DMARC"));
    d.desk.deliverOutbox();
    assertThat(d.notifier.sent()).isEmpty();
  }

  @Test
  void attachments_areStoredAndActiveContentIsDownloadOnly() throws Exception {
    TicketRef ref =
        d.created(
            d.accept(
                Mails.from("alice@example.com")
                    .header("Content-Type", "multipart/mixed; boundary=\"XX\"")
                    .body(
                        "--XX\nContent-Type: text/plain\n\nSee the logs.\n"
                            + "--XX\nContent-Type: text/plain; name=\"error.log\"\n"
                            + "Content-Disposition: attachment; filename=\"../../error.log\"\n\n"
                            + "500 at 09:00\n"
                            + "--XX\nContent-Type: image/svg+xml\n"
                            + "Content-Disposition: attachment; filename=\"logo.svg\"\n\n"
                            + "<svg onload=\"alert(1)\"/>\n--XX--\n")));

    ThreadEntry first = thread(ref).get(0);
    assertThat(first.body()).contains("See the logs.");
    assertThat(first.attachments()).hasSize(2);
    assertThat(first.attachments().get(0).filename()).doesNotContain("/").endsWith("error.log");
    assertThat(first.attachments().get(1).contentType()).isEqualTo("application/octet-stream");
    try (InputStream log = d.desk.attachment(ref, ALICE, first.attachments().get(0).sha256())) {
      assertThat(new String(log.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("500 at 09:00");
    }
  }

  @Test
  void oneMessageDeliveredByEightThreadsAtOnce_givesOneTicket() throws Exception {
    Mails mail = Mails.from("alice@example.com");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<IntakeResult>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  IntakeResult r = d.accept(mail);
                  while (r instanceof IntakeResult.TemporaryFailure) {
                    Thread.onSpinWait();
                    r = d.accept(mail);
                  }
                  return r;
                }));
      }
      start.countDown();
      long created = 0;
      for (java.util.concurrent.Future<IntakeResult> r : results) {
        IntakeResult result = r.get();
        assertThat(result).isInstanceOfAny(IntakeResult.Created.class, IntakeResult.Ignored.class);
        created += result instanceof IntakeResult.Created ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(d.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void replyToAClosedTicket_reopensItWithinTheWindow_andOpensALinkedTicketAfter() {
    TicketRef ref = d.created(d.accept(Mails.from("alice@example.com")));
    d.desk.proposeResolution(ref, TINA, "Fixed.");
    d.desk.close(ref, ALICE);

    assertThat(d.accept(Mails.from("alice@example.com").inReplyTo(d.ids.mint(ref, "a"))))
        .isEqualTo(new IntakeResult.Appended(ref));
    assertThat(d.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);

    d.desk.proposeResolution(ref, TINA, "Fixed again.");
    d.desk.close(ref, ALICE);
    d.clock.advance(Duration.ofDays(30));
    IntakeResult late = d.accept(Mails.from("alice@example.com").inReplyTo(d.ids.mint(ref, "b")));

    TicketRef followUp = d.created(late);
    assertThat(followUp).isNotEqualTo(ref);
    assertThat(d.ticket(followUp).previous()).contains(d.ticket(ref).id());
    assertThat(d.ticket(ref).status()).isEqualTo(TicketStatus.CLOSED);
  }

  @Test
  void ticketStoreDownAfterTheRawWasArchived_isTemporary_andTheRetryGivesOneTicket() {
    Outage ticketsOnly = new Outage();
    MailDesk partial = new MailDesk(b -> b, null, ticketsOnly);
    Mails mail = Mails.from("alice@example.com");
    ticketsOnly.begin();

    IntakeResult during = partial.accept(mail);

    ticketsOnly.end();
    assertThat(during).isInstanceOf(IntakeResult.TemporaryFailure.class);
    assertThat(partial.memoryStore.ticketsOf(ALICE.id(), 10)).isEmpty();
    assertThat(partial.archive.list(ArchivedMail.Status.RECEIVED, Optional.empty(), 10))
        .as("the raw message is kept, unprocessed")
        .hasSize(1);
    partial.created(partial.accept(mail));
    assertThat(partial.accept(mail)).isInstanceOf(IntakeResult.Ignored.class);
    assertThat(partial.memoryStore.ticketsOf(ALICE.id(), 10)).hasSize(1);
  }

  @Test
  void everyCorpusMessage_endsStoredOrQuarantined_andIsArchived() throws Exception {
    for (java.nio.file.Path file : Corpus.all()) {
      MailDesk fresh = new MailDesk();

      IntakeResult r = fresh.intake.accept(file, "corpus");

      assertThat(r)
          .as(file.getFileName().toString())
          .isInstanceOfAny(
              IntakeResult.Created.class,
              IntakeResult.Appended.class,
              IntakeResult.Ignored.class,
              IntakeResult.Quarantined.class);
      long archived =
          java.util.Arrays.stream(ArchivedMail.Status.values())
              .mapToLong(s -> fresh.archive.list(s, Optional.empty(), 10).size())
              .sum();
      assertThat(archived).as(file.getFileName().toString()).isEqualTo(1);
    }
  }

  @Test
  void original_ofAnEntry_isTheMessageExactlyAsReceived() throws Exception {
    Mails withId = Mails.from("alice@example.com").body("Full text.\n\n> quoted history\n");
    Mails withoutId = Mails.from("alice@example.com").without("Message-ID").subject("Other");
    TicketRef a = d.created(d.accept(withId));
    TicketRef b = d.created(d.accept(withoutId));

    for (var pair : List.of(java.util.Map.entry(a, withId), java.util.Map.entry(b, withoutId))) {
      ThreadEntry entry = thread(pair.getKey()).get(0);
      try (InputStream raw = d.intake.original(entry).orElseThrow()) {
        assertThat(raw.readAllBytes()).isEqualTo(pair.getValue().bytes());
      }
    }
    d.desk.reply(a, TINA, "Typed in the panel.");
    assertThat(d.intake.original(thread(a).get(1))).isEmpty();
  }

  @Test
  void htmlMail_keepsItsTextInTheThreadAndASanitizedRenditionBeside() throws Exception {
    TicketRef ref =
        d.created(
            d.accept(
                Mails.from("alice@example.com")
                    .header("Content-Type", "text/html; charset=utf-8")
                    .body(
                        "<p>Shop <b>down</b></p><script>steal()</script>"
                            + "<a href=\"javascript:steal()\" onclick=\"steal()\">x</a>")));

    ThreadEntry first = thread(ref).get(0);
    assertThat(first.body()).contains("Shop down").doesNotContain("<b>");
    dev.helpdesk.ticket.AttachmentRef html = first.attachments().get(0);
    assertThat(html.filename()).isEqualTo(MailIntake.HTML_RENDITION);
    try (InputStream in = d.desk.attachment(ref, TINA, html.sha256())) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("<b>down</b>")
          .doesNotContain("script")
          .doesNotContain("javascript:")
          .doesNotContain("onclick");
    }
  }

  @Test
  void accept_rejectsNullArguments() {
    assertThatThrownBy(() -> d.intake.accept((InputStream) null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("raw");
    assertThatThrownBy(() -> d.intake.accept(new ByteArrayInputStream(new byte[0]), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("source");
  }
}
