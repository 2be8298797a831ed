package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.helpdesk.Opening.CategoryDefault;
import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.internal.SlaEngine;
import dev.helpdesk.internal.TicketAggregate;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.BreachAction;
import dev.helpdesk.sla.ClockExplanation;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.spi.ArticleSuggestion;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.DurableListener;
import dev.helpdesk.spi.HelpdeskListener;
import dev.helpdesk.spi.KnowledgeBase;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.Ticket;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The helpdesk: the one entry point of the library. Every command and query takes the {@link Actor}
 * performing it and is authorized from the host's {@link Directory}: customers reach only their own
 * (or their organization's) tickets and never internal notes; agents reach only their departments;
 * only the customer closes (R9).
 *
 * <p>Thread-safe. Each command loads the ticket, authorizes the actor, lets the ticket aggregate
 * decide its events, commits ticket, thread entries, events and outbox messages in one atomic store
 * call (a lost optimistic race is decided again on the fresh state) and then tells the listeners.
 * The desk starts no thread unless {@link #startScheduler} is called.
 */
public final class Helpdesk {
  private static final Duration OUTBOX_LEASE = Duration.ofMinutes(2);

  private final Opening opening;
  private final TicketCommands commands;
  private final Incidents incidents;
  private final Templates templates;
  private final Queries queries;
  private final Suggestions suggestions;
  private final SlaOperations sla;
  private final Reports reports;
  private final OutboxCourier courier;

  private Helpdesk(Builder b) {
    SlaEngine engine =
        new SlaEngine(b.slaPolicies != null ? b.slaPolicies : SlaPolicies.defaults(b.supportHours));
    Pipeline desk =
        new Pipeline(
            b.store,
            b.directory,
            new TicketAggregate(engine, b.reopenWindow),
            b.listeners,
            b.clock,
            b.random);
    Optional<AttachmentStore> attachments = Optional.ofNullable(b.attachments);
    this.opening = new Opening(desk, b.categories, attachments);
    this.commands = new TicketCommands(desk, opening, b.compensation);
    this.incidents = new Incidents(desk, commands);
    this.templates = new Templates(desk, commands);
    this.queries = new Queries(desk, attachments);
    this.suggestions = new Suggestions(desk.auth, Optional.ofNullable(b.knowledgeBase));
    this.sla = new SlaOperations(desk, b.compensation, b.breachActions);
    this.reports = new Reports(desk, b.supportHours);
    this.courier =
        new OutboxCourier(
            b.store,
            b.notifier,
            ImmutableList.copyOf(b.durableListeners),
            desk::now,
            "node-" + UUID.randomUUID(),
            OUTBOX_LEASE,
            (n, e) -> recordDeliveryFailure(n.reference(), e.recipient(), e.getMessage()));
  }

  /** Starts configuring a desk; {@link Builder#build()} names any missing port. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a ticket and sends the requester a confirmation with its content and reference (R3). Mail
   * from an address the directory knows is filed under that customer.
   */
  public TicketRef open(OpenTicket command) {
    requireNonNull(command, "command must not be null");
    return opening.open(command);
  }

  /**
   * Adds a message to a ticket. A customer message reopens a ticket that waits, has a proposed
   * resolution, or was closed within the reopen window; after the window it opens a new ticket
   * linked to the old one. A message to a merged ticket lands in the surviving ticket.
   *
   * @return the ticket the message landed in
   */
  public TicketRef post(PostMessage command) {
    return commands.post(command, Notification.Kind.STAFF_REPLY);
  }

  /**
   * Keeps the transcript of a live chat that ended with the ticket, as one public chat message, and
   * mails it to the customer (R12). Staff or the chat integration record it.
   *
   * @return the ticket the transcript landed in
   */
  public TicketRef recordChatTranscript(TicketRef ticket, Actor actor, String transcript) {
    return commands.recordChatTranscript(ticket, actor, transcript);
  }

  /**
   * Records on the ticket, as an internal note by the system, that mail to {@code recipient} could
   * not be delivered (a bounce, or a permanent refusal while sending), so staff see why the
   * customer does not answer. The ticket's status and clocks do not change.
   */
  public void recordDeliveryFailure(TicketRef ticket, String recipient, String reason) {
    commands.recordDeliveryFailure(ticket, recipient, reason);
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
    return templates.reply(ticket, actor, templateName);
  }

  /** Staff propose a resolution; only the customer can accept it by closing (R9). */
  public void proposeResolution(TicketRef ticket, Actor actor, String body) {
    commands.proposeResolution(ticket, actor, body);
  }

  /**
   * The customer closes their ticket: their problem is solved. Anyone else gets {@link
   * ActionNotPermittedException}, whatever their role (R9).
   */
  public void close(TicketRef ticket, Actor actor) {
    commands.close(ticket, actor);
  }

  /** The customer reopens a proposed resolution, or a closed ticket within the reopen window. */
  public void reopen(TicketRef ticket, Actor actor) {
    commands.reopen(ticket, actor);
  }

  /** Staff put a ticket on hold (waiting on a third party). */
  public void hold(TicketRef ticket, Actor actor) {
    commands.changeStatus(ticket, actor, Action.HOLD);
  }

  /** Staff take a ticket that is on hold or waiting back into work. */
  public void resume(TicketRef ticket, Actor actor) {
    commands.changeStatus(ticket, actor, Action.RESUME);
  }

  /** Staff mark that the ticket waits on the customer (pauses SLA clocks). */
  public void awaitCustomer(TicketRef ticket, Actor actor) {
    commands.changeStatus(ticket, actor, Action.AWAIT_CUSTOMER);
  }

  /**
   * Staff merge a duplicate into the original ticket, which must be the older of the two (so merges
   * can never form a cycle), still alive, and of the same requester: a merge across customers would
   * lock the duplicate's customer out of their own ticket and send staff replies meant for them to
   * the other customer. Messages to the duplicate then land in the original.
   */
  public void merge(TicketRef duplicate, Actor actor, TicketRef original) {
    commands.merge(duplicate, actor, original);
  }

  /** Staff mark a ticket from a sender unknown to the directory as spam; customers are asked. */
  public void markSpam(TicketRef ticket, Actor actor) {
    commands.markSpam(ticket, actor);
  }

  /** Assigns the ticket to an agent who reaches its department and works at its tier. */
  public void assign(TicketRef ticket, Actor actor, AgentId assignee) {
    commands.assign(ticket, actor, assignee);
  }

  /** Removes the assignee. */
  public void unassign(TicketRef ticket, Actor actor) {
    commands.unassign(ticket, actor);
  }

  /** Moves a ticket to another department with its whole history (R8); the transfer is counted. */
  public void transfer(Transfer command) {
    commands.transfer(command);
  }

  /** Moves a ticket to another tier with a reason (R8). */
  public void escalate(Escalation command) {
    commands.escalate(command);
  }

  /** Changes the priority; SLA deadlines follow. */
  public void changePriority(TicketRef ticket, Actor actor, Priority priority) {
    commands.changePriority(ticket, actor, priority);
  }

  /** Opens an incident that tickets can be linked to (R20). */
  public IncidentId openIncident(Actor actor, String title) {
    return incidents.open(actor, title);
  }

  /** Links a ticket to an incident, or moves it to another one. */
  public void linkToIncident(TicketRef ticket, Actor actor, IncidentId incident) {
    requireNonNull(incident, "incident must not be null");
    commands.linkIncident(ticket, actor, Optional.of(incident));
  }

  /** Removes a ticket's incident link. */
  public void unlinkFromIncident(TicketRef ticket, Actor actor) {
    commands.linkIncident(ticket, actor, Optional.empty());
  }

  /**
   * Posts one staff update to every live ticket of the incident, each customer notified (R20). The
   * agent must reach every ticket's department; nothing is posted otherwise.
   *
   * @return the tickets updated
   */
  public List<TicketRef> postIncidentUpdate(IncidentId incident, Actor actor, String body) {
    return incidents.postUpdate(incident, actor, body);
  }

  /**
   * Proposes one resolution for every live ticket of the incident and marks the incident resolved;
   * each customer still decides for their own ticket.
   *
   * @return the tickets that got the proposal
   */
  public List<TicketRef> proposeIncidentResolution(IncidentId incident, Actor actor, String body) {
    return incidents.proposeResolution(incident, actor, body);
  }

  /** Stores a reply template (staff only); its placeholders were checked when it was created. */
  public void saveTemplate(Actor actor, ReplyTemplate template) {
    templates.save(actor, template);
  }

  /** Every stored reply template, by name (staff only). */
  public List<ReplyTemplate> templates(Actor actor) {
    return templates.all(actor);
  }

  /** A ticket and its thread as the actor may see it (R4): customers never see internal notes. */
  public TicketView view(TicketRef ticket, Actor actor) {
    return queries.view(ticket, actor);
  }

  /** The paper trail of a ticket (R11), for staff. */
  public List<HelpdeskEvent> history(TicketRef ticket, Actor actor) {
    return queries.history(ticket, actor);
  }

  /**
   * One page of a department's open work, most pressing first (R7), after {@code after} when paging
   * on. Staff who reach the department only.
   */
  public List<Ticket> queue(
      Actor actor, DepartmentId department, Optional<QueueKey> after, int limit) {
    return queries.queue(actor, department, after, limit);
  }

  /**
   * A customer's tickets, newest first: their own, plus their organization's when the directory
   * allows it (R4).
   */
  public List<Ticket> ticketsOf(Actor.Customer actor, int limit) {
    return queries.ticketsOf(actor, limit);
  }

  /** Opens an attachment of a ticket the actor may view; internal ones are staff only. */
  public InputStream attachment(TicketRef ticket, Actor actor, String sha256) {
    return queries.attachment(ticket, actor, sha256);
  }

  /**
   * Articles that may answer the ticket being typed (R15), best first, from the knowledge base the
   * builder was given; without one, and for a blank subject and description, none. A customer gets
   * only the articles visible to their plan, staff and the system every article. Each suggestion
   * names the article, the language of the version suggested and its rank.
   */
  public List<ArticleSuggestion> suggestArticles(Actor actor, SuggestArticles request) {
    return suggestions.suggest(actor, request);
  }

  /**
   * Records every SLA warning and breach that is due: each (ticket, target, cycle) exactly once,
   * also when several nodes run this at the same time, because the breach's once-key commits with
   * it. A breach runs the configured escalation actions and, when the compensation policy says so,
   * owes the customer a credit delivered through the outbox (R10). Reads only the due tickets from
   * the store's index, page by page, with no cap.
   */
  public SlaCheckResult runDueSlaChecks() {
    return sla.runDueSlaChecks();
  }

  /**
   * Staff declare that the customer's problem cannot be fixed; the compensation policy's credit for
   * that is owed once per ticket (R10). The ticket stays open for the customer to close.
   */
  public void declareUnfixable(TicketRef ticket, Actor actor, String reason) {
    commands.declareUnfixable(ticket, actor, reason);
  }

  /**
   * The customer rates their closed ticket (R13): a rating from 1 to 5, how likely they would
   * recommend the host from 0 to 10, and a comment. Once per closure.
   */
  public void feedback(TicketRef ticket, Actor actor, int rating, int recommend, String comment) {
    commands.feedback(ticket, actor, rating, recommend, comment);
  }

  /**
   * The support figures (R13) of the tickets opened in {@code [from, to)}: first-response and
   * resolution times, resolution and reopen rates, SLA compliance, breaches, compensation,
   * transfers, CSAT and NPS, overall, per department and per agent. An agent's report covers only
   * the departments they reach; a system actor's covers all. Reads the period's tickets page by
   * page.
   */
  public SupportReport report(Actor actor, Instant from, Instant to) {
    return reports.report(actor, from, to);
  }

  /**
   * How each SLA clock of the ticket stands now, with its pauses, for staff to explain deadlines.
   */
  public List<ClockExplanation> explainSla(TicketRef ticket, Actor actor) {
    return sla.explain(ticket, actor);
  }

  /**
   * Starts the optional scheduler: one daemon thread that delivers the outbox and runs the SLA
   * checks every {@code period}. The desk starts no thread unless asked; close the handle to stop.
   */
  public AutoCloseable startScheduler(Duration period) {
    return Scheduler.start(period, this::runDueSlaChecks, this::deliverOutbox);
  }

  /**
   * Rebuilds a ticket from its events alone, SLA clocks included (with the requester's plan as the
   * directory tells it now): the paper trail is the ticket (R11). Staff only.
   */
  public Ticket replay(TicketRef ticket, Actor actor) {
    return queries.replay(ticket, actor);
  }

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

  /**
   * Configures a {@link Helpdesk}. Required: a store, a directory and a notifier; everything else
   * has a documented default.
   */
  public static final class Builder {
    private TicketStore store;
    private Directory directory;
    private Notifier notifier;
    private AttachmentStore attachments;
    private KnowledgeBase knowledgeBase;
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

    /**
     * The knowledge base {@link Helpdesk#suggestArticles} asks ({@code LuceneKnowledgeBase} from
     * {@code helpdesk-search}, or the host's own). Optional: without one there are no suggestions.
     */
    public Builder knowledgeBase(KnowledgeBase knowledgeBase) {
      this.knowledgeBase = requireNonNull(knowledgeBase, "knowledgeBase must not be null");
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
