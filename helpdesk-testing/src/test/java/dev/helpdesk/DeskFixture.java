package dev.helpdesk;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryAttachmentStore;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.RecordingListener;
import dev.helpdesk.testing.RecordingNotifier;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.Ticket;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;

/** A desk on in-memory parts with a small hosting company's people, for the facade's tests. */
final class DeskFixture {
  static final DepartmentId TECH = DepartmentId.of("tech");
  static final DepartmentId BILLING = DepartmentId.of("billing");
  static final DepartmentId SALES = DepartmentId.of("sales");
  static final DepartmentId OUTSOURCED = DepartmentId.of("night-shift");

  static final PlanId DEDICATED = PlanId.of("dedicated");
  static final Actor.Customer ALICE = Actor.customer(CustomerId.of("alice"));
  static final Actor.Customer BOB = Actor.customer(CustomerId.of("bob"));
  static final Actor.Customer CAROL = Actor.customer(CustomerId.of("carol"));
  static final Actor.Customer DAVE = Actor.customer(CustomerId.of("dave"));
  static final Actor.Agent TINA = Actor.agent(AgentId.of("tina"));
  static final Actor.Agent TOM = Actor.agent(AgentId.of("tom"));
  static final Actor.Agent BILL = Actor.agent(AgentId.of("bill"));
  static final Actor.Agent OLGA = Actor.agent(AgentId.of("olga"));
  static final Actor.System INTAKE = Actor.system("mail-intake");

  final SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
  final FakeDirectory directory =
      new FakeDirectory()
          .department("tech", "Technical support")
          .department("billing", "Billing")
          .department("sales", "Sales")
          .department("night-shift", "Night shift (outsourced)")
          .customer("alice", "Alice Example", "alice@example.com")
          .plan(
              new Plan(
                  DEDICATED,
                  "Dedicated server",
                  EnumSet.allOf(Channel.class),
                  20_000,
                  Currency.getInstance("EUR")))
          .customer(
              new CustomerProfile(
                  BOB.id(), "Bob Example", "bob@example.com", Optional.empty(), false, DEDICATED))
          .organizationMember("carol", "Carol Acme", "carol@acme.example", "acme")
          .organizationMember("dave", "Dave Acme", "dave@acme.example", "acme")
          .agent("tina", "Tina L1", 1, "tech", "sales")
          .agent("tom", "Tom L2", 2, "tech")
          .agent("bill", "Bill Billing", 1, "billing")
          .agent("olga", "Olga Outsourced", 1, "night-shift");
  final InMemoryTicketStore store = new InMemoryTicketStore();
  final InMemoryAttachmentStore attachments = new InMemoryAttachmentStore(1 << 20);
  final RecordingNotifier notifier = new RecordingNotifier();
  final RecordingListener listener = new RecordingListener();
  final Helpdesk desk;

  DeskFixture() {
    this(Helpdesk.builder());
  }

  DeskFixture(Helpdesk.Builder builder) {
    desk =
        builder
            .store(store)
            .directory(directory)
            .notifier(notifier)
            .attachments(attachments)
            .listener(listener)
            .durableListener(listener)
            .clock(clock)
            .random(new Random(7))
            .category(Category.of("billing-problem"), BILLING, Priority.HIGH)
            .build();
  }

  TicketRef openByAlice(String subject) {
    return desk.open(
        OpenTicket.byCustomer(ALICE.id(), TECH, subject, "My site shows a 500 error."));
  }

  Ticket ticket(TicketRef ref) {
    return store.findByReference(ref).orElseThrow();
  }
}
