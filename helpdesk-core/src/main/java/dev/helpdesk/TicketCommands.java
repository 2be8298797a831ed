package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.internal.TicketAggregate;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands on an existing ticket, each through the {@link Pipeline}: what the directory or the
 * policies contribute is looked up here, the aggregate decides, and the thread entries and
 * notifications the accepted events owe are added to the step.
 */
final class TicketCommands {
  private static final Actor DELIVERY = Actor.system("mail-delivery");

  private final Pipeline desk;
  private final TicketAggregate aggregate;
  private final Opening opening;
  private final CompensationPolicy compensation;

  TicketCommands(Pipeline desk, Opening opening, CompensationPolicy compensation) {
    this.desk = desk;
    this.aggregate = desk.aggregate;
    this.opening = opening;
    this.compensation = compensation;
  }

  /** Posts a message; a public staff message is mailed to the customer as {@code staffNotice}. */
  TicketRef post(PostMessage command, Notification.Kind staffNotice) {
    requireNonNull(command, "command must not be null");
    opening.requireAttachmentStoreFor(command.attachments());
    Actor actor = command.actor();
    Ticket target = desk.survivor(desk.load(command.ticket()));
    Action action = TicketAggregate.messageAction(target, actor, command.visibility());
    if (aggregate.needsFollowUp(target, actor, command.visibility(), desk.now())) {
      desk.auth.see(target, actor, action.verb());
      return opening.followUp(target, command);
    }
    Ticket landed =
        desk.execute(
            target.reference(),
            actor,
            action,
            (t, now) -> {
              ThreadEntry entry = entry(t, actor, command, now);
              List<HelpdeskEvent> events =
                  aggregate.post(t, actor, command.visibility(), entry.id(), now).eventsOrThrow();
              TicketStatus next = ((HelpdeskEvent.MessagePosted) events.get(0)).statusAfter();
              List<OutboxMessage> outbox =
                  action == Action.STAFF_MESSAGE
                      ? desk.notifications.toCustomer(staffNotice, t, entry, now)
                      : reopens(t, next)
                          ? List.of(desk.notifications.reopened(t, t.version() + 1, now))
                          : List.of();
              return new Step(events, List.of(entry), outbox, Set.of());
            });
    return landed.reference();
  }

  /** The chat transcript, kept as one public chat message and mailed to the customer (R12). */
  TicketRef recordChatTranscript(TicketRef ticket, Actor actor, String transcript) {
    requireNonNull(actor, "actor must not be null");
    desk.auth.staff(actor, "record a chat transcript on", String.valueOf(ticket));
    return post(
        PostMessage.reply(ticket, actor, transcript).withChannel(Channel.CHAT),
        Notification.Kind.CHAT_TRANSCRIPT);
  }

  /** An internal note by the system that mail to {@code recipient} could not be delivered. */
  void recordDeliveryFailure(TicketRef ticket, String recipient, String reason) {
    requireNonNull(recipient, "recipient must not be null");
    requireNonNull(reason, "reason must not be null");
    String body = "Mail to " + recipient + " could not be delivered: " + reason;
    post(
        PostMessage.note(
            ticket,
            DELIVERY,
            body.length() <= Limits.BODY_MAX ? body : body.substring(0, Limits.BODY_MAX)),
        Notification.Kind.STAFF_REPLY);
  }

  void proposeResolution(TicketRef ticket, Actor actor, String body) {
    Checks.body(body);
    desk.execute(
        ticket,
        actor,
        Action.PROPOSE_RESOLUTION,
        (t, now) -> {
          ThreadEntry entry = entry(t, actor, PostMessage.reply(t.reference(), actor, body), now);
          return new Step(
              aggregate.proposeResolution(t, actor, entry.id(), now).eventsOrThrow(),
              List.of(entry),
              desk.notifications.resolutionProposed(t, entry, now),
              Set.of());
        });
  }

  void close(TicketRef ticket, Actor actor) {
    desk.execute(
        ticket,
        actor,
        Action.CLOSE,
        (t, now) ->
            new Step(
                aggregate.close(t, actor, now).eventsOrThrow(),
                List.of(),
                List.of(desk.notifications.feedbackRequest(t, t.version() + 1, now)),
                Set.of()));
  }

  void reopen(TicketRef ticket, Actor actor) {
    desk.execute(
        ticket,
        actor,
        Action.REOPEN,
        (t, now) ->
            new Step(
                aggregate.reopen(t, actor, now).eventsOrThrow(),
                List.of(),
                List.of(desk.notifications.reopened(t, t.version() + 1, now)),
                Set.of()));
  }

  /** Hold, resume or await the customer. */
  void changeStatus(TicketRef ticket, Actor actor, Action action) {
    desk.execute(
        ticket,
        actor,
        action,
        (t, now) -> events(aggregate.changeStatus(t, actor, action, now).eventsOrThrow()));
  }

