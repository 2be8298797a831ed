package dev.helpdesk;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketAssigned;
import dev.helpdesk.event.HelpdeskEvent.TicketEscalated;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.event.ServiceLevelEvent.SlaWarningReached;
import dev.helpdesk.internal.SlaEngine;
import dev.helpdesk.sla.BreachAction;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.sla.SlaDue;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What an SLA warning or breach brings besides its own event: a staff alert for a warning; for a
 * breach the credit the compensation policy owes (R10, through the outbox with the breach's key)
 * and the configured escalation actions. All of it commits with the breach, so a crash cannot leave
 * a breach without its credit or its escalation.
 */
final class BreachConsequences {
  private final Directory directory;
  private final Notifications notifications;
  private final CompensationPolicy compensation;
  private final Map<SlaTarget, Set<BreachAction>> breachActions;
  private final Function<Ticket, Optional<PlanId>> planOf;

  BreachConsequences(
      Directory directory,
      Notifications notifications,
      CompensationPolicy compensation,
      Map<SlaTarget, Set<BreachAction>> breachActions,
      Function<Ticket, Optional<PlanId>> planOf) {
    this.directory = directory;
    this.notifications = notifications;
    this.compensation = compensation;
    this.breachActions = breachActions;
    this.planOf = planOf;
  }

  /**
   * The events and messages the due warnings and breaches of ticket {@code t} bring, all in one
   * step (one commit), each with its once-key. Each due sees the ticket as the earlier ones left it
   * ({@code evolve}), so a second escalation starts from the tier the first one reached.
   */
  Step consequences(
      Ticket t, List<SlaDue> dues, Instant now, BiFunction<Ticket, HelpdeskEvent, Ticket> evolve) {
    List<HelpdeskEvent> events = new ArrayList<>();
    List<OutboxMessage> outbox = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    Ticket current = t;
    for (SlaDue due : dues) {
      int first = events.size();
      keys.add(add(current, due, now, current.version(), events, outbox));
      for (HelpdeskEvent e : events.subList(first, events.size())) {
        current = evolve.apply(current, e);
      }
    }
    return new Step(events, List.of(), outbox, keys);
  }

  /** Appends what one due brings after {@code version}; returns its once-key. */
  private String add(
      Ticket t,
      SlaDue due,
      Instant now,
      long version,
      List<HelpdeskEvent> events,
      List<OutboxMessage> outbox) {
    Actor actor = Actor.system("sla");
    String key = SlaEngine.onceKey(t.id(), due);
    Optional<Department> department = directory.department(t.department());
    Optional<AgentProfile> lead = department.flatMap(Department::lead).flatMap(directory::agent);
    if (due.kind() == SlaDue.Kind.WARNING) {
      events.add(
          new SlaWarningReached(
              t.id(), ++version, actor, now, due.target(), due.cycle(), due.deadline()));
      Optional<AgentProfile> watcher = t.assignee().flatMap(directory::agent).or(() -> lead);
      watcher.ifPresent(
          w ->
              outbox.add(
                  notifications.staffAlert(
                      t,
                      w,
                      "SLA warning: " + due.target() + " due at " + due.deadline(),
                      key,
                      now)));
      return key;
    }
    events.add(
        new SlaBreached(t.id(), ++version, actor, now, due.target(), due.cycle(), due.deadline()));
    Optional<Compensation> credit =
        planOf
            .apply(t)
            .flatMap(directory::plan)
            .flatMap(p -> compensation.forBreach(due.target(), p));
    if (credit.isPresent() && t.customer().isPresent()) {
      CompensationOwed owed =
          new CompensationOwed(
              t.id(),
              ++version,
              actor,
              now,
              t.customer().get(),
              credit.get().amountMinor(),
              credit.get().currency(),
              credit.get().reason(),
              "compensation:" + key);
      events.add(owed);
      outbox.add(
          new OutboxMessage(
              owed.idempotencyKey(), t.id(), now, new OutboxMessage.DurableEvent(owed)));
    }
    Set<BreachAction> actions = breachActions.getOrDefault(due.target(), Set.of());
    String reason = "SLA breach: " + due.target() + " was due at " + due.deadline();
    if (actions.contains(BreachAction.RAISE_TIER)
        && t.tier().level() < Tier.MAX_LEVEL
        && !t.status().isFinal()) {
      events.add(
          new TicketEscalated(
              t.id(), ++version, actor, now, t.tier(), t.tier().next(), reason, t.assignee()));
    }
    if (actions.contains(BreachAction.REASSIGN_TO_LEAD)
        && lead.isPresent()
        && !t.status().isFinal()) {
      Optional<AgentId> assigneeNow =
          actions.contains(BreachAction.RAISE_TIER) ? Optional.empty() : t.assignee();
      events.add(
          new TicketAssigned(
              t.id(), ++version, actor, now, assigneeNow, Optional.of(lead.get().id())));
    }
    if (actions.contains(BreachAction.NOTIFY_LEAD) && lead.isPresent()) {
      outbox.add(notifications.staffAlert(t, lead.get(), reason, key, now));
    }
    return key;
  }
}
