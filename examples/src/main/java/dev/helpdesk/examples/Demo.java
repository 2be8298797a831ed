package dev.helpdesk.examples;

import dev.helpdesk.ActionNotPermittedException;
import dev.helpdesk.Actor;
import dev.helpdesk.AgentId;
import dev.helpdesk.CustomerId;
import dev.helpdesk.DepartmentId;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.ThreadEntry;
import dev.helpdesk.TicketRef;
import dev.helpdesk.TicketView;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryTicketStore;
import java.io.PrintStream;

/**
 * The runnable demo: a hosting company's desk on embedded defaults. It opens a ticket, answers it,
 * lets the customer close it and prints the thread, then shows that staff cannot close a ticket.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  public static void run(PrintStream out) {
    FakeDirectory directory =
        new FakeDirectory()
            .department("tech", "Technical support")
            .customer("alice", "Alice Example", "alice@example.com")
            .agent("tina", "Tina", 1, "tech");
    Notifier notifier =
        (key, n) -> out.printf("  mail to %s: %s%n", n.recipientEmail(), n.subject());
    TicketStore store = new InMemoryTicketStore();

    out.println("Outbox delivered:");
    TicketView view = QuickStart.run(store, directory, notifier);
    out.printf(
        "%nTicket %s: %s [%s]%n",
        view.ticket().reference(), view.ticket().subject(), view.ticket().status());
    for (ThreadEntry e : view.thread()) {
      out.printf("  %s  %-16s %s%n", e.at(), e.author().label(), e.body());
    }

    Helpdesk desk = Helpdesk.builder().store(store).directory(directory).notifier(notifier).build();
    TicketRef second =
        desk.open(
            OpenTicket.byCustomer(
                CustomerId.of("alice"), DepartmentId.of("tech"), "Mail bounces", "Since noon."));
    try {
      desk.close(second, Actor.agent(AgentId.of("tina")));
    } catch (ActionNotPermittedException refused) {
      out.printf("%nStaff tried to close %s: %s%n", second, refused.getMessage());
    }
  }
}
