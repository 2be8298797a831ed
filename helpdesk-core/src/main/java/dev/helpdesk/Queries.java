package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** What the desk answers without changing anything, each answer authorized for the actor. */
final class Queries {
  private final Pipeline desk;
  private final Optional<AttachmentStore> attachments;

  Queries(Pipeline desk, Optional<AttachmentStore> attachments) {
    this.desk = desk;
    this.attachments = attachments;
  }

  TicketView view(TicketRef ticket, Actor actor) {
    Ticket t = desk.load(ticket);
    desk.auth.see(t, actor, "view");
    List<ThreadEntry> thread = desk.store.thread(t.id());
    if (actor instanceof Actor.Customer) {
      thread = thread.stream().filter(e -> e.visibility() == Visibility.PUBLIC).toList();
    }
    return new TicketView(t, thread);
  }

  List<HelpdeskEvent> history(TicketRef ticket, Actor actor) {
    return desk.store.events(staffReads(ticket, actor).id());
  }

  /** The ticket rebuilt from its events alone, with the requester's plan as it is now (R11). */
  Ticket replay(TicketRef ticket, Actor actor) {
    Ticket t = staffReads(ticket, actor);
    return desk.aggregate.replay(desk.store.events(t.id()), desk.planOf(t.requester()));
  }

  /** The ticket whose paper trail a staff member who reaches it reads. */
  private Ticket staffReads(TicketRef ticket, Actor actor) {
    Ticket t = desk.load(ticket);
    desk.auth.staffSee(t, actor, "read the history of");
    return t;
  }

  List<Ticket> queue(Actor actor, DepartmentId department, Optional<QueueKey> after, int limit) {
    requireNonNull(department, "department must not be null");
    requireNonNull(after, "after must not be null");
    Checks.pageSize(limit);
    desk.auth.queue(actor, department);
    return desk.store.queue(department, after, limit);
  }

  List<Ticket> ticketsOf(Actor.Customer actor, int limit) {
    requireNonNull(actor, "actor must not be null");
    Checks.pageSize(limit);
    CustomerProfile profile = desk.auth.customer(actor, "list tickets");
    if (profile.seesOrganizationTickets() && profile.organization().isPresent()) {
      return desk.store.ticketsOfOrganization(profile.organization().get(), limit);
    }
    return desk.store.ticketsOf(actor.id(), limit);
  }

  InputStream attachment(TicketRef ticket, Actor actor, String sha256) {
    requireNonNull(sha256, "sha256 must not be null");
    TicketView view = view(ticket, actor);
    boolean visible =
        view.thread().stream()
            .flatMap(e -> e.attachments().stream())
            .anyMatch(a -> a.sha256().equals(sha256));
    if (!visible) {
      throw new ActionNotPermittedException(
          actor, "read attachment " + sha256 + " of", ticket.value(), "not in the thread they see");
    }
    return attachments
        .flatMap(s -> s.open(sha256))
        .orElseThrow(
            () -> new IllegalStateException("attachment " + sha256 + " is missing from the store"));
  }
}
