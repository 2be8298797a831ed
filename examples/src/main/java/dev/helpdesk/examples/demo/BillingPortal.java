package dev.helpdesk.examples.demo;

import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.spi.DurableListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sample billing-portal integration: turns {@link CompensationOwed} into account credits, exactly
 * once per idempotency key however often the outbox delivers it. A real portal keeps the keys in
 * its own database, in the same transaction as the credit.
 */
public final class BillingPortal implements DurableListener {

  /** A credit on a customer's account. */
  public record Credit(
      String key, CustomerId customer, long amountMinor, Currency currency, String reason) {}

  private final Map<String, Credit> creditsByKey = new LinkedHashMap<>();
  private final Consumer<String> log;
  private int deliveries;
  private boolean loseNextAcknowledgement;

  /** A portal that reports what it does to {@code log}. */
  public BillingPortal(Consumer<String> log) {
    this.log = log;
  }

  /**
   * Makes the next delivery credit the customer and then fail as if the answer got lost on the
   * network, the case in which the outbox must deliver again and the portal must not pay twice.
   */
  public synchronized void loseNextAcknowledgement() {
    loseNextAcknowledgement = true;
  }

  @Override
  public synchronized void onDurableEvent(String key, HelpdeskEvent event) throws IOException {
    if (!(event instanceof CompensationOwed owed)) {
      return;
    }
    deliveries++;
    Credit existing = creditsByKey.get(key);
    if (existing != null) {
      log.accept("billing portal: " + key + " was already credited; nothing paid again");
    } else {
      Credit credit =
          new Credit(key, owed.customer(), owed.amountMinor(), owed.currency(), owed.reason());
      creditsByKey.put(key, credit);
      log.accept(
          String.format(
              "billing portal: credited %s %s to %s (%s), key %s",
              money(owed.amountMinor(), owed.currency()),
              owed.currency().getCurrencyCode(),
              owed.customer(),
              owed.reason(),
              key));
    }
    if (loseNextAcknowledgement) {
      loseNextAcknowledgement = false;
      throw new IOException("connection reset before the portal acknowledged " + key);
    }
  }

  /** Every credit made, once each. */
  public synchronized List<Credit> credits() {
    return new ArrayList<>(creditsByKey.values());
  }

  /** How many compensation deliveries arrived, repeats included. */
  public synchronized int deliveries() {
    return deliveries;
  }

  static String money(long minor, Currency currency) {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return java.math.BigDecimal.valueOf(minor, digits).toPlainString();
  }
}
