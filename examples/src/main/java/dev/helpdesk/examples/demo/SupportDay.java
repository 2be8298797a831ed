package dev.helpdesk.examples.demo;

import dev.helpdesk.Actor;
import dev.helpdesk.AgentId;
import dev.helpdesk.Channel;
import dev.helpdesk.CustomerId;
import dev.helpdesk.DepartmentId;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.PlanId;
import dev.helpdesk.ThreadEntry;
import dev.helpdesk.Ticket;
import dev.helpdesk.TicketRef;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.mail.MailIntake;
import dev.helpdesk.mail.MailNotifier;
import dev.helpdesk.mail.Mailbox;
import dev.helpdesk.mail.MailboxPoller;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Plan;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.SettableClock;
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
   */
  public record Facts(
      Map<Channel, Integer> openedByChannel,
      List<Arrival> arrivals,
      Landing replyFromMailProgram) {}

  /** A mail as the customer wrote it and as the desk stored it in the ticket it opened. */
  public record Arrival(
      String language,
      TicketRef ticket,
      String sentSubject,
      String sentBody,
      String storedSubject,
      String storedBody) {}

  /**
   * Where a mail landed compared with the ticket it was meant for.
   *
   * @param landedIn the ticket the intake filed it in
   * @param body the body the thread keeps (quoted history cut)
   */
  public record Landing(TicketRef meantFor, TicketRef landedIn, String body) {}

  private final PrintStream out;
  private final SettableClock clock = SettableClock.at(MORNING);
  private final Timeline timeline;
  private final FakeDirectory directory = directory();
  private final List<Arrival> arrivals = new ArrayList<>();
  private MailRoom mail;
  private JdbcStore store;
  private TicketStore tickets;
  private Helpdesk desk;
  private MailIntake intake;
  private List<MailboxPoller> pollers;

  private SupportDay(PrintStream out) {
    this.out = out;
    this.timeline = new Timeline(out, clock);
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
          "Example Hosting, %s (UTC). Mail server: GreenMail in this JVM, SMTP %s; database: H2"
              + " file %s%n",
          MORNING.toString().substring(0, 10), room.smtp().port(), dir.resolve("helpdesk"));
      Landing reply = morningMail();
      return new Facts(openedByChannel(), List.copyOf(arrivals), reply);
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
    customer(d, "olga", "Ольга Смирнова", "olga@yandex.example", SHARED);
    customer(d, "minjun", "김민준", "minjun@naver.example", VPS);
    customer(d, "ayse", "Ayşe Yılmaz", "ayse@firma.example", SHARED);
    return d;
  }

  private static void customer(FakeDirectory d, String id, String name, String email, PlanId plan) {
    d.customer(new CustomerProfile(CustomerId.of(id), name, email, Optional.empty(), false, plan));
  }

  private void wire(Path dir) {
    tickets = store.ticketStore();
    timeline.lookUpIn(tickets);
    mail.account(SUPPORT, "support");
    mail.account(BILLING, "billing");
    for (String address :
        List.of("olga@yandex.example", "minjun@naver.example", "ayse@firma.example")) {
      mail.account(address);
    }
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
            .notifier(notifier)
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
        List.of(
            MailboxPoller.of(intake, mail.imap("support")),
            MailboxPoller.of(intake, mail.imap("billing")));
  }

  // ---------------------------------------------------------------- the day

  private Landing morningMail() {
    timeline.part("Morning: mail in three languages");
    clock.advance(Duration.ofMinutes(5));
    RawMail russian =
        RawMail.from("Ольга Смирнова", "olga@yandex.example", SUPPORT, clock.instant())
            .subject("Не открывается сайт после обновления панели")
            .body(
                "Здравствуйте!\n\nПосле ночного обновления панели мой сайт olga-shop.example"
                    + " показывает ошибку 502.\nПомогите, пожалуйста.\n\nОльга",
                StandardCharsets.UTF_8,
                RawMail.Encoding.EIGHT_BIT);
    customerWrites(russian, SUPPORT, "Olga writes to support@ in Russian (UTF-8, 8bit)");
    clock.advance(Duration.ofMinutes(3));
    RawMail korean =
        RawMail.from("김민준", "minjun@naver.example", SUPPORT, clock.instant())
            .subject("VPS 재부팅 후 접속이 안 됩니다")
            .body(
                "안녕하세요.\n\n어제 VPS 메모리를 늘린 후 재부팅했는데 SSH 접속이 되지 않습니다.\n확인" + " 부탁드립니다.\n\n김민준 드림",
                StandardCharsets.UTF_8,
                RawMail.Encoding.BASE64);
    customerWrites(korean, SUPPORT, "Minjun writes to support@ in Korean (UTF-8, base64)");
    clock.advance(Duration.ofMinutes(4));
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

    pollAndDeliver();
    record(russian, "Russian");
    record(korean, "Korean");
    record(turkishMail, "Turkish");

    // Minjun's ticket: the outsourced L1 asks a question, Minjun answers from his mail program.
    clock.advance(Duration.ofMinutes(10));
    TicketRef vps = ticketOf(korean);
    desk.reply(
        vps, ANA, "Hello Minjun, which IP address does your VPS have, and does the console work?");
    pollAndDeliver();
    clock.advance(Duration.ofMinutes(7));
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
    pollAndDeliver();
    Ticket landed =
        tickets.ticketByMessageId(answer.messageId()).flatMap(tickets::find).orElseThrow();
    List<ThreadEntry> thread = tickets.thread(landed.id());
    return new Landing(vps, landed.reference(), thread.get(thread.size() - 1).body());
  }

  // ---------------------------------------------------------------- helpers

  private void customerWrites(RawMail m, String envelopeTo, String story) {
    timeline.say("%s", story);
    mail.send(m, envelopeTo);
  }

  /** Polls both mailboxes and sends what the desk has to say, as the scheduler would. */
  private void pollAndDeliver() {
    for (MailboxPoller p : pollers) {
      try {
        p.pollOnce();
      } catch (MessagingException e) {
        throw new IllegalStateException("polling failed", e);
      }
    }
    desk.deliverOutbox();
  }

  private TicketRef ticketOf(RawMail m) {
    return tickets
        .ticketByMessageId(m.messageId())
        .flatMap(tickets::find)
        .map(Ticket::reference)
        .orElseThrow(() -> new IllegalStateException("no ticket for " + m.messageId()));
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

  private Map<Channel, Integer> openedByChannel() {
    Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
    for (Ticket t :
        tickets.openedBetween(MORNING, clock.instant().plusSeconds(1), Optional.empty(), 1_000)) {
      counts.merge(t.channel(), 1, Integer::sum);
    }
    return counts;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
