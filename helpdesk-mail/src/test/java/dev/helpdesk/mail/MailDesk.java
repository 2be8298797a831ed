package dev.helpdesk.mail;

import dev.helpdesk.Helpdesk;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryAttachmentStore;
import dev.helpdesk.testing.InMemoryMailArchive;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.RecordingNotifier;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A desk with mail intake over in-memory stores that an {@link Outage} can take down. */
final class MailDesk {
  static final String DOMAIN = "desk.example";
  static final byte[] SECRET = "a host secret of 32 bytes.......".getBytes(StandardCharsets.UTF_8);
  static final DepartmentId TECH = DepartmentId.of("tech");
  static final DepartmentId BILLING = DepartmentId.of("billing");
  static final Actor.Customer ALICE = Actor.customer(CustomerId.of("alice"));
  static final Actor.Customer BOB = Actor.customer(CustomerId.of("bob"));
  static final Actor.Agent TINA = Actor.agent(AgentId.of("tina"));

  final SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
  final FakeDirectory directory =
      new FakeDirectory()
          .department("tech", "Technical support")
          .department("billing", "Billing")
          .customer("alice", "Alice Example", "alice@example.com")
          .customer("bob", "Bob Example", "bob@example.com")
          .organizationMember("carol", "Carol Acme", "carol@acme.example", "acme")
          .organizationMember("dave", "Dave Acme", "dave@acme.example", "acme")
          .agent("tina", "Tina L1", 1, "tech", "billing");
  final Outage outage = new Outage();
  final InMemoryTicketStore memoryStore = new InMemoryTicketStore();
  final TicketStore store;
  final MailArchive archive = outage.wrap(MailArchive.class, new InMemoryMailArchive());
  final AttachmentStore attachments =
      outage.wrap(AttachmentStore.class, new InMemoryAttachmentStore(8 << 20));
  final RecordingNotifier notifier = new RecordingNotifier();
  final SignedMessageIds ids = new SignedMessageIds(DOMAIN, SECRET);
  final Helpdesk desk;
  final MailIntake intake;

  MailDesk() {
    this(b -> b);
  }

  MailDesk(UnaryOperator<MailIntake.Builder> config) {
    this(config, null);
  }

  MailDesk(UnaryOperator<MailIntake.Builder> config, Function<TicketStore, Notifier> notifierFor) {
    this(config, notifierFor, null);
  }

  /**
   * A desk whose intake {@code config} refines, mailing through {@code notifierFor} if given; the
   * ticket store also fails during {@code ticketOutage}, if given.
   */
  MailDesk(
      UnaryOperator<MailIntake.Builder> config,
      Function<TicketStore, Notifier> notifierFor,
      Outage ticketOutage) {
    TicketStore tickets = outage.wrap(TicketStore.class, memoryStore);
    store = ticketOutage == null ? tickets : ticketOutage.wrap(TicketStore.class, tickets);
    desk =
        Helpdesk.builder()
            .store(store)
            .directory(directory)
            .notifier(notifierFor == null ? notifier : notifierFor.apply(store))
            .attachments(attachments)
            .clock(clock)
            .random(new Random(7))
            .build();
    intake =
        config
            .apply(
                MailIntake.builder(desk, directory, store, archive, attachments, SECRET)
                    .mailbox(Mailbox.of("support@desk.example", TECH))
                    .mailbox(
                        Mailbox.of("billing@desk.example", BILLING)
                            .withUnknownSenders(Mailbox.UnknownSenders.REFUSE))
                    .messageIdDomain(DOMAIN)
                    .clock(clock))
            .build();
  }

  IntakeResult accept(Mails mail) {
    return intake.accept(mail.stream(), "test");
  }

  Ticket ticket(TicketRef ref) {
    return memoryStore.findByReference(ref).orElseThrow();
  }

  TicketRef created(IntakeResult result) {
    if (result instanceof IntakeResult.Created c) {
      return c.ticket();
    }
    throw new AssertionError("expected a new ticket, got " + result);
  }

  Optional<Ticket> find(TicketRef ref) {
    return memoryStore.findByReference(ref);
  }
}
