package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import java.util.Currency;
import java.util.Set;

/**
 * A plan the host sells (R16): the channels it entitles a customer to, and its monthly price for
 * compensation computed as a percentage.
 *
 * @param monthlyPriceMinor the monthly price in minor units of {@code currency} (cents)
 */
public record Plan(
    PlanId id, String name, Set<Channel> channels, long monthlyPriceMinor, Currency currency) {
  public Plan {
    requireNonNull(id, "id must not be null");
    requireNonNull(name, "name must not be null");
    channels = ImmutableSet.copyOf(channels);
    checkArgument(
        monthlyPriceMinor >= 0,
        "monthlyPriceMinor must not be negative, got %s",
        monthlyPriceMinor);
    requireNonNull(currency, "currency must not be null");
  }
}
