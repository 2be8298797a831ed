package dev.helpdesk.examples.demo;

import dev.helpdesk.Escalation;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.Transfer;
import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.NotEntitledException;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.MailIntake;
import dev.helpdesk.mail.MailNotifier;
import dev.helpdesk.mail.Mailbox;
import dev.helpdesk.mail.MailboxPoller;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.BreachAction;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SlaTargets;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A day at Example Hosting, a small hosting company, run through the real parts: GreenMail in this
 * JVM as the mail server, the desk's IMAP pollers and SMTP notifier, an H2 database file, and a
 * simulated clock so a working day takes seconds. {@link #run} prints the timeline and returns the
 * facts a test checks.
 */
public final class SupportDay {
  static final String DOMAIN = "hosting.example";
  static final String SUPPORT = "support@" + DOMAIN;
  static final String BILLING = "billing@" + DOMAIN;
  static final Instant MORNING = Instant.parse("2026-11-23T08:00:00Z");

  static final DepartmentId TECHNICAL = DepartmentId.of("technical");
  static final DepartmentId BILLING_DEPT = DepartmentId.of("billing");
  static final DepartmentId SALES = DepartmentId.of("sales");

  static final PlanId SHARED = PlanId.of("shared");
  static final PlanId VPS = PlanId.of("vps");
  static final PlanId DEDICATED = PlanId.of("dedicated");

  static final Actor.Agent TINA = Actor.agent(AgentId.of("tina"));
  static final Actor.Agent ANA = Actor.agent(AgentId.of("ana.nightdesk"));
  static final Actor.Agent TOMAS = Actor.agent(AgentId.of("tomas"));
  static final Actor.Agent BEA = Actor.agent(AgentId.of("bea"));
  static final Actor.Agent SAM = Actor.agent(AgentId.of("sam"));

  /** The Message-ID secret; a real host keeps it in its configuration, the same on every node. */
  private static final byte[] SECRET =
      "example-hosting demo secret, 32+ bytes".getBytes(StandardCharsets.UTF_8);

  /**
   * What happened, for a test to check against the story.
   *
   * @param openedByChannel tickets opened during the day, by the channel they came in on
   * @param arrivals each foreign-language mail as sent and as its ticket keeps it
   * @param replyFromMailProgram the customer's answer to the desk's mail, and where it landed
   * @param refusedPhone why a shared-plan customer's phone ticket was refused
   * @param escalated the ticket escalated from L1 to L2, as it ended
   * @param transferred the ticket moved from technical to billing, as it ended
   * @param outsourcedRefused why the outsourced agent could not read the transferred ticket
   * @param incidentTickets tickets linked to the web server incident
   * @param incidentUpdated tickets the one incident update was posted to
   * @param incidentUpdateMails customers who received that update by mail
   * @param breaches SLA breaches recorded during the day, all tickets
   * @param breachedTicket the urgent ticket that missed its first response
   * @param credits the billing portal's credits, once each
   * @param creditDeliveries how often the outbox delivered compensation to the portal
   * @param duplicate the merged duplicate and where a later reply to it landed
   * @param duplicateStatus the duplicate's status at the end
   * @param stranger the stranger's mail quoting another customer's reference, and where it landed
   * @param victimThreadBefore the victim's thread length before the stranger wrote
   * @param victimThreadAfter and after
   * @param strangerRequester who the stranger's ticket belongs to
   * @param inboxes how many mails each customer's inbox on the mail server holds at the end
   * @param strangerTextReachedVictim whether any mail to the victim carried the stranger's words
   * @param staffCloseRefused why an agent could not close a customer's ticket
   * @param closures every closing of the day: who closed which ticket, and who asked
   * @param feedbackGiven feedback events recorded
   * @param report the day's report
   */
  public record Facts(
      Map<Channel, Integer> openedByChannel,
      List<Arrival> arrivals,
      Landing replyFromMailProgram,
      String refusedPhone,
      Ticket escalated,
      Ticket transferred,
      String outsourcedRefused,
      int incidentTickets,
      List<TicketRef> incidentUpdated,
      int incidentUpdateMails,
      int breaches,
      TicketRef breachedTicket,
      List<BillingPortal.Credit> credits,
      int creditDeliveries,
      Landing duplicate,
      TicketStatus duplicateStatus,
      Landing stranger,
      int victimThreadBefore,
      int victimThreadAfter,
      Requester strangerRequester,
      Map<String, Integer> inboxes,
      boolean strangerTextReachedVictim,
      String staffCloseRefused,
      List<Closure> closures,
      int feedbackGiven,
      SupportReport report) {}

  /** A mail as the customer wrote it and as the desk stored it in the ticket it opened. */
  public record Arrival(
      String language,
      TicketRef ticket,
      String sentSubject,
      String sentBody,
      String storedSubject,
      String storedBody) {}

  /**
   * Where a mail landed compared with the ticket it referred to.
   *
   * @param landedIn the ticket the intake filed it in
   * @param body the body the thread keeps (quoted history cut)
   */
  public record Landing(TicketRef meantFor, TicketRef landedIn, String body) {}

  /** One closing: the ticket, who closed it, and who the ticket belongs to. */
  public record Closure(TicketRef ticket, Actor closedBy, Requester requester) {}

  /** What a customer thinks of their ticket once it is solved. */
  private record Verdict(
      TicketRef ticket, String customer, int rating, int recommend, String comment) {}

  private final PrintStream out;
  private final SettableClock clock = SettableClock.at(MORNING);
  private final Timeline timeline;
  private final FakeDirectory directory = directory();
  private final List<Arrival> arrivals = new ArrayList<>();
  private final BillingPortal billing;
  private MailRoom mail;
  private JdbcStore store;
  private TicketStore tickets;
  private Helpdesk desk;
  private MailIntake intake;
  private Map<String, MailboxPoller> pollers;

  // The day's tickets and what the story learns on the way, for the parts that follow and the
  // facts.
  private Landing replyFromMailProgram;
  private TicketRef olga;
  private TicketRef minjun;
  private TicketRef ayse;
  private TicketRef ines;
  private TicketRef harryRef;
  private TicketRef jonasRef;
  private TicketRef lenaRef;
  private TicketRef duplicate;
  private TicketRef greta;
  private TicketRef kemalRef;
  private TicketRef frank;
  private IncidentId incident;
  private List<TicketRef> updated;
  private int updateMails;
  private Landing duplicateLanding;
  private Ticket strangerTicket;
  private Landing strangerLanding;
  private int victimThreadBefore;
  private int victimThreadAfter;
  private String refusedPhone;
  private String outsourcedRefused;
  private String staffCloseRefused;

  private SupportDay(PrintStream out) {
    this.out = out;
    this.timeline = new Timeline(out, clock);
    this.billing = new BillingPortal(line -> timeline.say("%s", line));
  }

  /** Runs the day, printing its timeline and report to {@code out}. */
  public static Facts run(PrintStream out) {
    try {
      Path dir = Files.createTempDirectory("helpdesk-demo-");
      try {
        return new SupportDay(out).runIn(dir);
      } finally {
        deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Facts runIn(Path dir) {
    try (MailRoom room = MailRoom.start();
        JdbcStore db = JdbcStore.h2File(dir.resolve("helpdesk"))) {
      this.mail = room;
      this.store = db;
      wire(dir);
      out.printf(
          "Example Hosting, Monday %s, times in UTC. Mail: GreenMail in this JVM (SMTP port %s,"
              + " IMAP for %s and %s). Database: H2 file in %s.%n",
          MORNING.toString().substring(0, 10), room.smtp().port(), SUPPORT, BILLING, dir);
      return day();
    }
  }

  // ---------------------------------------------------------------- the company

  /** Three plans, three departments, in-house and outsourced agents, the day's customers. */
  static FakeDirectory directory() {
    Currency eur = Currency.getInstance("EUR");
    FakeDirectory d =
        new FakeDirectory()
            .plan(
                new Plan(
                    SHARED, "Shared hosting", EnumSet.of(Channel.WEB, Channel.EMAIL), 499, eur))
            .plan(
                new Plan(
                    VPS, "VPS", EnumSet.of(Channel.WEB, Channel.EMAIL, Channel.CHAT), 1_900, eur))
            .plan(
                new Plan(
                    DEDICATED,
                    "Dedicated server",
                    EnumSet.of(Channel.WEB, Channel.EMAIL, Channel.CHAT, Channel.PHONE),
                    14_900,
                    eur))
            .department(new Department(TECHNICAL, "Technical support", Optional.of(TOMAS.id())))
            .department(new Department(BILLING_DEPT, "Billing", Optional.of(BEA.id())))
            .department(new Department(SALES, "Sales", Optional.of(SAM.id())))
            .agent("tina", "Tina (L1)", 1, "technical", "sales")
            .agent("tomas", "Tomas (L2, lead)", 2, "technical")
            .agent("bea", "Bea (billing)", 1, "billing")
            .agent("sam", "Sam (sales)", 1, "sales");
    // The outsourced night desk sees technical tickets only, never billing or sales.
    d.agent("ana.nightdesk", "Ana (NightDesk Ltd, outsourced L1)", 1, "technical");
    for (String[] c : CUSTOMERS) {
      d.customer(
          new CustomerProfile(
              CustomerId.of(c[0]), c[1], c[2], Optional.empty(), false, PlanId.of(c[3])));
    }
    return d;
  }

  /** Id, name, address and plan of the day's customers. */
  private static final String[][] CUSTOMERS = {
    {"olga", "Ольга Смирнова", "olga@yandex.example", "shared"},
    {"minjun", "김민준", "minjun@naver.example", "vps"},
    {"ayse", "Ayşe Yılmaz", "ayse@firma.example", "shared"},
    {"ines", "Ines Moreau", "ines@atelier.example", "shared"},
    {"harry", "Harry Clark", "harry@clark-plumbing.example", "shared"},
    {"jonas", "Jonas Berg", "jonas@berg-bikes.example", "shared"},
    {"lena", "Lena Blume", "lena@blumen.example", "shared"},
    {"greta", "Greta Hansen", "greta@nordshop.example", "dedicated"},
    {"kemal", "Kemal Demir", "kemal@demir.example", "shared"},
    {"frank", "Frank Weber", "frank@weber-store.example", "dedicated"},
  };

  private static final String STRANGER = "mallory@elsewhere.example";

  /**
   * Business targets by plan: dedicated customers pay for an hour, shared ones get a working day;
   * everything else follows the library's defaults (urgent: 15 minutes to a first answer).
   */
  static SlaPolicies slaPolicies() {
    SupportHours always = SupportHours.always();
    List<SlaPolicy> policies = new ArrayList<>(SlaPolicies.defaults(always).all());
    policies.add(
        new SlaPolicy(
            "dedicated-normal",
            Optional.empty(),
            Optional.of(Priority.NORMAL),
            Optional.of(DEDICATED),
            SlaTargets.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofDays(1)),
            0.75,
            false,
            always));
    policies.add(
        new SlaPolicy(
            "shared-normal",
            Optional.empty(),
            Optional.of(Priority.NORMAL),
            Optional.of(SHARED),
            SlaTargets.of(Duration.ofHours(8), Duration.ofHours(8), Duration.ofDays(5)),
            0.75,
            false,
            always));
    return SlaPolicies.of(policies);
  }

  /** A missed first response credits 25.00 EUR; nothing else is compensated in the demo. */
  static CompensationPolicy compensation() {
    return CompensationPolicy.of(
        Map.of(
            SlaTarget.FIRST_RESPONSE,
            new CompensationPolicy.Rule(
                new CompensationPolicy.Fixed(2_500, Currency.getInstance("EUR")),
                "First response later than promised")),
        Optional.empty());
  }

  private void wire(Path dir) {
    tickets = store.ticketStore();
    timeline.lookUpIn(tickets);
    mail.account(SUPPORT, "support");
    mail.account(BILLING, "billing");
    for (String[] c : CUSTOMERS) {
      mail.account(c[2]);
    }
    mail.account(STRANGER);
    MailNotifier notifier =
        MailNotifier.builder(mail.smtp(), SUPPORT, SECRET)
            .fromName("Example Hosting Support")
            .threadLookup(tickets)
            .clock(clock)
            .build();
    desk =
        Helpdesk.builder()
            .store(tickets)
            .attachments(store.attachmentStore())
            .directory(directory)
            .notifier(
                (key, n) -> {
                  notifier.send(key, n);
                  timeline.mailed(n);
                })
            .slaPolicies(slaPolicies())
            .compensation(compensation())
            .onBreach(SlaTarget.FIRST_RESPONSE, BreachAction.RAISE_TIER, BreachAction.NOTIFY_LEAD)
            .durableListener(billing)
            .listener(timeline)
            .clock(clock)
            .build();
    intake =
        MailIntake.builder(
                desk, directory, tickets, store.mailArchive(), store.attachmentStore(), SECRET)
            .mailbox(Mailbox.of(SUPPORT, TECHNICAL))
            .mailbox(
                Mailbox.of(BILLING, BILLING_DEPT).withUnknownSenders(Mailbox.UnknownSenders.REFUSE))
            .refusalsVia(notifier)
            .clock(clock)
            .tempDirectory(dir)
            .build();
    pollers =
        Map.of(
            SUPPORT, MailboxPoller.of(intake, mail.imap("support")),
            BILLING, MailboxPoller.of(intake, mail.imap("billing")));
  }

  // ---------------------------------------------------------------- the day

  private Facts day() {
    replyFromMailProgram = morningMail();
    olga = arrivals.get(0).ticket();
    minjun = arrivals.get(1).ticket();
    ayse = arrivals.get(2).ticket();
    webFormAndPhone();
    routing();
    incident();
    urgentTicketBreaches();
    strangerQuotesAReference();
    resolutions();
    customersClose();
    return report();
  }

  private void webFormAndPhone() {
    part("The web form and the phone");
    at("08:35");
    timeline.say("Ines uses the support form in the hosting panel");
    ines =
        desk.open(
            OpenTicket.byCustomer(
                CustomerId.of("ines"),
                TECHNICAL,
                "Website shows 502 Bad Gateway",
                "Since about 08:00 atelier.example answers 502. I changed nothing."));
    at("08:40");
    timeline.say("Harry (shared plan) calls the hotline; Tina tries to open a phone ticket");
    try {
      desk.open(
          OpenTicket.byAgent(
              TINA.id(),
              CustomerId.of("harry"),
              TECHNICAL,
              "Site down",
              "Caller says clark-plumbing.example is down."));
      throw new IllegalStateException("a shared-plan customer got a phone ticket");
    } catch (NotEntitledException e) {
      refusedPhone = e.getMessage();
      timeline.say("refused: %s; Tina asks Harry to write to %s", refusedPhone, SUPPORT);
    }
    at("08:42");
    RawMail harry =
        RawMail.from("Harry Clark", "harry@clark-plumbing.example", SUPPORT, clock.instant())
            .subject("clark-plumbing.example is down (502)")
            .body("Hi, as just said on the phone: my site answers 502 Bad Gateway.\n\nHarry");
    customerWrites(harry, SUPPORT, "Harry writes to support@ instead");
    harryRef = ticketOf(harry);
    at("08:45");
    RawMail jonas =
        RawMail.from("Jonas Berg", "jonas@berg-bikes.example", SUPPORT, clock.instant())
            .subject("Shop offline: 502 Bad Gateway")
            .body("Hello,\n\nberg-bikes.example shows 502 since this morning.\n\nJonas");
    customerWrites(jonas, SUPPORT, "Jonas writes about a 502 on his shop");
    jonasRef = ticketOf(jonas);
    at("08:50");
    RawMail lena =
        RawMail.from("Lena Blume", "lena@blumen.example", SUPPORT, clock.instant())
            .subject("502 error on blumen.example")
            .body("Good morning, my flower shop shows 502. Orders are lost!\n\nLena");
    customerWrites(lena, SUPPORT, "Lena writes about a 502 too");
    lenaRef = ticketOf(lena);
    at("08:55");
    RawMail jonasAgain =
        RawMail.from("Jonas Berg", "jonas@berg-bikes.example", SUPPORT, clock.instant())
            .subject("STILL DOWN - berg-bikes.example")
            .body("Is anyone there? My shop is still offline.\n\nJonas");
    customerWrites(jonasAgain, SUPPORT, "Jonas writes again, as a new mail: a duplicate");
    duplicate = ticketOf(jonasAgain);
    at("09:00");
    timeline.say("Greta (dedicated plan) calls sales; Sam opens a phone ticket for her");
    greta =
        desk.open(
            OpenTicket.byAgent(
                SAM.id(),
                CustomerId.of("greta"),
                SALES,
                "Second dedicated server before Black Friday",
                "Caller wants a second server like her current one, ready by Thursday."));
    desk.reply(
        greta,
        SAM,
        "Thank you for your call, Greta. As agreed: a second DS-64 with the same setup, ready"
            + " Thursday 09:00, 149.00 EUR a month.");
    slaChecksAndOutbox();
  }

  private void routing() {
    part("Routing: a transfer and an escalation");
    at("09:05");
    RawMail kemal =
        RawMail.from("Kemal Demir", "kemal@demir.example", SUPPORT, clock.instant())
            .subject("Charged twice for November")
            .body("Hello, my card was charged 4.99 EUR twice on 1 November.\n\nKemal");
    customerWrites(kemal, SUPPORT, "Kemal writes to support@ about a double charge");
    kemalRef = ticketOf(kemal);
    at("09:10");
    desk.transfer(
        new Transfer(kemalRef, TINA, BILLING_DEPT, "Double charge: billing handles refunds"));
    try {
      desk.view(kemalRef, ANA);
      throw new IllegalStateException("the outsourced agent read a billing ticket");
    } catch (ActionNotPermittedException e) {
      outsourcedRefused = e.getMessage();
      timeline.say("Ana (outsourced) opens %s: refused, %s", kemalRef, outsourcedRefused);
    }
    at("09:20");
    desk.escalate(
        new Escalation(
            minjun,
            ANA,
            Tier.of(2),
            "Kernel panic after the RAM resize: needs the hypervisor console (L2)"));
    desk.assign(minjun, TOMAS, TOMAS.id());
  }

  private void incident() {
    part("The incident: a panel update broke web server web-07");
    at("09:25");
    timeline.say("Tina sees five 502 tickets from sites on web-07 and opens an incident");
    incident = desk.openIncident(TINA, "web-07: 502 on every site after the 08:00 panel update");
    List<TicketRef> affected = List.of(olga, ines, harryRef, jonasRef, lenaRef);
    for (TicketRef t : affected) {
      desk.linkToIncident(t, TINA, incident);
    }
    desk.merge(duplicate, TINA, jonasRef);
    at("09:30");
    String update =
        "The panel update at 08:00 broke the web server configuration on web-07, which hosts your"
            + " site. We are rolling it back now; sites should answer again within 30 minutes.";
    updated = desk.postIncidentUpdate(incident, TOMAS, update);
    timeline.say("one update by Tomas posted to %d tickets", updated.size());
    slaChecksAndOutbox();
    updateMails = 0;
    for (String address :
        List.of(
            "olga@yandex.example",
            "ines@atelier.example",
            "harry@clark-plumbing.example",
            "jonas@berg-bikes.example",
            "lena@blumen.example")) {
      if (mail.inbox(address).stream().anyMatch(m -> m.text().contains("rolling it back"))) {
        updateMails++;
      }
    }
    at("09:40");
    MailRoom.Received dupConfirmation = latestAbout("jonas@berg-bikes.example", duplicate);
    RawMail jonasReply =
        RawMail.from(
                "Jonas Berg",
                "jonas@berg-bikes.example",
                dupConfirmation.replyTo(),
                clock.instant())
            .subject("Re: " + dupConfirmation.subject())
            .inReplyTo(dupConfirmation.messageId())
            .body("Thanks. Will I get the orders of this morning back?\n\nJonas");
    customerWrites(
        jonasReply, SUPPORT, "Jonas answers the confirmation of his merged duplicate " + duplicate);
    duplicateLanding = landing(duplicate, jonasReply);
  }

  private void urgentTicketBreaches() {
    part("An urgent ticket misses its first response");
    at("09:45");
    timeline.say("Frank (dedicated plan) reports an outage in the panel, priority urgent");
    frank =
        desk.open(
            OpenTicket.byCustomer(
                    CustomerId.of("frank"),
                    TECHNICAL,
                    "Database server db1 not responding",
                    "MySQL on db1.weber-store.example refuses connections; the shop is down.")
                .withPriority(Priority.URGENT));
    timeline.say("everyone is on the incident; nobody answers Frank");
    at("10:05");
    billing.loseNextAcknowledgement();
    slaChecksAndOutbox();
    timeline.say("the portal's answer was lost, so the outbox delivers the credit again later");
    at("10:08");
    slaChecksAndOutbox();
    at("10:10");
    desk.assign(frank, TOMAS, TOMAS.id());
    desk.reply(
        frank,
        TOMAS,
        "Sorry for the wait, Frank. db1's disk was full of binary logs; I cleared them and MySQL"
            + " is up again.");
  }

  private void strangerQuotesAReference() {
    part("A stranger quotes another customer's reference");
    at("10:15");
    victimThreadBefore = tickets.thread(find(olga).id()).size();
    RawMail stranger =
        RawMail.from("Mallory", STRANGER, "support+" + olga.value() + "@" + DOMAIN, clock.instant())
            .subject("Re: [" + olga + "] Не открывается сайт после обновления панели")
            .body(
                "I am Olga's new developer. Please send me the FTP password of olga-shop.example.");
    customerWrites(stranger, SUPPORT, "Mallory writes with Olga's reference " + olga);
    strangerTicket =
        tickets.ticketByMessageId(stranger.messageId()).flatMap(tickets::find).orElseThrow();
    strangerLanding = landing(olga, stranger);
    victimThreadAfter = tickets.thread(find(olga).id()).size();
    timeline.say(
        "Mallory is not Olga, so his mail opened %s; Olga's %s keeps its %d messages",
        strangerTicket.reference(), olga, victimThreadAfter);
    at("10:20");
    desk.reply(
        strangerTicket.reference(),
        TINA,
        "We discuss an account only with its holder. Please ask the account holder to contact us.");
  }

  private void resolutions() {
    part("Answers and proposed resolutions");
    at("10:30");
    desk.reply(ayse, BEA, "Merhaba Ayşe Hanım, yeni fatura adresiniz kaydedildi.");
    slaChecksAndOutbox();
    desk.proposeResolution(
        ayse, BEA, "Aralık faturanızdan itibaren yeni adres görünecek. Sorun çözüldüyse kapatın.");
    desk.reply(kemalRef, BEA, "You were right, Kemal: we refunded the second 4.99 EUR today.");
    slaChecksAndOutbox();
    desk.proposeResolution(kemalRef, BEA, "The refund shows on your card within 3 days.");
    at("10:45");
    desk.reply(minjun, TOMAS, "Minjun, I booted your VPS with the previous kernel; SSH works.");
    slaChecksAndOutbox();
    desk.proposeResolution(
        minjun, TOMAS, "The new kernel needed a module for the larger memory; it is installed.");
    at("11:00");
    List<TicketRef> proposed =
        desk.proposeIncidentResolution(
            incident,
            TOMAS,
            "web-07 runs on the previous configuration again and every site answers. If yours"
                + " works, please close this ticket; if not, just reply.");
    timeline.say("one proposal by Tomas on %d incident tickets", proposed.size());
    at("11:05");
    desk.proposeResolution(
        frank, TOMAS, "We added an alert on db1's disk so it cannot fill up unnoticed again.");
    desk.proposeResolution(greta, SAM, "Your order is placed; the server is ready Thursday.");
    slaChecksAndOutbox();
    at("11:20");
    MailRoom.Received proposal = latestAbout("lena@blumen.example", lenaRef);
    RawMail lenaReply =
        RawMail.from("Lena Blume", "lena@blumen.example", proposal.replyTo(), clock.instant())
            .subject("Re: " + proposal.subject())
            .inReplyTo(proposal.messageId())
            .body("The shop works, but shop.blumen.example still shows 502.\n\nLena");
    customerWrites(lenaReply, SUPPORT, "Lena answers the proposal: a subdomain is still down");
    at("11:40");
    desk.reply(lenaRef, TINA, "The PHP pool of shop.blumen.example had not restarted; it has now.");
    slaChecksAndOutbox();
    desk.proposeResolution(lenaRef, TINA, "Both blumen.example and shop.blumen.example answer.");
    slaChecksAndOutbox();
  }

  private void customersClose() {
    part("Customers close their tickets and rate them");
    try {
      desk.close(olga, TINA);
      throw new IllegalStateException("an agent closed a customer's ticket");
    } catch (ActionNotPermittedException e) {
      staffCloseRefused = e.getMessage();
      timeline.say("Tina tries to close %s herself: refused, %s", olga, staffCloseRefused);
    }
    List<Verdict> verdicts =
        List.of(
            new Verdict(olga, "olga", 5, 9, "Быстро и понятно, спасибо!"),
            new Verdict(ines, "ines", 4, 8, ""),
            new Verdict(harryRef, "harry", 4, 7, "Phone support would be nice."),
            new Verdict(jonasRef, "jonas", 3, 6, "Two hours offline is long for a shop."),
            new Verdict(lenaRef, "lena", 5, 10, "Tina fixed the subdomain in minutes."),
            new Verdict(ayse, "ayse", 5, 10, "Teşekkürler!"),
            new Verdict(kemalRef, "kemal", 5, 9, ""),
            new Verdict(minjun, "minjun", 5, 10, "감사합니다!"),
            new Verdict(
                frank, "frank", 3, 5, "Fixed fast once someone looked, but 25 minutes of silence."),
            new Verdict(greta, "greta", 5, 10, ""));
    Instant noon = Instant.parse("2026-11-23T12:00:00Z");
    for (int i = 0; i < verdicts.size(); i++) {
      slaChecksAndOutbox();
      clock.set(noon.plus(Duration.ofMinutes(7L * i)));
      Verdict v = verdicts.get(i);
      Actor.Customer customer = Actor.customer(CustomerId.of(v.customer()));
      // In the panel: "My problem is solved", then the rating form.
      desk.close(v.ticket(), customer);
      desk.feedback(v.ticket(), customer, v.rating(), v.recommend(), v.comment());
    }
    slaChecksAndOutbox();
  }

  private Facts report() {
    at("14:00");
    pollAndDeliver();
    SupportReport report = desk.report(Actor.system("reports"), MORNING, clock.instant());
    ReportPrinter.print(out, report, directory);
    out.printf(
        "Billing portal: %d credit(s) paid from %d deliveries: %s%n",
        billing.credits().size(),
        billing.deliveries(),
        billing.credits().stream()
            .map(
                c ->
                    BillingPortal.money(c.amountMinor(), c.currency())
                        + " "
                        + c.currency().getCurrencyCode()
                        + " to "
                        + c.customer())
            .toList());

    List<Ticket> all = ticketsOfTheDay();
    Map<String, Integer> inboxes = new java.util.LinkedHashMap<>();
    for (String[] c : CUSTOMERS) {
      inboxes.put(c[2], mail.inbox(c[2]).size());
    }
    return new Facts(
        openedByChannel(all),
        List.copyOf(arrivals),
        replyFromMailProgram,
        refusedPhone,
        find(minjun),
        find(kemalRef),
        outsourcedRefused,
        tickets.linkedTo(incident).size(),
        updated,
        updateMails,
        (int) events(all).filter(SlaBreached.class::isInstance).count(),
        frank,
        billing.credits(),
        billing.deliveries(),
        duplicateLanding,
        find(duplicate).status(),
        strangerLanding,
        victimThreadBefore,
        victimThreadAfter,
        strangerTicket.requester(),
        inboxes,
        mail.inbox("olga@yandex.example").stream().anyMatch(m -> m.text().contains("FTP")),
        staffCloseRefused,
        closures(all),
        (int)
            events(all)
                .filter(dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived.class::isInstance)
                .count(),
        report);
  }

  private Landing morningMail() {
    part("Morning: mail in three languages");
    at("08:05");
    RawMail russian =
        RawMail.from("Ольга Смирнова", "olga@yandex.example", SUPPORT, clock.instant())
            .subject("Не открывается сайт после обновления панели")
            .body(
                "Здравствуйте!\n\nПосле ночного обновления панели мой сайт olga-shop.example"
                    + " показывает ошибку 502.\nПомогите, пожалуйста.\n\nОльга",
                StandardCharsets.UTF_8,
                RawMail.Encoding.EIGHT_BIT);
    customerWrites(russian, SUPPORT, "Olga writes to support@ in Russian (UTF-8, 8bit)");
    at("08:08");
    RawMail korean =
        RawMail.from("김민준", "minjun@naver.example", SUPPORT, clock.instant())
            .subject("VPS 재부팅 후 접속이 안 됩니다")
            .body(
                "안녕하세요.\n\n어제 VPS 메모리를 늘린 후 재부팅했는데 SSH 접속이 되지 않습니다.\n확인" + " 부탁드립니다.\n\n김민준 드림",
                StandardCharsets.UTF_8,
                RawMail.Encoding.BASE64);
    customerWrites(korean, SUPPORT, "Minjun writes to support@ in Korean (UTF-8, base64)");
    at("08:12");
    Charset turkish = Charset.forName("windows-1254");
    RawMail turkishMail =
        RawMail.from("Ayşe Yılmaz", "ayse@firma.example", BILLING, clock.instant())
            .subject("Fatura adresimi değiştirmek istiyorum")
            .body(
                "Merhaba,\n\nŞirketimizin adresi değişti. Faturalarımızda yeni adres görünsün:"
                    + " İstiklal Caddesi 42, Şişli, İstanbul.\n\nTeşekkürler,\nAyşe",
                turkish,
                RawMail.Encoding.QUOTED_PRINTABLE);
    customerWrites(
        turkishMail,
        BILLING,
        "Ayşe writes to billing@ in Turkish (windows-1254, quoted-printable)");
    record(russian, "Russian");
    record(korean, "Korean");
    record(turkishMail, "Turkish");

    // Minjun's ticket: the outsourced L1 asks a question, Minjun answers from his mail program.
    at("08:22");
    TicketRef vps = ticketOf(korean);
    desk.reply(
        vps, ANA, "Hello Minjun, which IP address does your VPS have, and does the console work?");
    slaChecksAndOutbox();
    at("08:29");
    MailRoom.Received question = latestAbout("minjun@naver.example", vps);
    timeline.say(
        "Minjun's mail program shows \"%s\" from %s; he presses Reply",
        question.subject(), SUPPORT);
    RawMail answer =
        RawMail.from("김민준", "minjun@naver.example", question.replyTo(), clock.instant())
            .subject("Re: " + question.subject())
            .inReplyTo(question.messageId())
            .body(
                "IP는 203.0.113.17 입니다. 콘솔에서는 \"kernel panic\"이 보입니다.\n\n"
                    + "> "
                    + question.text().lines().findFirst().orElse("")
                    + "\n> Hello Minjun, which IP address does your VPS have?\n");
    customerWrites(answer, SUPPORT, "Minjun answers: IP 203.0.113.17, kernel panic on the console");
    return landing(vps, answer);
  }

  // ---------------------------------------------------------------- helpers

  /** Starts a part of the story once what the last one had to send has left. */
  private void part(String title) {
    slaChecksAndOutbox();
    timeline.part(title);
  }

  /**
   * Moves the simulated clock to a time of the day (forward only), after the scheduler's round at
   * the old time, so what the last step had to send leaves when it would have.
   */
  private void at(String hhmm) {
    Instant t = Instant.parse("2026-11-23T" + hhmm + ":00Z");
    if (t.isBefore(clock.instant())) {
      throw new IllegalStateException("the story goes back in time to " + hhmm);
    }
    slaChecksAndOutbox();
    clock.set(t);
  }

  /** Sends the mail and lets the desk's scheduler run once, as its 30-second poll would. */
  private void customerWrites(RawMail m, String envelopeTo, String story) {
    timeline.say("%s", story);
    mail.send(m, envelopeTo);
    poll(envelopeTo);
    slaChecksAndOutbox();
  }

  /** One round of the scheduler: poll both mailboxes, run the SLA checks, send the outbox. */
  private void pollAndDeliver() {
    poll(SUPPORT);
    poll(BILLING);
    slaChecksAndOutbox();
  }

  private void poll(String mailbox) {
    try {
      MailboxPoller.PollSummary polled = pollers.get(mailbox).pollOnce();
      if (polled.retryLater() > 0 || polled.refused() > 0) {
        timeline.say("IMAP %s: %s", mailbox, polled);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("polling " + mailbox + " failed", e);
    }
  }

  private void slaChecksAndOutbox() {
    desk.runDueSlaChecks();
    desk.deliverOutbox();
  }

  private Ticket find(TicketRef ref) {
    return tickets.findByReference(ref).orElseThrow();
  }

  private TicketRef ticketOf(RawMail m) {
    return tickets
        .ticketByMessageId(m.messageId())
        .flatMap(tickets::find)
        .map(Ticket::reference)
        .orElseThrow(() -> new IllegalStateException("no ticket for " + m.messageId()));
  }

  /** Where the intake filed {@code m}, and the body its thread entry keeps. */
  private Landing landing(TicketRef meantFor, RawMail m) {
    Ticket landed = tickets.ticketByMessageId(m.messageId()).flatMap(tickets::find).orElseThrow();
    String body =
        tickets.thread(landed.id()).stream()
            .filter(e -> e.messageId().filter(m.messageId()::equals).isPresent())
            .map(ThreadEntry::body)
            .findFirst()
            .orElseThrow();
    return new Landing(meantFor, landed.reference(), body);
  }

  private void record(RawMail m, String language) {
    Ticket t = tickets.ticketByMessageId(m.messageId()).flatMap(tickets::find).orElseThrow();
    arrivals.add(
        new Arrival(
            language,
            t.reference(),
            m.subject(),
            m.text(),
            t.subject(),
            tickets.thread(t.id()).get(0).body()));
  }

  /** The newest mail in the customer's inbox about the ticket. */
  private MailRoom.Received latestAbout(String address, TicketRef ref) {
    List<MailRoom.Received> inbox = mail.inbox(address);
    for (int i = inbox.size() - 1; i >= 0; i--) {
      if (inbox.get(i).subject().contains(ref.value())) {
        return inbox.get(i);
      }
    }
    throw new IllegalStateException("no mail about " + ref + " for " + address);
  }

  private List<Ticket> ticketsOfTheDay() {
    return tickets.openedBetween(MORNING, clock.instant(), Optional.empty(), 1_000);
  }

  private Stream<HelpdeskEvent> events(List<Ticket> all) {
    return all.stream().flatMap(t -> tickets.events(t.id()).stream());
  }

  private static Map<Channel, Integer> openedByChannel(List<Ticket> all) {
    Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
    for (Ticket t : all) {
      counts.merge(t.channel(), 1, Integer::sum);
    }
    return counts;
  }

  private List<Closure> closures(List<Ticket> all) {
    List<Closure> out = new ArrayList<>();
    for (Ticket t : all) {
      for (HelpdeskEvent e : tickets.events(t.id())) {
        if (e instanceof TicketClosed c) {
          out.add(new Closure(t.reference(), c.actor(), t.requester()));
        }
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
