package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import dev.helpdesk.Lifecycle.Action;
import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IllegalTransitionException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.NotEntitledException;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketNotFoundException;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.IncidentLinked;
import dev.helpdesk.event.HelpdeskEvent.MarkedAsSpam;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.PriorityChanged;
import dev.helpdesk.event.HelpdeskEvent.ResolutionProposed;
import dev.helpdesk.event.HelpdeskEvent.StatusChanged;
import dev.helpdesk.event.HelpdeskEvent.TicketAssigned;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketEscalated;
import dev.helpdesk.event.HelpdeskEvent.TicketMerged;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.event.ServiceLevelEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.event.ServiceLevelEvent.SlaWarningReached;
import dev.helpdesk.metrics.SupportMetrics;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.metrics.TicketHistory;
import dev.helpdesk.sla.BreachAction;
import dev.helpdesk.sla.ClockExplanation;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.sla.SlaDue;
import dev.helpdesk.sla.SlaEngine;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.DurableListener;
import dev.helpdesk.spi.HelpdeskListener;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.spi.TimeCursor;
import dev.helpdesk.ticket.AttachmentRef;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The helpdesk: the one entry point of the library. Every command and query takes the {@link Actor}
 * performing it and is authorized here, from the host's {@link Directory}: customers reach only
 * their own (or their organization's) tickets and never internal notes; agents reach only their
 * departments; only the customer closes (R9).
 *
 * <p>Thread-safe. Each command reads the ticket, decides one event, and commits ticket, thread
 * entries, event and outbox messages in one atomic store call; a lost optimistic race is retried.
 * Listeners run after the commit. The desk starts no threads.
 */
public final class Helpdesk {
  private static final Logger log = LoggerFactory.getLogger(Helpdesk.class);

  private static final int COMMIT_ATTEMPTS = 8;
  private static final Actor DELIVERY = Actor.system("mail-delivery");
  private static final int MERGE_CHAIN_MAX = 32;
  private static final Duration OUTBOX_LEASE = Duration.ofMinutes(2);
  private static final int DUE_BATCH = 500;
  private static final int REPORT_BATCH = 500;

  private final TicketStore store;
  private final Directory directory;
  private final Optional<AttachmentStore> attachments;
  private final List<HelpdeskListener> listeners;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration reopenWindow;
  private final Map<Category, CategoryDefault> categories;
  private final Notifications notifications;
  private final Authorization auth;
  private final OutboxCourier courier;
  private final SlaEngine sla;
  private final CompensationPolicy compensation;
  private final BreachConsequences breaches;
  private final SupportHours supportHours;

  private Helpdesk(Builder b) {
    this.store = b.store;
    this.directory = b.directory;
    this.attachments = Optional.ofNullable(b.attachments);
    this.listeners = ImmutableList.copyOf(b.listeners);
    this.clock = b.clock;
    this.random = b.random;
    this.reopenWindow = b.reopenWindow;
    this.categories = ImmutableMap.copyOf(b.categories);
    this.notifications = new Notifications(directory);
    this.auth = new Authorization(directory);
    this.breaches =
        new BreachConsequences(
            directory,
            notifications,
            b.compensation,
            ImmutableMap.copyOf(b.breachActions),
            this::planOf);
    this.courier =
        new OutboxCourier(
            store,
            b.notifier,
            ImmutableList.copyOf(b.durableListeners),
            this::now,
            "node-" + UUID.randomUUID(),
            OUTBOX_LEASE,
            (n, e) -> recordDeliveryFailure(n.reference(), e.recipient(), e.getMessage()));
    this.sla =
        new SlaEngine(b.slaPolicies != null ? b.slaPolicies : SlaPolicies.defaults(b.supportHours));
    this.compensation = b.compensation;
    this.supportHours = b.supportHours;
  }

  /** Starts configuring a desk; {@link Builder#build()} names any missing port. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- opening

  /**
   * Opens a ticket and sends the requester a confirmation with its content and reference (R3). Mail
   * from an address the directory knows is filed under that customer.
   */
  public TicketRef open(OpenTicket command) {
    requireNonNull(command, "command must not be null");
    Actor actor = command.openedBy();
    Requester requester = resolve(command.requester());
    Optional<CustomerProfile> customer = customerOf(requester);
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
        directory.department(department).isPresent(), "unknown department '%s'", department);
    Priority priority =
        command
            .priority()
            .or(() -> byCategory.map(CategoryDefault::priority))
            .orElse(Priority.NORMAL);
    auth.open(actor, requester, department);
    customer.ifPresent(c -> requireEntitled(c, command.channel()));
    return openTicket(command, actor, requester, customer, department, priority, Optional.empty());
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
      Instant now = now();
      TicketId id = new TicketId(new UUID(random.nextLong(), random.nextLong()));
      TicketRef reference = TicketRef.random(random);
      ThreadEntry first =
          new ThreadEntry(
              new EntryId(new UUID(random.nextLong(), random.nextLong())),
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
      Ticket ticket = opened(event, planOf(requester));
      TicketChange change =
          new TicketChange(
              ticket,
              0,
              List.of(first),
              List.of(event),
              List.of(notifications.confirmation(ticket, first, now)),
              Set.of());
      try {
        store.commit(change);
      } catch (ConcurrentUpdateException e) {
        // Only a reference collision (40 random bits) can make a new ticket's commit lose.
        if (attempt >= COMMIT_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      publish(event);
      return reference;
    }
  }

  // ---------------------------------------------------------------- messages

  /**
   * Adds a message to a ticket. A customer message reopens a ticket that waits, has a proposed
   * resolution, or was closed within the reopen window; after the window it opens a new ticket
   * linked to the old one. A message to a merged ticket lands in the surviving ticket.
   *
   * @return the ticket the message landed in
   */
  public TicketRef post(PostMessage command) {
    return post(command, Notification.Kind.STAFF_REPLY);
  }

  /**
   * Keeps the transcript of a live chat that ended with the ticket, as one public chat message, and
   * mails it to the customer (R12). Staff or the chat integration record it.
   *
   * @return the ticket the transcript landed in
   */
  public TicketRef recordChatTranscript(TicketRef ticket, Actor actor, String transcript) {
    requireNonNull(actor, "actor must not be null");
    if (actor instanceof Actor.Customer) {
      throw new ActionNotPermittedException(
          actor,
          "record a chat transcript on",
          String.valueOf(ticket),
          "staff or the chat system only");
    }
    return post(
        PostMessage.reply(ticket, actor, transcript).withChannel(Channel.CHAT),
        Notification.Kind.CHAT_TRANSCRIPT);
  }

  /** Posts a message; a public staff message is mailed to the customer as {@code staffNotice}. */
  private TicketRef post(PostMessage command, Notification.Kind staffNotice) {
    requireNonNull(command, "command must not be null");
    requireAttachmentStoreFor(command.attachments());
    Actor actor = command.actor();
    Ticket target = survivor(load(command.ticket()));
    boolean customerSide = isCustomerSide(actor, target);
    Action action =
        command.visibility() == Visibility.INTERNAL
            ? Action.NOTE
            : customerSide ? Action.CUSTOMER_MESSAGE : Action.STAFF_MESSAGE;
    if (action == Action.CUSTOMER_MESSAGE
        && target.status() == TicketStatus.CLOSED
        && !withinReopenWindow(target)) {
      auth.command(target, actor, action);
      return followUp(target, command);
    }
    Ticket landed =
        execute(
            target.reference(),
            actor,
            action,
            (t, next, now) -> {
              if (action == Action.CUSTOMER_MESSAGE
                  && t.status() == TicketStatus.CLOSED
                  && !withinReopenWindow(t)) {
                throw new IllegalTransitionException(
                    t.reference(), actor, "reopen (the reopen window has passed)", t.status());
              }
              ThreadEntry entry = entry(t, actor, command, now);
              MessagePosted event =
                  new MessagePosted(
                      t.id(),
                      t.version() + 1,
                      actor,
                      now,
                      entry.id(),
                      command.visibility(),
                      t.status(),
                      next);
              List<OutboxMessage> outbox =
                  action == Action.STAFF_MESSAGE
                      ? notifications.toCustomer(staffNotice, t, entry, now)
                      : reopens(t, next)
                          ? List.of(notifications.reopened(t, t.version() + 1, now))
                          : List.of();
              return new Step(event, List.of(entry), outbox);
            });
    return landed.reference();
  }

  /**
   * Records on the ticket, as an internal note by the system, that mail to {@code recipient} could
   * not be delivered (a bounce, or a permanent refusal while sending), so staff see why the
   * customer does not answer. The ticket's status and clocks do not change.
   */
  public void recordDeliveryFailure(TicketRef ticket, String recipient, String reason) {
    requireNonNull(recipient, "recipient must not be null");
    requireNonNull(reason, "reason must not be null");
    String body = "Mail to " + recipient + " could not be delivered: " + reason;
    note(
        ticket,
        DELIVERY,
        body.length() <= Limits.BODY_MAX ? body : body.substring(0, Limits.BODY_MAX));
  }

  /** A customer's message reopens a ticket whose resolution was proposed, or that was closed. */
  private static boolean reopens(Ticket t, TicketStatus next) {
    return next == TicketStatus.OPEN
        && (t.status() == TicketStatus.RESOLUTION_PROPOSED || t.status() == TicketStatus.CLOSED);
  }

  /** A public reply; see {@link #post(PostMessage)}. */
  public TicketRef reply(TicketRef ticket, Actor actor, String body) {
    return post(PostMessage.reply(ticket, actor, body));
  }

  /** An internal note, never shown to customers. */
  public void note(TicketRef ticket, Actor actor, String body) {
    post(PostMessage.note(ticket, actor, body));
  }

  /** A public staff reply rendered from a stored template (R18). */
  public TicketRef replyWithTemplate(TicketRef ticket, Actor actor, String templateName) {
    requireNonNull(templateName, "templateName must not be null");
    ReplyTemplate template =
        store
            .template(templateName)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown template '" + templateName + "'"));
    Ticket t = load(ticket);
    auth.see(t, actor, "reply to");
    Map<String, String> values = new HashMap<>();
    values.put("customer_name", notifications.requester(t).name());
    values.put("ticket_reference", t.reference().value());
    values.put("ticket_subject", t.subject());
    values.put("agent_name", actorName(actor));
    values.put(
        "department_name",
        directory.department(t.department()).map(d -> d.name()).orElse(t.department().value()));
    return reply(ticket, actor, template.render(values));
  }

  // ---------------------------------------------------------------- lifecycle

  /** Staff propose a resolution; only the customer can accept it by closing (R9). */
  public void proposeResolution(TicketRef ticket, Actor actor, String body) {
    Checks.body(body);
    execute(
        ticket,
        actor,
        Action.PROPOSE_RESOLUTION,
        (t, next, now) -> {
          ThreadEntry entry = entry(t, actor, PostMessage.reply(t.reference(), actor, body), now);
          return new Step(
              new ResolutionProposed(t.id(), t.version() + 1, actor, now, entry.id(), t.status()),
              List.of(entry),
              notifications.resolutionProposed(t, entry, now));
        });
  }

  /**
   * The customer closes their ticket: their problem is solved. Anyone else gets {@link
   * ActionNotPermittedException}, whatever their role (R9).
   */
  public void close(TicketRef ticket, Actor actor) {
    execute(
        ticket,
        actor,
        Action.CLOSE,
        (t, next, now) -> {
          auth.requester(t, actor, Action.CLOSE);
          TicketClosed event = new TicketClosed(t.id(), t.version() + 1, actor, now, t.status());
          return new Step(
              event, List.of(), List.of(notifications.feedbackRequest(t, event.version(), now)));
        });
  }

  /** The customer reopens a proposed resolution, or a closed ticket within the reopen window. */
  public void reopen(TicketRef ticket, Actor actor) {
    execute(
        ticket,
        actor,
        Action.REOPEN,
        (t, next, now) -> {
          auth.requester(t, actor, Action.REOPEN);
          if (t.status() == TicketStatus.CLOSED && !withinReopenWindow(t)) {
            throw new IllegalTransitionException(
                t.reference(),
                actor,
                "reopen (the reopen window has passed; write to it instead)",
                t.status());
          }
          return new Step(
              new TicketReopened(t.id(), t.version() + 1, actor, now, t.status()),
              List.of(),
              List.of(notifications.reopened(t, t.version() + 1, now)));
        });
  }

  /** Staff put a ticket on hold (waiting on a third party). */
  public void hold(TicketRef ticket, Actor actor) {
    changeStatus(ticket, actor, Action.HOLD);
  }

  /** Staff take a ticket that is on hold or waiting back into work. */
  public void resume(TicketRef ticket, Actor actor) {
    changeStatus(ticket, actor, Action.RESUME);
  }

  /** Staff mark that the ticket waits on the customer (pauses SLA clocks). */
  public void awaitCustomer(TicketRef ticket, Actor actor) {
    changeStatus(ticket, actor, Action.AWAIT_CUSTOMER);
  }

  private void changeStatus(TicketRef ticket, Actor actor, Action action) {
    execute(
        ticket,
        actor,
        action,
        (t, next, now) ->
            Step.of(new StatusChanged(t.id(), t.version() + 1, actor, now, t.status(), next)));
  }

  /**
   * Staff merge a duplicate into the original ticket, which must be the older of the two (so merges
   * can never form a cycle), still alive, and of the same requester: a merge across customers would
   * lock the duplicate's customer out of their own ticket and send staff replies meant for them to
   * the other customer. Messages to the duplicate then land in the original.
   */
  public void merge(TicketRef duplicate, Actor actor, TicketRef original) {
    requireNonNull(original, "original must not be null");
    Ticket survivor = load(original);
    auth.see(survivor, actor, "merge into");
    execute(
        duplicate,
        actor,
        Action.MERGE,
        (t, next, now) -> {
          checkArgument(
              !t.id().equals(survivor.id()), "cannot merge ticket %s into itself", t.reference());
          checkArgument(
              isOlder(survivor, t),
              "merge the newer ticket into the older one: %s was opened after %s",
              survivor.reference(),
              t.reference());
          checkArgument(
              t.requester().equals(survivor.requester()),
              "cannot merge %s of %s into %s of %s: a duplicate merges only into a ticket of the"
                  + " same requester",
              t.reference(),
              t.requester(),
              survivor.reference(),
              survivor.requester());
          if (survivor.status().isFinal()) {
            throw new IllegalTransitionException(
                survivor.reference(), actor, "merge into", survivor.status());
          }
          return Step.of(
              new TicketMerged(t.id(), t.version() + 1, actor, now, survivor.id(), t.status()));
        });
  }

  /** Staff mark a ticket from a sender unknown to the directory as spam; customers are asked. */
  public void markSpam(TicketRef ticket, Actor actor) {
    execute(
        ticket,
        actor,
        Action.MARK_SPAM,
        (t, next, now) -> {
          if (t.requester() instanceof Requester.Known) {
            throw new ActionNotPermittedException(
                actor,
                Action.MARK_SPAM.verb,
                t.reference().value(),
                "the requester is a known customer");
          }
          return Step.of(new MarkedAsSpam(t.id(), t.version() + 1, actor, now, t.status()));
        });
  }

  // ---------------------------------------------------------------- routing

  /** Assigns the ticket to an agent who reaches its department and works at its tier. */
  public void assign(TicketRef ticket, Actor actor, AgentId assignee) {
    requireNonNull(assignee, "assignee must not be null");
    execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, next, now) -> {
          AgentProfile profile =
              directory
                  .agent(assignee)
                  .orElseThrow(
                      () -> new IllegalArgumentException("unknown agent '" + assignee + "'"));
          checkArgument(
              profile.reaches(t.department()),
              "agent %s does not work in department %s of ticket %s",
              assignee,
              t.department(),
              t.reference());
          checkArgument(
              profile.tier().compareTo(t.tier()) >= 0,
              "agent %s works at %s, ticket %s is at %s",
              assignee,
              profile.tier(),
              t.reference(),
              t.tier());
          return Step.of(
              new TicketAssigned(
                  t.id(), t.version() + 1, actor, now, t.assignee(), Optional.of(assignee)));
        });
  }

  /** Removes the assignee. */
  public void unassign(TicketRef ticket, Actor actor) {
    execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, next, now) ->
            Step.of(
                new TicketAssigned(
                    t.id(), t.version() + 1, actor, now, t.assignee(), Optional.empty())));
  }

  /** Moves a ticket to another department with its whole history (R8); the transfer is counted. */
  public void transfer(Transfer command) {
    requireNonNull(command, "command must not be null");
    checkArgument(
        directory.department(command.to()).isPresent(), "unknown department '%s'", command.to());
    execute(
        command.ticket(),
        command.actor(),
        Action.ROUTE,
        (t, next, now) -> {
          checkArgument(
              !t.department().equals(command.to()),
              "ticket %s is already in department %s",
              t.reference(),
              command.to());
          return Step.of(
              new TicketTransferred(
                  t.id(),
                  t.version() + 1,
                  command.actor(),
                  now,
                  t.department(),
                  command.to(),
                  command.reason(),
                  t.assignee()));
        });
  }

  /** Moves a ticket to another tier with a reason (R8). */
  public void escalate(Escalation command) {
    requireNonNull(command, "command must not be null");
    execute(
        command.ticket(),
        command.actor(),
        Action.ROUTE,
        (t, next, now) -> {
          checkArgument(
              !t.tier().equals(command.to()),
              "ticket %s is already at %s",
              t.reference(),
              command.to());
          return Step.of(
              new TicketEscalated(
                  t.id(),
                  t.version() + 1,
                  command.actor(),
                  now,
                  t.tier(),
                  command.to(),
                  command.reason(),
                  t.assignee()));
        });
  }

  /** Changes the priority; SLA deadlines follow. */
  public void changePriority(TicketRef ticket, Actor actor, Priority priority) {
    requireNonNull(priority, "priority must not be null");
    execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, next, now) -> {
          checkArgument(
              t.priority() != priority,
              "ticket %s already has priority %s",
              t.reference(),
              priority);
          return Step.of(
              new PriorityChanged(t.id(), t.version() + 1, actor, now, t.priority(), priority));
        });
  }

  // ---------------------------------------------------------------- incidents

  /** Opens an incident that tickets can be linked to (R20). */
  public IncidentId openIncident(Actor actor, String title) {
    auth.agent(actor, "open an incident");
    Incident incident =
        new Incident(
            new IncidentId(new UUID(random.nextLong(), random.nextLong())),
            title,
            ((Actor.Agent) actor).id(),
            now(),
            Optional.empty());
    store.saveIncident(incident);
    return incident.id();
  }

  /** Links a ticket to an incident, or moves it to another one. */
  public void linkToIncident(TicketRef ticket, Actor actor, IncidentId incident) {
    requireNonNull(incident, "incident must not be null");
    checkArgument(store.incident(incident).isPresent(), "unknown incident '%s'", incident);
    execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, next, now) ->
            Step.of(
                new IncidentLinked(
                    t.id(), t.version() + 1, actor, now, t.incident(), Optional.of(incident))));
  }

  /** Removes a ticket's incident link. */
  public void unlinkFromIncident(TicketRef ticket, Actor actor) {
    execute(
        ticket,
        actor,
        Action.ROUTE,
        (t, next, now) -> {
          checkArgument(
              t.incident().isPresent(), "ticket %s is linked to no incident", t.reference());
          return Step.of(
              new IncidentLinked(
                  t.id(), t.version() + 1, actor, now, t.incident(), Optional.empty()));
        });
  }

  /**
   * Posts one staff update to every live ticket of the incident, each customer notified (R20). The
   * agent must reach every ticket's department; nothing is posted otherwise.
   *
   * @return the tickets updated
   */
  public List<TicketRef> postIncidentUpdate(IncidentId incident, Actor actor, String body) {
    Checks.body(body);
    List<Ticket> live = liveTicketsOf(incident, actor);
    List<TicketRef> updated = new ArrayList<>();
    for (Ticket t : live) {
      updated.add(
          post(PostMessage.reply(t.reference(), actor, body), Notification.Kind.INCIDENT_UPDATE));
    }
    return ImmutableList.copyOf(updated);
  }

  /**
   * Proposes one resolution for every live ticket of the incident and marks the incident resolved;
   * each customer still decides for their own ticket.
   *
   * @return the tickets that got the proposal
   */
  public List<TicketRef> proposeIncidentResolution(IncidentId incident, Actor actor, String body) {
    Checks.body(body);
    List<Ticket> live = liveTicketsOf(incident, actor);
    List<TicketRef> proposed = new ArrayList<>();
    for (Ticket t : live) {
      if (Lifecycle.next(Action.PROPOSE_RESOLUTION, t.status()).isPresent()) {
        proposeResolution(t.reference(), actor, body);
        proposed.add(t.reference());
      }
    }
    Incident i = store.incident(incident).orElseThrow();
    store.saveIncident(
        new Incident(i.id(), i.title(), i.openedBy(), i.openedAt(), Optional.of(now())));
    return ImmutableList.copyOf(proposed);
  }

  private List<Ticket> liveTicketsOf(IncidentId incident, Actor actor) {
    requireNonNull(incident, "incident must not be null");
    checkArgument(store.incident(incident).isPresent(), "unknown incident '%s'", incident);
    List<Ticket> live = new ArrayList<>();
    for (Ticket t : store.linkedTo(incident)) {
      if (!t.status().isFinal()) {
        auth.see(t, actor, "update");
        live.add(t);
      }
    }
    return live;
  }

  // ---------------------------------------------------------------- templates

  /** Stores a reply template (staff only); its placeholders were checked when it was created. */
  public void saveTemplate(Actor actor, ReplyTemplate template) {
    requireNonNull(template, "template must not be null");
    auth.agent(actor, "save templates");
    store.saveTemplate(template);
  }

  /** Every stored reply template, by name (staff only). */
  public List<ReplyTemplate> templates(Actor actor) {
    auth.agent(actor, "read templates");
    return store.templates();
  }

  // ---------------------------------------------------------------- queries

  /** A ticket and its thread as the actor may see it (R4): customers never see internal notes. */
  public TicketView view(TicketRef ticket, Actor actor) {
    Ticket t = load(ticket);
    auth.see(t, actor, "view");
    List<ThreadEntry> thread = store.thread(t.id());
    if (actor instanceof Actor.Customer) {
      thread = thread.stream().filter(e -> e.visibility() == Visibility.PUBLIC).toList();
    }
    return new TicketView(t, thread);
  }

  /** The paper trail of a ticket (R11), for staff. */
  public List<HelpdeskEvent> history(TicketRef ticket, Actor actor) {
    Ticket t = load(ticket);
    if (actor instanceof Actor.Customer) {
      throw new ActionNotPermittedException(
          actor, "read the history of", ticket.value(), "staff only");
    }
    auth.see(t, actor, "read the history of");
    return store.events(t.id());
  }

  /**
   * One page of a department's open work, most pressing first (R7), after {@code after} when paging
   * on. Staff who reach the department only.
   */
  public List<Ticket> queue(
      Actor actor, DepartmentId department, Optional<QueueKey> after, int limit) {
    requireNonNull(department, "department must not be null");
    requireNonNull(after, "after must not be null");
    Checks.pageSize(limit);
    if (actor instanceof Actor.Agent) {
      AgentProfile agent = auth.agent(actor, "read the queue of " + department);
      if (!agent.reaches(department)) {
        throw new ActionNotPermittedException(
            actor, "read the queue of", department.value(), "not their department");
      }
    } else if (!(actor instanceof Actor.System)) {
      throw new ActionNotPermittedException(
          actor, "read the queue of", department.value(), "staff only");
    }
    return store.queue(department, after, limit);
  }

  /**
   * A customer's tickets, newest first: their own, plus their organization's when the directory
   * allows it (R4).
   */
  public List<Ticket> ticketsOf(Actor.Customer actor, int limit) {
    requireNonNull(actor, "actor must not be null");
    Checks.pageSize(limit);
    CustomerProfile profile = auth.customer(actor, "list tickets");
    if (profile.seesOrganizationTickets() && profile.organization().isPresent()) {
      return store.ticketsOfOrganization(profile.organization().get(), limit);
    }
    return store.ticketsOf(actor.id(), limit);
  }

  /** Opens an attachment of a ticket the actor may view; internal ones are staff only. */
  public InputStream attachment(TicketRef ticket, Actor actor, String sha256) {
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

  // ---------------------------------------------------------------- SLA, compensation, feedback

  /**
   * Records every SLA warning and breach that is due: each (ticket, target, cycle) exactly once,
   * also when several nodes run this at the same time, because the breach's once-key commits with
   * it. A breach runs the configured escalation actions and, when the compensation policy says so,
   * owes the customer a credit delivered through the outbox (R10). Reads only the due tickets from
   * the store's index, page by page, with no cap.
   */
  public SlaCheckResult runDueSlaChecks() {
    Instant now = now();
    int checked = 0;
    int warnings = 0;
    int breaches = 0;
    Optional<TimeCursor> after = Optional.empty();
    while (true) {
      List<Ticket> page = store.due(now, after, DUE_BATCH);
      if (page.isEmpty()) {
        return new SlaCheckResult(checked, warnings, breaches);
      }
      checked += page.size();
      for (SlaDue due : handleDue(page, now)) {
        if (due.kind() == SlaDue.Kind.BREACH) {
          breaches++;
        } else {
          warnings++;
        }
      }
      Ticket last = page.get(page.size() - 1);
      after = Optional.of(new TimeCursor(last.sla().nextCheck().orElse(now), last.id()));
    }
  }

  /**
   * Records the due warnings and breaches of a page of tickets with one {@link
   * TicketStore#commitAll}, from the state the page returned; a ticket whose change lost a race is
   * handled alone from its fresh state. Returns what this node recorded.
   */
  private List<SlaDue> handleDue(List<Ticket> page, Instant now) {
    Map<TicketId, List<SlaDue>> dues = new LinkedHashMap<>();
    Map<TicketId, TicketChange> changes = new LinkedHashMap<>();
    for (Ticket t : page) {
      List<SlaDue> due = sla.due(t.sla(), now);
      if (!due.isEmpty()) {
        Optional<PlanId> plan = planOf(t);
        dues.put(t.id(), due);
        changes.put(
            t.id(),
            prepare(t, breaches.consequences(t, due, now, (before, e) -> evolve(before, e, plan))));
      }
    }
    Set<TicketId> lost = store.commitAll(List.copyOf(changes.values()));
    List<SlaDue> recorded = new ArrayList<>();
    for (Map.Entry<TicketId, TicketChange> e : changes.entrySet()) {
      if (lost.contains(e.getKey())) {
        store.find(e.getKey()).ifPresent(fresh -> recorded.addAll(handleDue(fresh, now)));
      } else {
        e.getValue().events().forEach(this::publish);
        recorded.addAll(dues.get(e.getKey()));
      }
    }
    return recorded;
  }

  /**
   * Records all of a ticket's due warnings and breaches in one commit, starting from the state the
   * due page returned; after a lost race it looks at the fresh state again (another node may have
   * recorded them). Returns what this node recorded.
   */
  private List<SlaDue> handleDue(Ticket fromPage, Instant now) {
    Optional<Ticket> current = Optional.of(fromPage);
    for (int attempt = 1; attempt <= COMMIT_ATTEMPTS && current.isPresent(); attempt++) {
      Ticket t = current.get();
      List<SlaDue> dues = sla.due(t.sla(), now);
      if (dues.isEmpty()) {
        return List.of();
      }
      try {
        Optional<PlanId> plan = planOf(t);
        commit(t, breaches.consequences(t, dues, now, (before, e) -> evolve(before, e, plan)));
        return dues;
      } catch (ConcurrentUpdateException e) {
        current = store.find(t.id());
      }
    }
    return List.of();
  }

  /**
   * Staff declare that the customer's problem cannot be fixed; the compensation policy's credit for
   * that is owed once per ticket (R10). The ticket stays open for the customer to close.
   */
  public void declareUnfixable(TicketRef ticket, Actor actor, String reason) {
    Checks.reason(reason);
    execute(
        ticket,
        actor,
        Action.DECLARE_UNFIXABLE,
        (t, next, now) -> {
          CustomerId customer =
              t.customer()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "ticket " + t.reference() + " has no known customer to compensate"));
          Compensation credit =
              planOf(t)
                  .flatMap(directory::plan)
                  .flatMap(compensation::forCannotBeFixed)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "the compensation policy owes nothing for an unfixable problem on the plan of "
                                  + customer));
          String key = TicketEvolution.unfixableKey(t.id());
          checkState(
              !t.unfixableCompensated(),
              "ticket %s was already declared unfixable and compensated",
              t.reference());
          CompensationOwed owed =
              new CompensationOwed(
                  t.id(),
                  t.version() + 1,
                  actor,
                  now,
                  customer,
                  credit.amountMinor(),
                  credit.currency(),
                  credit.reason() + ": " + reason,
                  key);
          return new Step(
              List.of(owed),
              List.of(),
              List.of(new OutboxMessage(key, t.id(), now, new OutboxMessage.DurableEvent(owed))),
              Set.of(key));
        });
  }

  /**
   * The customer rates their closed ticket (R13): a rating from 1 to 5, how likely they would
   * recommend the host from 0 to 10, and a comment. Once per closure.
   */
  public void feedback(TicketRef ticket, Actor actor, int rating, int recommend, String comment) {
    requireNonNull(comment, "comment must not be null");
    execute(
        ticket,
        actor,
        Action.FEEDBACK,
        (t, next, now) -> {
          auth.requester(t, actor, Action.FEEDBACK);
          Instant closedAt = t.closedAt().orElseThrow();
          String key = "feedback:" + t.id() + ":" + closedAt;
          checkState(
              !t.feedbackGiven(),
              "feedback for ticket %s was already given since it was closed",
              t.reference());
          return new Step(
              List.of(
                  new FeedbackReceived(
                      t.id(), t.version() + 1, actor, now, rating, recommend, comment)),
              List.of(),
              List.of(),
              Set.of(key));
        });
  }

  /**
   * The support figures (R13) of the tickets opened in {@code [from, to)}: first-response and
   * resolution times, resolution and reopen rates, SLA compliance, breaches, compensation,
   * transfers, CSAT and NPS, overall, per department and per agent. An agent's report covers only
   * the departments they reach; a system actor's covers all. Reads the period's tickets page by
   * page.
   */
  public SupportReport report(Actor actor, Instant from, Instant to) {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    checkArgument(!to.isBefore(from), "report period ends %s before it starts %s", to, from);
    Optional<AgentProfile> agent =
        actor instanceof Actor.System
            ? Optional.empty()
            : Optional.of(auth.agent(actor, "read reports"));
    List<TicketHistory> histories = new ArrayList<>();
    Optional<TimeCursor> after = Optional.empty();
    while (true) {
      List<Ticket> page = store.openedBetween(from, to, after, REPORT_BATCH);
      if (page.isEmpty()) {
        break;
      }
      for (Ticket t : page) {
        if (agent.map(a -> a.reaches(t.department())).orElse(true)) {
          histories.add(new TicketHistory(t, store.events(t.id())));
        }
      }
      Ticket last = page.get(page.size() - 1);
      after = Optional.of(new TimeCursor(last.openedAt(), last.id()));
    }
    return SupportMetrics.report(from, to, histories, supportHours);
  }

  /**
   * How each SLA clock of the ticket stands now, with its pauses, for staff to explain deadlines.
   */
  public List<ClockExplanation> explainSla(TicketRef ticket, Actor actor) {
    Ticket t = load(ticket);
    if (actor instanceof Actor.Customer) {
      throw new ActionNotPermittedException(
          actor, "read the SLA clocks of", ticket.value(), "staff only");
    }
    auth.see(t, actor, "read the SLA clocks of");
    return sla.explain(t.sla(), now());
  }

  /**
   * Starts the optional scheduler: one daemon thread that delivers the outbox and runs the SLA
   * checks every {@code period}. The desk starts no thread unless asked; close the handle to stop.
   */
  public AutoCloseable startScheduler(Duration period) {
    requireNonNull(period, "period must not be null");
    checkArgument(
        !period.isNegative() && !period.isZero(), "period must be positive, got %s", period);
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "helpdesk-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            runDueSlaChecks();
            deliverOutbox();
          } catch (RuntimeException e) {
            log.error("scheduled SLA check or outbox delivery failed; next run in {}", period, e);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    // Closing waits for a run in progress to end, so nothing of the desk runs after close().
    return () -> {
      executor.shutdownNow();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    };
  }

  /**
   * The ticket after one event, SLA clocks included: the one definition both commands and {@link
   * #replay} use, so a ticket rebuilt from its events equals the stored one (R11).
   */
  private Ticket evolve(Ticket before, HelpdeskEvent event, Optional<PlanId> plan) {
    Ticket after = TicketEvolution.apply(before, event);
    if (event instanceof SlaBreached b) {
      return after.withSla(
          sla.handled(
              after.sla(),
              new SlaDue(b.target(), b.cycle(), SlaDue.Kind.BREACH, b.deadline(), b.deadline())));
    }
    if (event instanceof SlaWarningReached w) {
      return after.withSla(
          sla.handled(
              after.sla(),
              new SlaDue(w.target(), w.cycle(), SlaDue.Kind.WARNING, w.at(), w.deadline())));
    }
    if (event instanceof ServiceLevelEvent) {
      return after;
    }
    return after.withSla(sla.onEvent(after.sla(), after, event, plan));
  }

  private Ticket opened(TicketOpened event, Optional<PlanId> plan) {
    Ticket ticket = TicketEvolution.opened(event);
    return ticket.withSla(sla.onEvent(SlaState.NONE, ticket, event, plan));
  }

  /**
   * Rebuilds a ticket from its events alone, SLA clocks included (with the requester's plan as the
   * directory tells it now): the paper trail is the ticket (R11). Staff only.
   */
  public Ticket replay(TicketRef ticket, Actor actor) {
    List<HelpdeskEvent> events = history(ticket, actor);
    Ticket t = load(ticket);
    Optional<PlanId> plan = planOf(t);
    Ticket rebuilt = opened((TicketOpened) events.get(0), plan);
    for (HelpdeskEvent e : events.subList(1, events.size())) {
      rebuilt = evolve(rebuilt, e, plan);
    }
    return rebuilt;
  }

  private Optional<PlanId> planOf(Requester requester) {
    return requester instanceof Requester.Known k
        ? directory.customer(k.customer()).map(CustomerProfile::plan)
        : Optional.empty();
  }

  private Optional<PlanId> planOf(Ticket t) {
    return planOf(t.requester());
  }

  private void requireEntitled(CustomerProfile customer, Channel channel) {
    Plan plan =
        directory
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

  // ---------------------------------------------------------------- outbox

  /**
   * Delivers pending outbox messages (notifications and durable events) until none is left: each
   * leased to this desk first, so several nodes never deliver the same one at once. A failed
   * delivery is offered again two minutes later. Call it from a scheduler of the host, or use
   * {@link #startScheduler}.
   *
   * @return how many messages were delivered
   */
  public int deliverOutbox() {
    return courier.deliverAll();
  }

  // ---------------------------------------------------------------- the command pipeline

  /** Decides a command's step from the current ticket, the table's next state and the time. */
  @FunctionalInterface
  private interface Decision {
    Step decide(Ticket current, TicketStatus next, Instant now);
  }

  /**
   * Loads, authorizes, decides and commits one command, retrying a lost optimistic race: the
   * decision is taken again on the fresh state, so a retry never applies a stale decision.
   */
  private Ticket execute(TicketRef ref, Actor actor, Action action, Decision decision) {
    requireNonNull(ref, "ticket must not be null");
    requireNonNull(actor, "actor must not be null");
    for (int attempt = 1; ; attempt++) {
      Ticket current = load(ref);
      auth.command(current, actor, action);
      TicketStatus next =
          Lifecycle.next(action, current.status())
              .orElseThrow(
                  () -> new IllegalTransitionException(ref, actor, action.verb, current.status()));
      Step step = decision.decide(current, next, now());
      try {
        return commit(current, step);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= COMMIT_ATTEMPTS) {
          throw e;
        }
        log.debug("ticket {} changed concurrently; retrying {} (attempt {})", ref, action, attempt);
        backOff(attempt, e);
      }
    }
  }

  /**
   * Waits a random time that doubles with each lost race (up to 64 ms), so that many writers on one
   * ticket spread out instead of colliding again in lockstep.
   */
  private void backOff(int attempt, ConcurrentUpdateException lost) {
    try {
      Thread.sleep(random.nextInt(1 << Math.min(attempt, 6)) + 1L);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw lost;
    }
  }

  /**
   * Applies the step's events to the ticket with {@link #evolve}, commits it all atomically and
   * tells the listeners.
   */
  private Ticket commit(Ticket current, Step step) {
    TicketChange change = prepare(current, step);
    store.commit(change);
    step.events().forEach(this::publish);
    return change.ticket();
  }

  /** The change a step makes to a ticket: its events applied with {@link #evolve}. */
  private TicketChange prepare(Ticket current, Step step) {
    Ticket after = current;
    Optional<PlanId> plan = planOf(current);
    for (HelpdeskEvent event : step.events()) {
      after = evolve(after, event, plan);
    }
    return new TicketChange(
        after, current.version(), step.entries(), step.events(), step.outbox(), step.onceKeys());
  }

  private void publish(HelpdeskEvent event) {
    for (HelpdeskListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.error("listener {} failed on {}; the desk goes on", l, event, e);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The desk's time, at the microsecond precision every store keeps, so all stores agree. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private Ticket load(TicketRef ref) {
    requireNonNull(ref, "ticket must not be null");
    return store.findByReference(ref).orElseThrow(() -> new TicketNotFoundException(ref.value()));
  }

  /** Follows merges to the ticket that survives; merges only go to older tickets, so this ends. */
  private Ticket survivor(Ticket t) {
    Ticket current = t;
    for (int i = 0; i < MERGE_CHAIN_MAX && current.mergedInto().isPresent(); i++) {
      TicketId into = current.mergedInto().get();
      current = store.find(into).orElseThrow(() -> new TicketNotFoundException(into.toString()));
    }
    checkState(
        current.mergedInto().isEmpty(),
        "merge chain of %s is longer than %s",
        t.reference(),
        MERGE_CHAIN_MAX);
    return current;
  }

  private static boolean isOlder(Ticket a, Ticket b) {
    int byTime = a.openedAt().compareTo(b.openedAt());
    return byTime != 0 ? byTime < 0 : a.id().toString().compareTo(b.id().toString()) < 0;
  }

  /** A message by the customer (or by intake on the requester's behalf) as opposed to staff. */
  private static boolean isCustomerSide(Actor actor, Ticket t) {
    return actor instanceof Actor.Customer
        || (actor instanceof Actor.System && t.requester() instanceof Requester.Unknown);
  }

  private boolean withinReopenWindow(Ticket t) {
    return t.closedAt().map(at -> !now().isAfter(at.plus(reopenWindow))).orElse(true);
  }

  /** After the reopen window a customer message opens a new ticket that links to the old one. */
  private TicketRef followUp(Ticket closed, PostMessage command) {
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
        customerOf(closed.requester()),
        closed.department(),
        closed.priority(),
        Optional.of(closed.id()));
  }

  private Requester resolve(Requester requester) {
    if (requester instanceof Requester.Unknown u) {
      return directory
          .customerByEmail(u.email())
          .<Requester>map(p -> new Requester.Known(p.id()))
          .orElse(requester);
    }
    Requester.Known known = (Requester.Known) requester;
    checkArgument(
        directory.customer(known.customer()).isPresent(),
        "unknown customer '%s'",
        known.customer());
    return requester;
  }

  private Optional<CustomerProfile> customerOf(Requester requester) {
    return requester instanceof Requester.Known k
        ? directory.customer(k.customer())
        : Optional.empty();
  }

  private ThreadEntry entry(Ticket t, Actor actor, PostMessage command, Instant now) {
    return new ThreadEntry(
        new EntryId(new UUID(random.nextLong(), random.nextLong())),
        t.id(),
        now,
        actor,
        command.visibility(),
        command.channel(),
        command.body(),
        command.attachments(),
        command.messageId());
  }

  private String actorName(Actor actor) {
    if (actor instanceof Actor.Agent a) {
      return directory.agent(a.id()).map(AgentProfile::displayName).orElse(a.id().value());
    }
    return actor.label();
  }

  private void requireAttachmentStoreFor(List<AttachmentRef> refs) {
    checkArgument(
        refs.isEmpty() || attachments.isPresent(),
        "attachments need an attachment store; configure Helpdesk.builder().attachments(...)");
  }

  /** The department and priority a category implies when the opener gives none (R14). */
  private record CategoryDefault(DepartmentId department, Priority priority) {}

  /**
   * Configures a {@link Helpdesk}. Required: a store, a directory and a notifier; everything else
   * has a documented default.
   */
  public static final class Builder {
    private TicketStore store;
    private Directory directory;
    private Notifier notifier;
    private AttachmentStore attachments;
    private final List<HelpdeskListener> listeners = new ArrayList<>();
    private final List<DurableListener> durableListeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private Duration reopenWindow = Duration.ofDays(14);
    private final Map<Category, CategoryDefault> categories = new LinkedHashMap<>();
    private SupportHours supportHours = SupportHours.always();
    private SlaPolicies slaPolicies;
    private CompensationPolicy compensation = CompensationPolicy.none();
    private final Map<SlaTarget, Set<BreachAction>> breachActions = new EnumMap<>(SlaTarget.class);

    private Builder() {}

    /**
     * The hours of the default SLA policies (R17). Default: 24/7. Ignored when {@link #slaPolicies}
     * are given, which carry their own hours.
     */
    public Builder supportHours(SupportHours hours) {
      this.supportHours = requireNonNull(hours, "hours must not be null");
      return this;
    }

    /**
     * The SLA policies by department, priority and plan (R6, R16). Default: {@link
     * SlaPolicies#defaults} on {@link #supportHours}.
     */
    public Builder slaPolicies(SlaPolicies policies) {
      this.slaPolicies = requireNonNull(policies, "policies must not be null");
      return this;
    }

    /** What a broken promise credits the customer (R10). Default: nothing. */
    public Builder compensation(CompensationPolicy policy) {
      this.compensation = requireNonNull(policy, "policy must not be null");
      return this;
    }

    /** What the desk does when {@code target} is breached, besides recording it. */
    public Builder onBreach(SlaTarget target, BreachAction... actions) {
      requireNonNull(target, "target must not be null");
      requireNonNull(actions, "actions must not be null");
      Set<BreachAction> set = EnumSet.noneOf(BreachAction.class);
      for (BreachAction a : actions) {
        set.add(requireNonNull(a, "action must not be null"));
      }
      breachActions.put(target, Sets.immutableEnumSet(set));
      return this;
    }

    /** Where tickets live: {@code JdbcStore} in production, the in-memory store in tests. */
    public Builder store(TicketStore store) {
      this.store = requireNonNull(store, "store must not be null");
      return this;
    }

    /** The host's customers, agents, departments and plans. */
    public Builder directory(Directory directory) {
      this.directory = requireNonNull(directory, "directory must not be null");
      return this;
    }

    /** Sends notifications out of the outbox (the mail adapter, or the host's own). */
    public Builder notifier(Notifier notifier) {
      this.notifier = requireNonNull(notifier, "notifier must not be null");
      return this;
    }

    /** Stores attachment bytes; without one, messages with attachments are refused. */
    public Builder attachments(AttachmentStore attachments) {
      this.attachments = requireNonNull(attachments, "attachments must not be null");
      return this;
    }

    /** Adds a plugin hook called after every commit; it cannot stop the desk by failing. */
    public Builder listener(HelpdeskListener listener) {
      listeners.add(requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /** Adds a receiver of durable events (compensation), fed from the outbox with keys. */
    public Builder durableListener(DurableListener listener) {
      durableListeners.add(requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /** The desk's only source of time. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock must not be null");
      return this;
    }

    /** Source of ids and references. Default: {@link SecureRandom}; fix it only in tests. */
    public Builder random(RandomGenerator random) {
      this.random = requireNonNull(random, "random must not be null");
      return this;
    }

    /**
     * How long after closing a customer message reopens the ticket (default 14 days); later, it
     * opens a new ticket linked to the closed one.
     */
    public Builder reopenWindow(Duration window) {
      requireNonNull(window, "window must not be null");
      checkArgument(!window.isNegative(), "reopen window must not be negative, got %s", window);
      this.reopenWindow = window;
      return this;
    }

    /** The department and priority a category implies when the opener does not choose (R14). */
    public Builder category(Category category, DepartmentId department, Priority priority) {
      requireNonNull(category, "category must not be null");
      requireNonNull(department, "department must not be null");
      requireNonNull(priority, "priority must not be null");
      categories.put(category, new CategoryDefault(department, priority));
      return this;
    }

    /** Builds the desk, naming every missing port at once. */
    public Helpdesk build() {
      List<String> missing = new ArrayList<>();
      if (store == null) {
        missing.add("store (a TicketStore)");
      }
      if (directory == null) {
        missing.add("directory (the host's Directory)");
      }
      if (notifier == null) {
        missing.add("notifier (a Notifier)");
      }
      checkState(missing.isEmpty(), "Helpdesk.builder() is missing %s", String.join(", ", missing));
      for (Map.Entry<Category, CategoryDefault> c : categories.entrySet()) {
        checkState(
            directory.department(c.getValue().department()).isPresent(),
            "category %s defaults to unknown department '%s'",
            c.getKey(),
            c.getValue().department());
      }
      return new Helpdesk(this);
    }
  }
}
