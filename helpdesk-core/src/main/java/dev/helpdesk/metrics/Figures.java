package dev.helpdesk.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
import dev.helpdesk.sla.SlaTarget;
import java.util.Currency;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The support figures of one group of tickets (all, one department or one agent). Components are
 * the counts, so figures of disjoint groups can be compared and re-derived; rates and averages are
 * derived methods returning an {@link OptionalDouble} that is empty when their denominator is zero.
 * Rates are fractions in [0, 1]; only {@link #nps()} is in percent. See {@link SupportMetrics} for
 * how each count is defined.
 *
 * @param tickets tickets of the group opened in the period, including merged and spam ones
 * @param mergedOrSpam those of {@code tickets} that are merged or spam now; they add only to {@code
 *     tickets}, {@code breaches} and {@code compensationOwed}
 * @param firstResponseWall opening to first agent reply, wall-clock time
 * @param firstResponseBusiness opening to first agent reply, support-hours time
 * @param resolutionWall opening to the last closing of tickets closed now, wall-clock time
 * @param resolutionBusiness opening to the last closing of tickets closed now, support-hours time
 * @param resolved measured tickets that are closed now
 * @param slaCompliance for every {@link SlaTarget}, the cycles met and breached
 * @param breaches {@code SlaBreached} events of the group's tickets, all targets
 * @param compensationOwed per currency, the sum of {@code CompensationOwed} amounts in minor units
 * @param transfers department transfers of measured tickets, summed
 * @param closed measured tickets closed at least once
 * @param reopened of those, tickets reopened from closed at least once
 * @param feedback feedback received on measured tickets
 * @param ratingSum the sum of their 1-5 ratings
 * @param promoters feedback recommending with 9 or 10
 * @param detractors feedback recommending with 0 to 6
 */
public record Figures(
    long tickets,
    long mergedOrSpam,
    DurationStats firstResponseWall,
    DurationStats firstResponseBusiness,
    DurationStats resolutionWall,
    DurationStats resolutionBusiness,
    long resolved,
    Map<SlaTarget, SlaCompliance> slaCompliance,
    long breaches,
    Map<Currency, Long> compensationOwed,
    long transfers,
    long closed,
    long reopened,
    long feedback,
    long ratingSum,
    long promoters,
    long detractors) {

  public Figures {
    checkArgument(
        0 <= mergedOrSpam && mergedOrSpam <= tickets,
        "mergedOrSpam %s must be within 0-tickets (%s)",
        mergedOrSpam,
        tickets);
    requireNonNull(firstResponseWall, "firstResponseWall must not be null");
    requireNonNull(firstResponseBusiness, "firstResponseBusiness must not be null");
    requireNonNull(resolutionWall, "resolutionWall must not be null");
    requireNonNull(resolutionBusiness, "resolutionBusiness must not be null");
    checkArgument(
        0 <= resolved && resolved <= tickets - mergedOrSpam,
        "resolved %s must be within 0-%s measured tickets",
        resolved,
        tickets - mergedOrSpam);
    checkArgument(
        slaCompliance.keySet().containsAll(java.util.EnumSet.allOf(SlaTarget.class)),
        "slaCompliance must cover every target, got %s",
        slaCompliance.keySet());
    slaCompliance = Maps.immutableEnumMap(slaCompliance);
    checkArgument(breaches >= 0, "breaches must not be negative, got %s", breaches);
    compensationOwed = ImmutableMap.copyOf(compensationOwed);
    compensationOwed.forEach(
        (currency, amount) ->
            checkArgument(amount > 0, "compensation owed in %s must be positive", currency));
    checkArgument(transfers >= 0, "transfers must not be negative, got %s", transfers);
    checkArgument(
        0 <= reopened && reopened <= closed,
        "reopened %s must be within 0-closed (%s)",
        reopened,
        closed);
    checkArgument(
        feedback >= 0 && promoters >= 0 && detractors >= 0 && promoters + detractors <= feedback,
        "promoters %s and detractors %s must not exceed feedback %s",
        promoters,
        detractors,
        feedback);
    checkArgument(
        feedback <= ratingSum && ratingSum <= 5 * feedback,
        "ratingSum %s must be within 1-5 per feedback (%s)",
        ratingSum,
        feedback);
  }

  /** Tickets that count towards the rates: in the group, neither merged nor spam. */
  public long measured() {
    return tickets - mergedOrSpam;
  }

  /** Resolved per measured ticket, in [0, 1]. */
  public OptionalDouble resolutionRate() {
    return ratio(resolved, measured());
  }

  /** Mean department transfers per measured ticket. */
  public OptionalDouble transfersPerTicket() {
    return ratio(transfers, measured());
  }

  /** Tickets reopened from closed per ticket closed at least once, in [0, 1]. */
  public OptionalDouble reopenRate() {
    return ratio(reopened, closed);
  }

  /** Mean customer satisfaction rating, in [1, 5]. */
  public OptionalDouble csatAverage() {
    return ratio(ratingSum, feedback);
  }

  /**
   * Net promoter score in percent, in [-100, 100]: promoters (9-10) minus detractors (0-6) per
   * feedback.
   */
  public OptionalDouble nps() {
    return feedback == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(100.0 * (promoters - detractors) / feedback);
  }

  private static OptionalDouble ratio(long numerator, long denominator) {
    return denominator == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) numerator / denominator);
  }
}
