package dev.helpdesk;

import com.google.common.collect.ImmutableMap;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.internal.TicketAggregate;
import dev.helpdesk.sla.BreachAction;
import dev.helpdesk.sla.ClockExplanation;
import dev.helpdesk.sla.CompensationPolicy;
import dev.helpdesk.sla.SlaDue;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.spi.TicketChange;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA checks: every due warning and breach recorded once per (ticket, target, cycle), with its
 * consequences in the same commit, page by page from the store's due index; and the explanation of
 * a ticket's clocks for staff.
 */
final class SlaOperations {
  private static final int DUE_BATCH = 500;

  private final Pipeline desk;
  private final TicketAggregate aggregate;
  private final BreachConsequences breaches;

  SlaOperations(
      Pipeline desk,
      CompensationPolicy compensation,
      Map<SlaTarget, Set<BreachAction>> breachActions) {
    this.desk = desk;
    this.aggregate = desk.aggregate;
    this.breaches =
        new BreachConsequences(
            desk.directory,
            desk.notifications,
            compensation,
            ImmutableMap.copyOf(breachActions),
            t -> desk.planOf(t.requester()));
  }

  SlaCheckResult runDueSlaChecks() {
    Instant now = desk.now();
    int checked = 0;
    int warnings = 0;
    int breached = 0;
    for (List<Ticket> page :
        Pages.of(
            (after, limit) -> desk.store.due(now, after, limit),
            DUE_BATCH,
            t -> t.sla().nextCheck().orElse(now))) {
      checked += page.size();
      for (SlaDue due : handleDue(page, now)) {
        if (due.kind() == SlaDue.Kind.BREACH) {
          breached++;
        } else {
          warnings++;
        }
      }
    }
    return new SlaCheckResult(checked, warnings, breached);
  }

  List<ClockExplanation> explain(TicketRef ticket, Actor actor) {
    Ticket t = desk.load(ticket);
    desk.auth.staffSee(t, actor, "read the SLA clocks of");
    return aggregate.sla().explain(t.sla(), desk.now());
  }

  /**
   * Records the due warnings and breaches of a page of tickets with one {@code commitAll}, from the
   * state the page returned; a ticket whose change lost a race is handled alone from its fresh
   * state. Returns what this node recorded.
   */
  private List<SlaDue> handleDue(List<Ticket> page, Instant now) {
    Map<TicketId, List<SlaDue>> dues = new LinkedHashMap<>();
    Map<TicketId, TicketChange> changes = new LinkedHashMap<>();
    for (Ticket t : page) {
      List<SlaDue> due = aggregate.sla().due(t.sla(), now);
      if (!due.isEmpty()) {
        dues.put(t.id(), due);
        changes.put(t.id(), desk.prepare(t, consequences(t, due, now)));
      }
    }
    Set<TicketId> lost = desk.store.commitAll(List.copyOf(changes.values()));
    List<SlaDue> recorded = new ArrayList<>();
    for (Map.Entry<TicketId, TicketChange> e : changes.entrySet()) {
      if (lost.contains(e.getKey())) {
        desk.store.find(e.getKey()).ifPresent(fresh -> recorded.addAll(handleDue(fresh, now)));
      } else {
        e.getValue().events().forEach(desk::publish);
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
    for (int attempt = 1; attempt <= Pipeline.COMMIT_ATTEMPTS && current.isPresent(); attempt++) {
      Ticket t = current.get();
      List<SlaDue> dues = aggregate.sla().due(t.sla(), now);
      if (dues.isEmpty()) {
        return List.of();
      }
      try {
        desk.commit(t, consequences(t, dues, now));
        return dues;
      } catch (ConcurrentUpdateException e) {
        current = desk.store.find(t.id());
      }
    }
    return List.of();
  }

  private Step consequences(Ticket t, List<SlaDue> dues, Instant now) {
    Optional<PlanId> plan = desk.planOf(t.requester());
    return breaches.consequences(t, dues, now, (before, e) -> aggregate.evolve(before, e, plan));
  }
}
