package dev.helpdesk.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.SupportHours;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Computes the support figures of R13 from ticket histories, in one pass that keeps running totals
 * per group and sorts only the durations, so reports over many thousands of tickets stay cheap.
 *
 * <p>Definitions:
 *
 * <ul>
 *   <li><b>Scope</b>: the tickets opened in {@code [from, to)} (by {@code Ticket.openedAt}), a
 *       cohort: their whole history is used, also events after {@code to}, so a past period's
 *       figures mature as its tickets close. Tickets merged or spam now are counted in {@code
 *       tickets}, {@code mergedOrSpam}, breaches and compensation (those happened), and left out of
 *       every other figure; the rest are the <i>measured</i> tickets.
 *   <li><b>First response</b>: opening to the first public {@code MessagePosted} or {@code
 *       ResolutionProposed} by an {@code Actor.Agent}.
 *   <li><b>Resolution time</b>: opening to the last {@code TicketClosed} of tickets closed now (the
 *       ticket's {@code closedAt}). <b>Resolution rate</b>: tickets closed now per measured ticket.
 *   <li>Both times are given on the wall clock and in business time, {@code
 *       hours.businessTimeBetween}, each with its count, median and 90th percentile (nearest rank,
 *       see {@link DurationStats}).
 *   <li><b>SLA compliance</b>, per target, in clock cycles: a cycle is <i>breached</i> when an
 *       {@code SlaBreached} names its target and cycle. It is <i>met</i> when its promise was kept
 *       without a breach on a ticket whose SLA state names a policy (without one, nothing was
 *       promised): first response when an agent replied before the ticket was first closed;
 *       resolution when the ticket is closed now; next response for each cycle answered by an
 *       agent, a cycle starting, as in the SLA engine, with a public non-agent message after the
 *       first response was over, while no earlier cycle was still waiting, and ending unanswered
 *       when the ticket is closed. Cycles still running, or ended without promise kept or broken,
 *       count neither way. A policy that promises no resolution time still counts closed tickets as
 *       met.
 *   <li><b>Breaches</b>: the {@code SlaBreached} events; <b>compensation owed</b>: the sum of
 *       {@code CompensationOwed} amounts per currency, in minor units.
 *   <li><b>Transfers per ticket</b>: the mean of {@code Ticket.transfers()} over measured tickets.
 *   <li><b>Reopen rate</b>: tickets taken out of {@code CLOSED} at least once (a {@code
 *       TicketReopened} from {@code CLOSED}, or a {@code MessagePosted} from {@code CLOSED} to
 *       another status) per ticket with at least one {@code TicketClosed}; rejecting a proposed
 *       resolution is not a reopen.
 *   <li><b>CSAT</b>: the mean 1-5 rating of {@code FeedbackReceived} events; <b>NPS</b>: promoters
 *       (9-10) minus detractors (0-6) per feedback, in percent.
 * </ul>
 *
 * <p>Attribution: per department, a ticket counts for the department it is in now. Per agent, a
 * ticket's first response counts for the agent who gave it; everything else (the ticket count,
 * resolution, SLA, transfers, reopens, feedback) counts for its <i>owner</i>: the assignee now, or
 * when unassigned the last agent who replied publicly. A ticket with neither counts for no agent,
 * so an agent's {@code tickets} are the tickets they own, and their first-response count may differ
 * from it.
 */
public final class SupportMetrics {
  private SupportMetrics() {}

  /**
   * The report of the tickets among {@code histories} opened in {@code [from, to)}, with business
   * time measured in {@code hours}.
   */
  public static SupportReport report(
      Instant from, Instant to, Iterable<TicketHistory> histories, SupportHours hours) {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    checkArgument(!to.isBefore(from), "period end %s must not be before its start %s", to, from);
    requireNonNull(histories, "histories must not be null");
    requireNonNull(hours, "hours must not be null");
    Accumulator overall = new Accumulator();
    Map<DepartmentId, Accumulator> byDepartment = new HashMap<>();
    Map<AgentId, Accumulator> byAgent = new HashMap<>();
    for (TicketHistory history : histories) {
      requireNonNull(history, "histories must not contain null");
      Instant opened = history.ticket().openedAt();
      if (opened.isBefore(from) || !opened.isBefore(to)) {
        continue;
      }
      TicketFacts facts = TicketFacts.of(history, hours);
      overall.addTicket(facts);
      overall.addFirstResponse(facts);
      Accumulator department =
          byDepartment.computeIfAbsent(facts.department(), d -> new Accumulator());
      department.addTicket(facts);
      department.addFirstResponse(facts);
      facts.owner().ifPresent(agent -> accumulator(byAgent, agent).addTicket(facts));
      facts
          .firstResponse()
          .ifPresent(first -> accumulator(byAgent, first.agent()).addFirstResponse(facts));
    }
    return new SupportReport(
        from,
        to,
        overall.figures(),
        figures(byDepartment, DepartmentId::value),
        figures(byAgent, AgentId::value));
  }

  private static Accumulator accumulator(Map<AgentId, Accumulator> byAgent, AgentId agent) {
    return byAgent.computeIfAbsent(agent, a -> new Accumulator());
  }

  /** The groups' figures, ordered by key so reports read the same every time. */
  private static <K> Map<K, Figures> figures(Map<K, Accumulator> groups, Function<K, String> name) {
    ImmutableMap.Builder<K, Figures> figures = ImmutableMap.builder();
    groups.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(name)))
        .forEach(e -> figures.put(e.getKey(), e.getValue().figures()));
    return figures.build();
  }
}
