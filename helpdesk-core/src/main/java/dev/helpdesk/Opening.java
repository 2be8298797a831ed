package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.NotEntitledException;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.ticket.AttachmentRef;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opening tickets: resolving the requester against the directory, the category's default department
 * and priority (R14), the plan's channels (R6), the confirmation with content and reference (R3),
 * and the follow-up ticket a customer's late message opens.
 */
final class Opening {
  private final Pipeline desk;
  private final Map<Category, CategoryDefault> categories;
  private final Optional<AttachmentStore> attachments;

  Opening(
      Pipeline desk,
      Map<Category, CategoryDefault> categories,
      Optional<AttachmentStore> attachments) {
    this.desk = desk;
    this.categories = ImmutableMap.copyOf(categories);
    this.attachments = attachments;
  }

  /** The department and priority a category implies when the opener gives none (R14). */
  record CategoryDefault(DepartmentId department, Priority priority) {}

  TicketRef open(OpenTicket command) {
    Actor actor = command.openedBy();
    Requester requester = resolve(command.requester());
    Optional<CustomerProfile> customer = desk.customerOf(requester);
    Optional<CategoryDefault> byCategory = command.category().map(categories::get);
    DepartmentId department =
        command
            .department()
            .or(() -> byCategory.map(CategoryDefault::department))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "category "
                            + command.category().orElseThrow()
                            + " has no default department"));
    checkArgument(
        desk.directory.department(department).isPresent(), "unknown department '%s'", department);
    Priority priority =
        command
            .priority()
            .or(() -> byCategory.map(CategoryDefault::priority))
            .orElse(Priority.NORMAL);
    desk.auth.open(actor, requester, department);
    customer.ifPresent(c -> requireEntitled(c, command.channel()));
    return openTicket(command, actor, requester, customer, department, priority, Optional.empty());
  }

  /** After the reopen window a customer message opens a new ticket that links to the old one. */
  TicketRef followUp(Ticket closed, PostMessage command) {
    String subject =
        closed.subject().length() + 4 <= Limits.SUBJECT_MAX
            ? "Re: " + closed.subject()
            : closed.subject();
    OpenTicket open =
        new OpenTicket(
            command.actor(),
            closed.requester(),
            Optional.of(closed.department()),
            subject,
            command.body(),
            command.channel(),
            Optional.of(closed.priority()),
            closed.category(),
            closed.participants(),
            Map.of(),
            command.attachments(),
            command.messageId());
    return openTicket(
        open,
        command.actor(),
        closed.requester(),
        desk.customerOf(closed.requester()),
        closed.department(),
        closed.priority(),
        Optional.of(closed.id()));
  }

  /** Refuses attachments when the desk has no attachment store to keep their bytes. */
  void requireAttachmentStoreFor(List<AttachmentRef> refs) {
    checkArgument(
        refs.isEmpty() || attachments.isPresent(),
        "attachments need an attachment store; configure Helpdesk.builder().attachments(...)");
  }

  private TicketRef openTicket(
      OpenTicket command,
      Actor actor,
      Requester requester,
      Optional<CustomerProfile> customer,
      DepartmentId department,
      Priority priority,
      Optional<TicketId> previous) {
    requireAttachmentStoreFor(command.attachments());
    for (int attempt = 1; ; attempt++) {
      Instant now = desk.now();
      TicketId id = new TicketId(desk.newId());
      TicketRef reference = desk.newReference();
      ThreadEntry first =
          new ThreadEntry(
              new EntryId(desk.newId()),
              id,
              now,
              actor,
              Visibility.PUBLIC,
              command.channel(),
              command.body(),
              command.attachments(),
              command.messageId());
      TicketOpened event =
          new TicketOpened(
              id,
              1,
              actor,
              now,
              reference,
              requester,
              customer.flatMap(CustomerProfile::organization),
              department,
              priority,
              command.category(),
              command.channel(),
              command.subject(),
              Tier.L1,
              command.participants(),
              command.customFields(),
              first.id(),
              previous);
      Ticket ticket = desk.aggregate.opened(event, desk.planOf(requester));
      TicketChange change =
          new TicketChange(
              ticket,
              0,
              List.of(first),
              List.of(event),
              List.of(desk.notifications.confirmation(ticket, first, now)),
              Set.of());
      try {
        desk.store.commit(change);
      } catch (ConcurrentUpdateException e) {
        // Only a reference collision (40 random bits) can make a new ticket's commit lose.
        if (attempt >= Pipeline.COMMIT_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      desk.publish(event);
      return reference;
    }
  }

  private Requester resolve(Requester requester) {
    if (requester instanceof Requester.Unknown u) {
      return desk.directory
          .customerByEmail(u.email())
          .<Requester>map(p -> new Requester.Known(p.id()))
          .orElse(requester);
    }
    Requester.Known known = (Requester.Known) requester;
    checkArgument(
        desk.directory.customer(known.customer()).isPresent(),
        "unknown customer '%s'",
        known.customer());
    return requester;
  }

  private void requireEntitled(CustomerProfile customer, Channel channel) {
    Plan plan =
        desk.directory
            .plan(customer.plan())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the directory names plan '"
                            + customer.plan()
                            + "' of customer "
                            + customer.id()
                            + " but does not know it"));
    if (!plan.channels().contains(channel)) {
      throw new NotEntitledException(customer.id(), plan.id(), channel);
    }
  }
}
