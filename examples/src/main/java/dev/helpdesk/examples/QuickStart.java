package dev.helpdesk.examples;

import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.TicketView;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.TicketStore;

/** The README's quick start, kept here so it compiles and runs in a test and cannot rot. */
public final class QuickStart {
  private QuickStart() {}

  /** Opens, answers and closes one ticket; returns what the customer sees. */
  public static TicketView run(TicketStore store, Directory directory, Notifier notifier) {
    // README-QUICKSTART-BEGIN
    Helpdesk desk = Helpdesk.builder().store(store).directory(directory).notifier(notifier).build();
    Actor.Customer alice = Actor.customer(CustomerId.of("alice"));
    Actor.Agent tina = Actor.agent(AgentId.of("tina"));
    DepartmentId tech = DepartmentId.of("tech");

    TicketRef ref = desk.open(OpenTicket.byCustomer(alice.id(), tech, "Site down", "HTTP 500"));
    desk.reply(ref, tina, "PHP-FPM crashed; restarted it.");
    desk.proposeResolution(ref, tina, "Your shop is back. Please confirm.");
    desk.close(ref, alice); // only the customer may close (R9)
    desk.deliverOutbox(); // confirmation and replies leave through the notifier
    // README-QUICKSTART-END
    return desk.view(ref, alice);
  }
}