  void merge(TicketRef duplicate, Actor actor, TicketRef original) {
    requireNonNull(original, "original must not be null");
    Ticket survivor = desk.load(original);
    desk.auth.see(survivor, actor, "merge into");
    desk.execute(
        duplicate,
        actor,
        Action.MERGE,
        (t, now) -> events(aggregate.merge(t, actor, survivor, now).eventsOrThrow()));
  }

  void markSpam(TicketRef ticket, Actor actor) {
    desk.execute(
        ticket,
        actor,
        Action.MARK_SPAM,
        (t, now) -> events(aggregate.markSpam(t, actor, now).eventsOrThrow()));
  }

  void assign(TicketRef ticket, Actor actor, AgentId assignee) {
    requireNonNull(assignee, "assignee must not be null");
    desk.execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, now) ->
            events(
                aggregate
                    .assign(t, actor, assignee, desk.directory.agent(assignee), now)
                    .eventsOrThrow()));
  }

  void unassign(TicketRef ticket, Actor actor) {
    desk.execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, now) -> events(aggregate.unassign(t, actor, now).eventsOrThrow()));
  }

  void transfer(Transfer command) {
    requireNonNull(command, "command must not be null");
    checkArgument(
        desk.directory.department(command.to()).isPresent(),
        "unknown department '%s'",
        command.to());
    desk.execute(
        command.ticket(),
        command.actor(),
        Action.ROUTE,
        (t, now) ->
            events(
                aggregate
                    .transfer(t, command.actor(), command.to(), command.reason(), now)
                    .eventsOrThrow()));
  }

  void escalate(Escalation command) {
    requireNonNull(command, "command must not be null");
    desk.execute(
        command.ticket(),
        command.actor(),
        Action.ROUTE,
        (t, now) ->
            events(
                aggregate
                    .escalate(t, command.actor(), command.to(), command.reason(), now)
                    .eventsOrThrow()));
  }

  void changePriority(TicketRef ticket, Actor actor, Priority priority) {
    requireNonNull(priority, "priority must not be null");
    desk.execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, now) -> events(aggregate.changePriority(t, actor, priority, now).eventsOrThrow()));
  }

  /** Links the ticket to {@code incident}, which must exist, or unlinks it (empty). */
  void linkIncident(TicketRef ticket, Actor actor, Optional<IncidentId> incident) {
    incident.ifPresent(
        i -> checkArgument(desk.store.incident(i).isPresent(), "unknown incident '%s'", i));
    desk.execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, now) -> events(aggregate.linkIncident(t, actor, incident, now).eventsOrThrow()));
  }

  /** The unfixable credit is owed once per ticket (R10) and delivered through the outbox. */
  void declareUnfixable(TicketRef ticket, Actor actor, String reason) {
    Checks.reason(reason);
    desk.execute(
        ticket,
        actor,
        Action.DECLARE_UNFIXABLE,
        (t, now) -> {
          Optional<Compensation> credit =
              desk.planOf(t.requester())
                  .flatMap(desk.directory::plan)
                  .flatMap(compensation::forCannotBeFixed);
          List<HelpdeskEvent> events =
              aggregate.declareUnfixable(t, actor, credit, reason, now).eventsOrThrow();
          CompensationOwed owed = (CompensationOwed) events.get(0);
          return new Step(
              events,
              List.of(),
              List.of(
                  new OutboxMessage(
                      owed.idempotencyKey(), t.id(), now, new OutboxMessage.DurableEvent(owed))),
              Set.of(owed.idempotencyKey()));
        });
  }

  /** The customer rates their closed ticket (R13), once per closure. */
  void feedback(TicketRef ticket, Actor actor, int rating, int recommend, String comment) {
    requireNonNull(comment, "comment must not be null");
    desk.execute(
        ticket,
        actor,
        Action.FEEDBACK,
        (t, now) ->
            new Step(
                aggregate.feedback(t, actor, rating, recommend, comment, now).eventsOrThrow(),
                List.of(),
                List.of(),
                Set.of(TicketAggregate.feedbackKey(t))));
  }

  /** A customer's message reopens a ticket whose resolution was proposed, or that was closed. */
  private static boolean reopens(Ticket t, TicketStatus next) {
    return next == TicketStatus.OPEN
        && (t.status() == TicketStatus.RESOLUTION_PROPOSED || t.status() == TicketStatus.CLOSED);
  }

  private ThreadEntry entry(Ticket t, Actor actor, PostMessage command, Instant now) {
    return new ThreadEntry(
        new EntryId(desk.newId()),
        t.id(),
        now,
        actor,
        command.visibility(),
        command.channel(),
        command.body(),
        command.attachments(),
        command.messageId());
  }

  private static Step events(List<HelpdeskEvent> events) {
    return new Step(events, List.of(), List.of(), Set.of());
  }
}
