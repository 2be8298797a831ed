package dev.helpdesk.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BillingPortalTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private final List<String> log = new ArrayList<>();
  private final BillingPortal portal = new BillingPortal(log::add);

  private static CompensationOwed owed(String customer, long cents, String key) {
    return new CompensationOwed(
        new TicketId(UUID.randomUUID()),
        3,
        Actor.system("sla"),
        Instant.parse("2026-11-23T10:05:00Z"),
        CustomerId.of(customer),
        cents,
        EUR,
        "First response later than promised",
        key);
  }

  @Test
  void creditsOncePerKey_howeverOftenDelivered() throws Exception {
    CompensationOwed event = owed("frank", 2_500, "k1");
    portal.onDurableEvent("k1", event);
    portal.onDurableEvent("k1", event);
    portal.onDurableEvent("k2", owed("greta", 1_000, "k2"));

    assertThat(portal.credits())
        .extracting(BillingPortal.Credit::key, BillingPortal.Credit::amountMinor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("k1", 2_500L),
            org.assertj.core.groups.Tuple.tuple("k2", 1_000L));
    assertThat(portal.deliveries()).isEqualTo(3);
    assertThat(log).anyMatch(l -> l.contains("already credited"));
  }

  @Test
  void aLostAcknowledgement_failsTheDelivery_butTheRetryPaysNothingMore() throws Exception {
    CompensationOwed event = owed("frank", 2_500, "k1");
    portal.loseNextAcknowledgement();

    assertThatThrownBy(() -> portal.onDurableEvent("k1", event)).isInstanceOf(IOException.class);
    portal.onDurableEvent("k1", event);

    assertThat(portal.credits()).hasSize(1);
  }

  @Test
  void otherDurableEvents_areNotCredits() throws Exception {
    HelpdeskEvent notCompensation =
        new dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived(
            new TicketId(UUID.randomUUID()),
            2,
            Actor.customer(CustomerId.of("frank")),
            Instant.parse("2026-11-23T12:00:00Z"),
            5,
            10,
            "");
    portal.onDurableEvent("f1", notCompensation);
    assertThat(portal.credits()).isEmpty();
    assertThat(portal.deliveries()).isZero();
  }
}
