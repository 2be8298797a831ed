package dev.helpdesk.sla;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Maps;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.Plan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a customer is credited when a promise is broken (R10): per missed target, and for a problem
 * that cannot be fixed. A credit is a fixed amount or a percentage of the plan's monthly price.
 */
public final class CompensationPolicy {
  private static final CompensationPolicy NONE = new CompensationPolicy(Map.of(), Optional.empty());

  private final Map<SlaTarget, Rule> perTarget;
  private final Optional<Rule> cannotBeFixed;

  private CompensationPolicy(Map<SlaTarget, Rule> perTarget, Optional<Rule> cannotBeFixed) {
    this.perTarget = Maps.immutableEnumMap(perTarget);
    this.cannotBeFixed = cannotBeFixed;
  }

  /** No credit for anything. */
  public static CompensationPolicy none() {
    return NONE;
  }

  /**
   * Credits for breaches of the given targets (targets missing from the map earn nothing) and, when
   * present, for a problem that cannot be fixed.
   */
  public static CompensationPolicy of(
      Map<SlaTarget, Rule> perTarget, Optional<Rule> cannotBeFixed) {
    requireNonNull(perTarget, "perTarget must not be null");
    requireNonNull(cannotBeFixed, "cannotBeFixed must not be null");
    Map<SlaTarget, Rule> copy = new EnumMap<>(SlaTarget.class);
    perTarget.forEach(
        (target, rule) ->
            copy.put(
                requireNonNull(target, "target must not be null"),
                requireNonNull(rule, () -> "rule for " + target + " must not be null")));
    return new CompensationPolicy(copy, cannotBeFixed);
  }

  /** The credit owed for a breach of {@code target} to a customer on {@code plan}, if any. */
  public Optional<Compensation> forBreach(SlaTarget target, Plan plan) {
    requireNonNull(target, "target must not be null");
    requireNonNull(plan, "plan must not be null");
    return Optional.ofNullable(perTarget.get(target)).flatMap(rule -> rule.credit(plan));
  }

  /** The credit owed when the problem cannot be fixed, if any. */
  public Optional<Compensation> forCannotBeFixed(Plan plan) {
    requireNonNull(plan, "plan must not be null");
    return cannotBeFixed.flatMap(rule -> rule.credit(plan));
  }

  @Override
  public String toString() {
    return "CompensationPolicy[" + perTarget + ", cannot be fixed: " + cannotBeFixed + "]";
  }

  /** How much a credit is. */
  public sealed interface Amount permits Fixed, PercentOfMonthlyPrice {
    /** The amount in minor units for a customer on {@code plan}. */
    long minorUnits(Plan plan);

    /** The currency of the credit for a customer on {@code plan}. */
    Currency currency(Plan plan);
  }

  /** A fixed credit in minor units (cents) of a currency. */
  public record Fixed(long amountMinor, Currency currency) implements Amount {
    public Fixed {
      checkArgument(amountMinor > 0, "amountMinor must be positive, got %s", amountMinor);
      requireNonNull(currency, "currency must not be null");
    }

    @Override
    public long minorUnits(Plan plan) {
      return amountMinor;
    }

    @Override
    public Currency currency(Plan plan) {
      return currency;
    }
  }

  /** A share of the plan's monthly price, rounded half up to the minor unit. */
  public record PercentOfMonthlyPrice(BigDecimal percent) implements Amount {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PercentOfMonthlyPrice {
      requireNonNull(percent, "percent must not be null");
      checkArgument(
          percent.signum() > 0 && percent.compareTo(HUNDRED) <= 0,
          "percent must be above 0 and at most 100, got %s",
          percent);
    }

    @Override
    public long minorUnits(Plan plan) {
      return BigDecimal.valueOf(plan.monthlyPriceMinor())
          .multiply(percent)
          .divide(HUNDRED, 0, RoundingMode.HALF_UP)
          .longValueExact();
    }

    @Override
    public Currency currency(Plan plan) {
      return plan.currency();
    }
  }

  /**
   * One credit rule: the amount and the reason shown to the customer and to billing.
   *
   * @param reason such as "First response later than promised"
   */
  public record Rule(Amount amount, String reason) {
    public Rule {
      requireNonNull(amount, "amount must not be null");
      requireNonNull(reason, "reason must not be null");
      checkArgument(
          !reason.isBlank() && reason.length() <= Limits.REASON_MAX,
          "reason must be 1-%s characters and not blank, got '%s'",
          Limits.REASON_MAX,
          reason);
    }

    /** The credit for {@code plan}; empty when it rounds to nothing (a free plan). */
    Optional<Compensation> credit(Plan plan) {
      long minor = amount.minorUnits(plan);
      return minor > 0
          ? Optional.of(new Compensation(minor, amount.currency(plan), reason))
          : Optional.empty();
    }
  }

  /** A credit owed to one customer: what the desk reports in a {@code CompensationOwed} event. */
  public record Compensation(long amountMinor, Currency currency, String reason) {
    public Compensation {
      checkArgument(amountMinor > 0, "amountMinor must be positive, got %s", amountMinor);
      requireNonNull(currency, "currency must not be null");
      requireNonNull(reason, "reason must not be null");
    }
  }
}
