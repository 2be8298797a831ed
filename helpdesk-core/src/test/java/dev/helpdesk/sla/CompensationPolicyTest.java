package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.event.ServiceLevelEvent;
import dev.helpdesk.sla.CompensationPolicy.Compensation;
import dev.helpdesk.sla.CompensationPolicy.Fixed;
import dev.helpdesk.sla.CompensationPolicy.PercentOfMonthlyPrice;
import dev.helpdesk.sla.CompensationPolicy.Rule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompensationPolicyTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");
  private static final Plan DEDICATED =
      new Plan(PlanId.of("dedicated"), "Dedicated", Set.of(Channel.PHONE), 4_999, USD);
  private static final Plan FREE = new Plan(PlanId.of("free"), "Free", Set.of(), 0, USD);

  private static final CompensationPolicy POLICY =
      CompensationPolicy.of(
          Map.of(
              SlaTarget.FIRST_RESPONSE,
              new Rule(new Fixed(500, EUR), "First response later than promised"),
              SlaTarget.RESOLUTION,
              new Rule(new PercentOfMonthlyPrice(new BigDecimal("10")), "Resolution late")),
          Optional.of(
              new Rule(new PercentOfMonthlyPrice(new BigDecimal("100")), "Cannot be fixed")));

  @Test
  void forBreach_fixedRule_creditsTheFixedAmount() {
    assertThat(POLICY.forBreach(SlaTarget.FIRST_RESPONSE, DEDICATED))
        .contains(new Compensation(500, EUR, "First response later than promised"));
  }

  @Test
  void forBreach_percentRule_roundsHalfUpInThePlanCurrency() {
    // 10 % of 49.99 USD is 4.999 USD: 500 cents
    assertThat(POLICY.forBreach(SlaTarget.RESOLUTION, DEDICATED))
        .contains(new Compensation(500, USD, "Resolution late"));
  }

  @Test
  void forBreach_targetWithoutRuleOrFreePlan_owesNothing() {
    assertThat(POLICY.forBreach(SlaTarget.NEXT_RESPONSE, DEDICATED)).isEmpty();
    assertThat(POLICY.forBreach(SlaTarget.RESOLUTION, FREE)).isEmpty();
    assertThat(CompensationPolicy.none().forCannotBeFixed(DEDICATED)).isEmpty();
  }

  @Test
  void forCannotBeFixed_fullMonth_creditsTheMonthlyPrice() {
    assertThat(POLICY.forCannotBeFixed(DEDICATED))
        .contains(new Compensation(4_999, USD, "Cannot be fixed"));
  }

  @Test
  void rules_badValues_areRejectedWithTheValue() {
    assertThatThrownBy(() -> new Fixed(0, EUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> new PercentOfMonthlyPrice(new BigDecimal("150")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("150");
    assertThatThrownBy(() -> new Rule(new Fixed(1, EUR), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void serviceLevelEvents_badValues_areRejected() {
    Actor sla = Actor.system("sla");
    Instant at = Instant.parse("2026-11-23T10:00:00Z");
    assertThatThrownBy(
            () ->
                new ServiceLevelEvent.SlaBreached(
                    TicketRun.ID, 3, sla, at, SlaTarget.FIRST_RESPONSE, 0, at))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle");
    assertThatThrownBy(
            () ->
                new ServiceLevelEvent.CompensationOwed(
                    TicketRun.ID, 3, sla, at, CustomerId.of("c-1"), -5, EUR, "late", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-5");
    assertThatThrownBy(
            () -> new ServiceLevelEvent.FeedbackReceived(TicketRun.ID, 3, sla, at, 3, 11, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recommend");
    assertThat(new ServiceLevelEvent.FeedbackReceived(TicketRun.ID, 3, sla, at, 5, 10, "").rating())
        .isEqualTo(5);
  }
}
