package dev.helpdesk.internal;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IllegalTransitionException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
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
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.sla.SlaDue;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ticket aggregate: every command is decided here as a pure function of the ticket's state, the
 * actor, the time and the desk's policies, returning a {@link Decision} (the events, or a refusal);
 * {@link #evolve} applies one event, lifecycle fields and SLA clocks together. Commands, SLA checks
 * and replay share {@code evolve}, so a stored ticket is by construction what replaying its events
 * gives (R11). Nothing here reads a store or the directory: what a decision needs from them (an
 * agent's profile, the credit owed) is passed in.
 */
public final class TicketAggregate {
  private static final Set<Action> STATUS_ACTIONS =
      EnumSet.of(Action.HOLD, Action.RESUME, Action.AWAIT_CUSTOMER);

  private final SlaEngine sla;
  private final Duration reopenWindow;

  /**
   * @param reopenWindow how long after closing a customer may still reopen the ticket
   */
  public TicketAggregate(SlaEngine sla, Duration reopenWindow) {
    this.sla = requireNonNull(sla, "sla must not be null");
    this.reopenWindow = requireNonNull(reopenWindow, "reopenWindow must not be null");
  }

  /** The SLA engine whose clocks {@link #evolve} keeps. */
  public SlaEngine sla() {
    return sla;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Which lifecycle action a message is: an internal note, a customer-side message (the customer,
   * or intake on behalf of a requester unknown to the directory) or a staff message.
   */
  public static Action messageAction(Ticket t, Actor actor, Visibility visibility) {
    if (visibility == Visibility.INTERNAL) {
      return Action.NOTE;
    }
    boolean customerSide =
        actor instanceof Actor.Customer
            || (actor instanceof Actor.System && t.requester() instanceof Requester.Unknown);
    return customerSide ? Action.CUSTOMER_MESSAGE : Action.STAFF_MESSAGE;
  }

  /**
   * Whether a customer message to this ticket opens a follow-up ticket instead: the ticket is
   * closed and its reopen window has passed.
   */
  public boolean needsFollowUp(Ticket t, Actor actor, Visibility visibility, Instant now) {
    return messageAction(t, actor, visibility) == Action.CUSTOMER_MESSAGE
        && t.status() == TicketStatus.CLOSED
        && !withinReopenWindow(t, now);
  }

  /** A message or note with thread entry {@code entry}; a customer message may reopen. */
  public Decision post(Ticket t, Actor actor, Visibility visibility, EntryId entry, Instant now) {
    Action action = messageAction(t, actor, visibility);
    return decide(
        t,
        actor,
        action,
        now,
        (e, next) -> {
          if (needsFollowUp(t, actor, visibility, now)) {
            return Decision.refuse(
                new IllegalTransitionException(
                    t.reference(), actor, "reopen (the reopen window has passed)", t.status()));
          }
          return Decision.accept(
              new MessagePosted(
                  e.ticket(), e.version(), e.actor(), e.at(), entry, visibility, t.status(), next));
        });
  }

  /** Staff propose a resolution, with its message {@code entry}; only the customer closes (R9). */
  public Decision proposeResolution(Ticket t, Actor actor, EntryId entry, Instant now) {
    return decide(
        t,
        actor,
        Action.PROPOSE_RESOLUTION,
        now,
        (e, next) ->
            Decision.accept(
                new ResolutionProposed(
                    e.ticket(), e.version(), e.actor(), e.at(), entry, t.status())));
  }

  /** The customer who asked closes: their problem is solved (R9). Nobody else can. */
  public Decision close(Ticket t, Actor actor, Instant now) {
    return decide(
        t,
        actor,
        Action.CLOSE,
        now,
        (e, next) ->
            requester(t, actor, Action.CLOSE)
                .orElseGet(
                    () ->
                        Decision.accept(
                            new TicketClosed(
                                e.ticket(), e.version(), e.actor(), e.at(), t.status()))));
  }

  /** The customer reopens a proposed resolution, or a closed ticket within the reopen window. */
  public Decision reopen(Ticket t, Actor actor, Instant now) {
    return decide(
        t,
        actor,
        Action.REOPEN,
        now,
        (e, next) -> {
          Optional<Decision> notRequester = requester(t, actor, Action.REOPEN);
          if (notRequester.isPresent()) {
            return notRequester.get();
          }
          if (t.status() == TicketStatus.CLOSED && !withinReopenWindow(t, now)) {
            return Decision.refuse(
                new IllegalTransitionException(
                    t.reference(),
                    actor,
                    "reopen (the reopen window has passed; write to it instead)",
                    t.status()));
          }
          return Decision.accept(
              new TicketReopened(e.ticket(), e.version(), e.actor(), e.at(), t.status()));
        });
  }

  /** Staff put on hold, resume, or mark as waiting on the customer. */
  public Decision changeStatus(Ticket t, Actor actor, Action action, Instant now) {
    if (!STATUS_ACTIONS.contains(requireNonNull(action, "action must not be null"))) {
      throw new IllegalArgumentException("not a status action: " + action);
    }
    return decide(
        t,
        actor,
        action,
        now,
        (e, next) ->
            Decision.accept(
                new StatusChanged(e.ticket(), e.version(), e.actor(), e.at(), t.status(), next)));
  }

  /**
   * Staff merge the duplicate {@code t} into {@code survivor}, which must be older (so merges never
   * form a cycle), alive, and of the same requester.
   */
  public Decision merge(Ticket t, Actor actor, Ticket survivor, Instant now) {
    requireNonNull(survivor, "survivor must not be null");
    return decide(
        t,
        actor,
        Action.MERGE,
        now,
        (e, next) -> {
          if (t.id().equals(survivor.id())) {
            return invalid("cannot merge ticket %s into itself", t.reference());
          }
          if (!isOlder(survivor, t)) {
            return invalid(
                "merge the newer ticket into the older one: %s was opened after %s",
                survivor.reference(), t.reference());
          }
          if (!t.requester().equals(survivor.requester())) {
            return invalid(
                "cannot merge %s of %s into %s of %s: a duplicate merges only into a ticket of the"
                    + " same requester",
                t.reference(), t.requester(), survivor.reference(), survivor.requester());
          }
          if (survivor.status().isFinal()) {
            return Decision.refuse(
                new IllegalTransitionException(
                    survivor.reference(), actor, "merge into", survivor.status()));
          }
          return Decision.accept(
              new TicketMerged(
                  e.ticket(), e.version(), e.actor(), e.at(), survivor.id(), t.status()));
        });
  }

  /** Staff mark a ticket of a requester unknown to the directory as spam. */
  public Decision markSpam(Ticket t, Actor actor, Instant now) {
    return decide(
        t,
        actor,
        Action.MARK_SPAM,
        now,
        (e, next) -> {
          if (t.requester() instanceof Requester.Known) {
            return Decision.refuse(
                new ActionNotPermittedException(
                    actor,
                    Action.MARK_SPAM.verb(),
                    t.reference().value(),
                    "the requester is a known customer"));
          }
          return Decision.accept(
              new MarkedAsSpam(e.ticket(), e.version(), e.actor(), e.at(), t.status()));
        });
  }

  /**
   * Assigns the ticket to {@code assignee}, whose profile the directory gave (empty: unknown), who
   * must reach its department and work at its tier or above.
   */
  public Decision assign(
      Ticket t, Actor actor, AgentId assignee, Optional<AgentProfile> profile, Instant now) {
    requireNonNull(assignee, "assignee must not be null");
    requireNonNull(profile, "profile must not be null");
    return decide(
        t,
        actor,
        Action.ROUTE,
        now,
        (e, next) -> {
          if (profile.isEmpty()) {
            return invalid("unknown agent '%s'", assignee);
          }
          if (!profile.get().reaches(t.department())) {
            return invalid(
                "agent %s does not work in department %s of ticket %s",
                assignee, t.department(), t.reference());
          }
          if (profile.get().tier().compareTo(t.tier()) < 0) {
            return invalid(
                "agent %s works at %s, ticket %s is at %s",
                assignee, profile.get().tier(), t.reference(), t.tier());
          }
          return Decision.accept(
              new TicketAssigned(
                  e.ticket(), e.version(), e.actor(), e.at(), t.assignee(), Optional.of(assignee)));
        });
  }

  /** Removes the assignee. */
  public Decision unassign(Ticket t, Actor actor, Instant now) {
    return decide(
        t,
        actor,
        Action.ROUTE,
        now,
        (e, next) ->
            Decision.accept(
                new TicketAssigned(
                    e.ticket(), e.version(), e.actor(), e.at(), t.assignee(), Optional.empty())));
  }

  /** Moves the ticket to another department (R8); the assignee is cleared. */
  public Decision transfer(Ticket t, Actor actor, DepartmentId to, String reason, Instant now) {
    requireNonNull(to, "to must not be null");
    return decide(
        t,
        actor,
        Action.ROUTE,
        now,
        (e, next) -> {
          if (t.department().equals(to)) {
            return invalid("ticket %s is already in department %s", t.reference(), to);
          }
          return Decision.accept(
              new TicketTransferred(
                  e.ticket(),
                  e.version(),
                  e.actor(),
                  e.at(),
                  t.department(),
                  to,
                  reason,
                  t.assignee()));
        });
  }

  /** Moves the ticket to another tier (R8); the assignee is cleared. */
  public Decision escalate(Ticket t, Actor actor, Tier to, String reason, Instant now) {
    requireNonNull(to, "to must not be null");
    return decide(
        t,
        actor,
        Action.ROUTE,
        now,
        (e, next) -> {
          if (t.tier().equals(to)) {
            return invalid("ticket %s is already at %s", t.reference(), to);
          }
          return Decision.accept(
              new TicketEscalated(
                  e.ticket(), e.version(), e.actor(), e.at(), t.tier(), to, reason, t.assignee()));
        });
  }

  /** Changes the priority; SLA deadlines follow. */
  public Decision changePriority(Ticket t, Actor actor, Priority priority, Instant now) {
    requireNonNull(priority, "priority must not be null");
    return decide(
        t,
        actor,
        Action.ROUTE,
        now,
        (e, next) -> {
          if (t.priority() == priority) {
            return invalid("ticket %s already has priority %s", t.reference(), priority);
          }
          return Decision.accept(
              new PriorityChanged(
                  e.ticket(), e.version(), e.actor(), e.at(), t.priority(), priority));
        });
  }

  /** Links the ticket to an incident (empty: removes the link, which must exist). */
  public Decision linkIncident(Ticket t, Actor actor, Optional<IncidentId> incident, Instant now) {
    requireNonNull(incident, "incident must not be null");
    return decide(
        t,
        actor,
        Action.ROUTE,
        now,
        (e, next) -> {
          if (incident.isEmpty() && t.incident().isEmpty()) {
            return invalid("ticket %s is linked to no incident", t.reference());
          }
          return Decision.accept(
              new IncidentLinked(
                  e.ticket(), e.version(), e.actor(), e.at(), t.incident(), incident));
        });
  }

  /**
   * Staff declare the customer's problem unfixable; {@code credit} is what the compensation policy
   * owes for it on the customer's plan (empty: nothing). Owed once per ticket (R10).
   */
  public Decision declareUnfixable(
      Ticket t, Actor actor, Optional<Compensation> credit, String reason, Instant now) {
    requireNonNull(credit, "credit must not be null");
    requireNonNull(reason, "reason must not be null");
    return decide(
        t,
        actor,
        Action.DECLARE_UNFIXABLE,
        now,
        (e, next) -> {
          if (t.customer().isEmpty()) {
            return invalid("ticket %s has no known customer to compensate", t.reference());
          }
          if (credit.isEmpty()) {
            return Decision.refuse(
                new IllegalStateException(
                    "the compensation policy owes nothing for an unfixable problem on the plan of "
                        + t.customer().get()));
          }
          if (t.unfixableCompensated()) {
            return Decision.refuse(
                new IllegalStateException(
                    "ticket " + t.reference() + " was already declared unfixable and compensated"));
          }
          Compensation c = credit.get();
          return Decision.accept(
              new CompensationOwed(
                  e.ticket(),
                  e.version(),
                  e.actor(),
                  e.at(),
                  t.customer().get(),
                  c.amountMinor(),
                  c.currency(),
                  c.reason() + ": " + reason,
                  unfixableKey(t.id())));
        });
  }

  /** The customer who asked rates their closed ticket (R13), once per closure. */
  public Decision feedback(
      Ticket t, Actor actor, int rating, int recommend, String comment, Instant now) {
    requireNonNull(comment, "comment must not be null");
    return decide(
        t,
        actor,
        Action.FEEDBACK,
        now,
        (e, next) -> {
          Optional<Decision> notRequester = requester(t, actor, Action.FEEDBACK);
          if (notRequester.isPresent()) {
            return notRequester.get();
          }
          if (t.feedbackGiven()) {
            return Decision.refuse(
                new IllegalStateException(
                    "feedback for ticket "
                        + t.reference()
                        + " was already given since it was closed"));
          }
          return Decision.accept(
              new FeedbackReceived(
                  e.ticket(), e.version(), e.actor(), e.at(), rating, recommend, comment));
        });
  }

  /** The once-key of the credit owed when staff declare a ticket's problem unfixable (R10). */
  public static String unfixableKey(TicketId ticket) {
    return "compensation:unfixable:" + ticket;
  }

  /** The once-key of the feedback on the closure of {@code t} (which must be closed). */
  public static String feedbackKey(Ticket t) {
    return "feedback:" + t.id() + ":" + t.closedAt().orElseThrow();
  }

  // ---------------------------------------------------------------- evolution

  /** The ticket a {@link TicketOpened} event creates, its SLA clocks started. */
  public Ticket opened(TicketOpened e, Optional<PlanId> plan) {
    Ticket ticket = TicketEvolution.opened(e);
    return ticket.withSla(sla.onEvent(SlaState.NONE, SlaSignals.of(ticket, e), plan));
  }

  /**
   * The ticket after one event, SLA clocks included: the one definition commands, SLA checks and
   * {@link #replay} share. {@code event} must be the event right after {@code before}'s version.
   */
  public Ticket evolve(Ticket before, HelpdeskEvent event, Optional<PlanId> plan) {
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
    return after.withSla(sla.onEvent(after.sla(), SlaSignals.of(after, event), plan));
  }

  /** The ticket after each of {@code events} in order. */
  public Ticket evolve(Ticket before, List<HelpdeskEvent> events, Optional<PlanId> plan) {
    Ticket after = before;
    for (HelpdeskEvent e : events) {
      after = evolve(after, e, plan);
    }
    return after;
  }

  /** A ticket rebuilt from all its events, the first of which opened it (R11). */
  public Ticket replay(List<HelpdeskEvent> events, Optional<PlanId> plan) {
    if (events.isEmpty() || !(events.get(0) instanceof TicketOpened first)) {
      throw new IllegalArgumentException("a ticket's history starts with TicketOpened");
    }
    return evolve(opened(first, plan), events.subList(1, events.size()), plan);
  }

  // ---------------------------------------------------------------- rules every command shares

  /** The header every event of a decision carries: the ticket, its next version, who and when. */
  record Envelope(TicketId ticket, long version, Actor actor, Instant at) {}

  @FunctionalInterface
  private interface Rule {
    Decision apply(Envelope envelope, TicketStatus next);
  }

  /**
   * The rules every command shares, from the lifecycle table: the actor's kind may perform the
   * action, and the ticket's status has a transition for it. Then the command's own rule.
   */
  private static Decision decide(Ticket t, Actor actor, Action action, Instant now, Rule rule) {
    requireNonNull(t, "ticket must not be null");
    requireNonNull(actor, "actor must not be null");
    requireNonNull(now, "now must not be null");
    if (!Lifecycle.allows(action, actor)) {
      return Decision.refuse(
          new ActionNotPermittedException(
              actor, action.verb(), t.reference().value(), "only " + action.allowed() + " may"));
    }
    Optional<TicketStatus> next = Lifecycle.next(action, t.status());
    if (next.isEmpty()) {
      return Decision.refuse(
          new IllegalTransitionException(t.reference(), actor, action.verb(), t.status()));
    }
    return rule.apply(new Envelope(t.id(), t.version() + 1, actor, now), next.get());
  }

  /** Refuses unless the actor is the customer who asked: only they decide it is solved (R9). */
  private static Optional<Decision> requester(Ticket t, Actor actor, Action action) {
    boolean requester =
        actor instanceof Actor.Customer c && t.customer().filter(c.id()::equals).isPresent();
    return requester
        ? Optional.empty()
        : Optional.of(
            Decision.refuse(
                new ActionNotPermittedException(
                    actor,
                    action.verb(),
                    t.reference().value(),
                    "only the customer who asked decides it is solved")));
  }

  private static Decision invalid(String template, Object... args) {
    return Decision.refuse(new IllegalArgumentException(String.format(template, args)));
  }

  private boolean withinReopenWindow(Ticket t, Instant now) {
    return t.closedAt().map(at -> !now.isAfter(at.plus(reopenWindow))).orElse(true);
  }

  private static boolean isOlder(Ticket a, Ticket b) {
    int byTime = a.openedAt().compareTo(b.openedAt());
    return byTime != 0 ? byTime < 0 : a.id().toString().compareTo(b.id().toString()) < 0;
  }
}
