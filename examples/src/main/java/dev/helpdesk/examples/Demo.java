package dev.helpdesk.examples;

import dev.helpdesk.ActionNotPermittedException;
import dev.helpdesk.Actor;
import dev.helpdesk.AgentId;
import dev.helpdesk.CustomerId;
import dev.helpdesk.DepartmentId;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.Priority;
import dev.helpdesk.SlaCheckResult;
import dev.helpdesk.ThreadEntry;
import dev.helpdesk.TicketRef;
import dev.helpdesk.TicketView;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.jdbc.JdbcStore;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.FakeDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The runnable demo: a hosting company's desk on embedded defaults, an H2 database file under
 * {@code target/demo}. It opens a ticket, answers it, lets the customer close it and prints the
 * thread, then shows that staff cannot close a ticket and that an overdue ticket breaches its SLA.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    run(JdbcStore.h2File(Path.of("target", "demo", "helpdesk")).ticketStore(), System.out);
  }

  /** Runs the demo on a store, printing to {@code out}. */
  public static void run(TicketStore store, PrintStream out) {
    FakeDirectory directory =
        new FakeDirectory()
            .department("tech", "Technical support")
            .customer("alice", "Alice Example", "alice@example.com")
            .agent("tina", "Tina", 1, "tech");
    Notifier notifier =
        (key, n) -> out.printf("  mail to %s: %s%n", n.recipientEmail(), n.subject());

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

    // An urgent ticket opened 20 minutes ago has missed its 15-minute first-response target.
    Helpdesk twentyMinutesAgo =
        Helpdesk.builder()
            .store(store)
            .directory(directory)
            .notifier(notifier)
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)))
            .build();
    TicketRef overdue =
        twentyMinutesAgo.open(
            OpenTicket.byCustomer(
                    CustomerId.of("alice"), DepartmentId.of("tech"), "Shop down", "Checkout fails.")
                .withPriority(Priority.URGENT));
    SlaCheckResult checks = desk.runDueSlaChecks();
    out.printf(
        "%nSLA check: %s breach(es) recorded, each exactly once; %s:%n",
        checks.breaches(), overdue);
    for (HelpdeskEvent e : desk.history(overdue, Actor.agent(AgentId.of("tina")))) {
      out.printf("  v%s %s by %s%n", e.version(), e.getClass().getSimpleName(), e.actor().label());
    }
  }
}
