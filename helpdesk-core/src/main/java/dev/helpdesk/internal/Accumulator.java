package dev.helpdesk.internal;

import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.sla.SlaTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals of one group of tickets; only durations are kept one by one, because quantiles
 * need them sorted.
 */
final class Accumulator {
  private long tickets;
  private long mergedOrSpam;
  private final List<Duration> firstResponseWall = new ArrayList<>();
  private final List<Duration> firstResponseBusiness = new ArrayList<>();
  private final List<Duration> resolutionWall = new ArrayList<>();
  private final List<Duration> resolutionBusiness = new ArrayList<>();
  private long resolved;
  private final Map<SlaTarget, SlaCompliance> compliance = new EnumMap<>(SlaTarget.class);
  private long breaches;
  private final Map<Currency, Long> compensation =
      new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
  private long transfers;
  private long closed;
  private long reopened;
  private TicketFacts.Feedback feedback = TicketFacts.Feedback.NONE;

  Accumulator() {
    for (SlaTarget target : SlaTarget.values()) {
      compliance.put(target, SlaCompliance.NONE);
    }
  }

  /** Adds everything of the ticket but its first response, which may belong to someone else. */
  void addTicket(TicketFacts facts) {
    tickets++;
    breaches += facts.breaches();
    facts
        .compensation()
        .forEach((currency, amount) -> compensation.merge(currency, amount, Long::sum));
    if (facts.mergedOrSpam()) {
      mergedOrSpam++;
      return;
    }
    facts
        .resolution()
        .ifPresent(
            elapsed -> {
              resolutionWall.add(elapsed.wall());
              resolutionBusiness.add(elapsed.business());
            });
    if (facts.resolved()) {
      resolved++;
    }
    facts.compliance().forEach((target, c) -> compliance.merge(target, c, SlaCompliance::plus));
    transfers += facts.transfers();
    if (facts.closed()) {
      closed++;
    }
    if (facts.reopened()) {
      reopened++;
    }
    feedback = feedback.plus(facts.feedback());
  }

  /** Adds the ticket's first response, if it is measured and was given. */
  void addFirstResponse(TicketFacts facts) {
    if (facts.mergedOrSpam()) {
      return;
    }
    facts
        .firstResponse()
        .ifPresent(
            first -> {
              firstResponseWall.add(first.elapsed().wall());
              firstResponseBusiness.add(first.elapsed().business());
            });
  }

  Figures figures() {
    return new Figures(
        tickets,
        mergedOrSpam,
        stats(firstResponseWall),
        stats(firstResponseBusiness),
        stats(resolutionWall),
        stats(resolutionBusiness),
        resolved,
        compliance,
        breaches,
        compensation,
        transfers,
        closed,
        reopened,
        feedback.count(),
        feedback.ratingSum(),
        feedback.promoters(),
        feedback.detractors());
  }

  private static DurationStats stats(List<Duration> samples) {
    samples.sort(null);
    return DurationStats.ofSorted(samples);
  }
}
