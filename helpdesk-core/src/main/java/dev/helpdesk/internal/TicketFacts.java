package dev.helpdesk.internal;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.ResolutionProposed;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one ticket contributes to the figures, read in one pass over its events so that a report
 * touches each history once and business time is measured once per ticket, not once per group.
 */
record TicketFacts(
    DepartmentId department,
    Optional<AgentId> owner,
    boolean mergedOrSpam,
    Optional<FirstResponse> firstResponse,
    Optional<Elapsed> resolution,
    boolean resolved,
    Map<SlaTarget, SlaCompliance> compliance,
    long breaches,
    Map<Currency, Long> compensation,
    int transfers,
    boolean closed,
    boolean reopened,
    Feedback feedback) {

  /** Time from opening to some instant, on the wall clock and in support hours. */
  record Elapsed(Duration wall, Duration business) {
    static Elapsed between(Instant from, Instant to, SupportHours hours) {
      return new Elapsed(Duration.between(from, to), hours.businessTimeBetween(from, to));
    }
  }

  /** The first agent reply: who gave it and how long it took. */
  record FirstResponse(AgentId agent, Elapsed elapsed) {}

  /** Feedback counts: how many, the sum of ratings, promoters (9-10) and detractors (0-6). */
  record Feedback(long count, long ratingSum, long promoters, long detractors) {
    static final Feedback NONE = new Feedback(0, 0, 0, 0);

    Feedback plus(FeedbackReceived f) {
      return new Feedback(
          count + 1,
          ratingSum + f.rating(),
          promoters + (f.recommend() >= 9 ? 1 : 0),
          detractors + (f.recommend() <= 6 ? 1 : 0));
    }

    Feedback plus(Feedback other) {
      return new Feedback(
          count + other.count,
          ratingSum + other.ratingSum,
          promoters + other.promoters,
          detractors + other.detractors);
    }
  }

  static TicketFacts of(TicketHistory history, SupportHours hours) {
    Ticket ticket = history.ticket();
    Reader read = new Reader(ticket.openedAt(), hours);
    history.events().forEach(read::event);
    boolean mergedOrSpam =
        ticket.status() == TicketStatus.MERGED || ticket.status() == TicketStatus.SPAM;
    boolean resolved = ticket.status() == TicketStatus.CLOSED && !mergedOrSpam;
    Optional<Elapsed> resolution =
        resolved
            ? ticket.closedAt().map(at -> Elapsed.between(ticket.openedAt(), at, hours))
            : Optional.empty();
    return new TicketFacts(
        ticket.department(),
        ticket.assignee().or(read::lastReplier),
        mergedOrSpam,
        read.firstResponse,
        resolution,
        resolved,
        read.compliance(ticket.sla().policy().isPresent(), resolved),
        read.breaches,
        read.compensation,
        ticket.transfers(),
        read.closed,
        read.reopened,
        read.feedback);
  }

  /** Reads a ticket's events in order, keeping what the figures need. */
  private static final class Reader {
    private final Instant opened;
    private final SupportHours hours;
    Optional<FirstResponse> firstResponse = Optional.empty();
    private Optional<AgentId> lastReplier = Optional.empty();
    // response cycles follow the SLA engine's rules, so its breaches match the cycles counted here
    private boolean awaitingFirstResponse = true;
    private boolean firstResponseAnswered;
    private boolean awaitingNextResponse;
    private int nextCycle;
    private final Set<Integer> answeredCycles = new HashSet<>();
    private final Map<SlaTarget, Set<Integer>> breachedCycles = new EnumMap<>(SlaTarget.class);
    long breaches;
    final Map<Currency, Long> compensation = new HashMap<>();
    boolean closed;
    boolean reopened;
    Feedback feedback = Feedback.NONE;

    Reader(Instant opened, SupportHours hours) {
      this.opened = opened;
      this.hours = hours;
    }

    Optional<AgentId> lastReplier() {
      return lastReplier;
    }

    void event(HelpdeskEvent event) {
      boolean publicMessage =
          event instanceof MessagePosted m && m.visibility() == Visibility.PUBLIC;
      if (event.actor() instanceof Actor.Agent agent
          && (publicMessage || event instanceof ResolutionProposed)) {
        agentReply(agent.id(), event.at());
      } else if (publicMessage && !awaitingFirstResponse && !awaitingNextResponse) {
        // a customer (or mail intake on their behalf) wrote and now waits for an answer
        nextCycle++;
        awaitingNextResponse = true;
      }
      if (event instanceof MessagePosted m
          && m.statusBefore() == TicketStatus.CLOSED
          && m.statusAfter() != TicketStatus.CLOSED) {
        reopened = true;
      } else if (event instanceof TicketReopened r && r.statusBefore() == TicketStatus.CLOSED) {
        reopened = true;
      } else if (event instanceof TicketClosed) {
        // closing stops the response clocks unanswered
        closed = true;
        awaitingFirstResponse = false;
        awaitingNextResponse = false;
      } else if (event instanceof SlaBreached b) {
        breaches++;
        breachedCycles.computeIfAbsent(b.target(), t -> new HashSet<>()).add(b.cycle());
      } else if (event instanceof CompensationOwed c) {
        compensation.merge(c.currency(), c.amountMinor(), Long::sum);
      } else if (event instanceof FeedbackReceived f) {
        feedback = feedback.plus(f);
      }
    }

    private void agentReply(AgentId agent, Instant at) {
      if (firstResponse.isEmpty()) {
        firstResponse = Optional.of(new FirstResponse(agent, Elapsed.between(opened, at, hours)));
      }
      lastReplier = Optional.of(agent);
      firstResponseAnswered |= awaitingFirstResponse;
      awaitingFirstResponse = false;
      if (awaitingNextResponse) {
        answeredCycles.add(nextCycle);
        awaitingNextResponse = false;
      }
    }

    /**
     * Met and breached cycles per target; without a policy nothing was promised, so none is met.
     */
    Map<SlaTarget, SlaCompliance> compliance(boolean promised, boolean resolved) {
      Map<SlaTarget, SlaCompliance> compliance = new EnumMap<>(SlaTarget.class);
      for (SlaTarget target : SlaTarget.values()) {
        Set<Integer> breached = breachedCycles.getOrDefault(target, Set.of());
        long kept =
            switch (target) {
              case FIRST_RESPONSE -> firstResponseAnswered ? 1 : 0;
              case NEXT_RESPONSE ->
                  answeredCycles.stream().filter(c -> !breached.contains(c)).count();
              case RESOLUTION -> resolved ? 1 : 0;
            };
        boolean single = target != SlaTarget.NEXT_RESPONSE;
        long met = !promised || (single && !breached.isEmpty()) ? 0 : kept;
        compliance.put(target, new SlaCompliance(met, breached.size()));
      }
      return compliance;
    }
  }
}
