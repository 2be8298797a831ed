package dev.helpdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaPoliciesTest {
  private static final DepartmentId TECH = DepartmentId.of("tech");
  private static final DepartmentId BILLING = DepartmentId.of("billing");
  private static final PlanId PREMIUM = PlanId.of("premium");
  private static final SlaTargets TARGETS =
      SlaTargets.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofDays(1));

  private static SlaPolicy policy(
      String name, DepartmentId department, Priority priority, PlanId plan) {
    return new SlaPolicy(
        name,
        Optional.ofNullable(department),
        Optional.ofNullable(priority),
        Optional.ofNullable(plan),
        TARGETS,
        0.75,
        false,
        SupportHours.always());
  }

  private static String selected(
      SlaPolicies policies, DepartmentId department, Priority priority, PlanId plan) {
    return policies
        .select(department, priority, Optional.ofNullable(plan))
        .map(SlaPolicy::name)
        .orElse("none");
  }

  @Test
  void defaults_eachPriority_hasTheNamedFirstResponseTargets() {
    SlaPolicies defaults = SlaPolicies.defaults(SupportHours.always());
    assertThat(firstResponse(defaults, Priority.URGENT)).isEqualTo(Duration.ofMinutes(15));
    assertThat(firstResponse(defaults, Priority.HIGH)).isEqualTo(Duration.ofHours(1));
    assertThat(firstResponse(defaults, Priority.NORMAL)).isEqualTo(Duration.ofHours(4));
    assertThat(firstResponse(defaults, Priority.LOW)).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.all())
        .allSatisfy(
            p -> assertThat(p.targets().firstResponse()).isLessThanOrEqualTo(Duration.ofHours(24)))
        .allSatisfy(p -> assertThat(p.warningFraction()).isEqualTo(0.75));
    assertThat(
            defaults
                .select(TECH, Priority.URGENT, Optional.empty())
                .orElseThrow()
                .targets()
                .resolution())
        .contains(Duration.ofHours(4));
  }

  private static Duration firstResponse(SlaPolicies policies, Priority priority) {
    return policies
        .select(TECH, priority, Optional.empty())
        .orElseThrow()
        .targets()
        .firstResponse();
  }

  @Test
  void select_moreCriteriaMatched_wins() {
    SlaPolicies policies =
        SlaPolicies.of(
            policy("any", null, null, null),
            policy("urgent", null, Priority.URGENT, null),
            policy("tech-urgent", TECH, Priority.URGENT, null),
            policy("premium-tech-urgent", TECH, Priority.URGENT, PREMIUM));
    assertThat(selected(policies, TECH, Priority.URGENT, PREMIUM)).isEqualTo("premium-tech-urgent");
    assertThat(selected(policies, TECH, Priority.URGENT, null)).isEqualTo("tech-urgent");
    assertThat(selected(policies, BILLING, Priority.URGENT, PREMIUM)).isEqualTo("urgent");
    assertThat(selected(policies, BILLING, Priority.LOW, PREMIUM)).isEqualTo("any");
  }

  @Test
  void select_equallySpecific_planBeatsDepartmentBeatsPriority() {
    SlaPolicies policies =
        SlaPolicies.of(
            policy("urgent", null, Priority.URGENT, null),
            policy("tech", TECH, null, null),
            policy("premium", null, null, PREMIUM),
            policy("tech-urgent", TECH, Priority.URGENT, null),
            policy("premium-urgent", null, Priority.URGENT, PREMIUM));
    assertThat(selected(policies, TECH, Priority.LOW, PREMIUM)).isEqualTo("premium");
    assertThat(selected(policies, TECH, Priority.URGENT, null)).isEqualTo("tech-urgent");
    assertThat(selected(policies, BILLING, Priority.URGENT, null)).isEqualTo("urgent");
    assertThat(selected(policies, TECH, Priority.URGENT, PREMIUM)).isEqualTo("premium-urgent");
    assertThat(selected(policies, TECH, Priority.LOW, null)).isEqualTo("tech");
  }

  @Test
  void select_sameCriteria_firstDeclaredWins() {
    SlaPolicies policies =
        SlaPolicies.of(policy("first", TECH, null, null), policy("second", TECH, null, null));
    assertThat(selected(policies, TECH, Priority.NORMAL, null)).isEqualTo("first");
  }

  @Test
  void select_nothingMatches_isEmpty() {
    SlaPolicies policies = SlaPolicies.of(policy("premium", null, null, PREMIUM));
    assertThat(selected(policies, TECH, Priority.NORMAL, null)).isEqualTo("none");
    assertThat(selected(policies, TECH, Priority.NORMAL, PlanId.of("basic"))).isEqualTo("none");
  }

  @Test
  void of_duplicateNames_areRejected() {
    assertThatThrownBy(
            () ->
                SlaPolicies.of(policy("same", null, null, null), policy("same", TECH, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'same'");
  }

  @Test
  void targets_firstResponseAbove24Hours_isRejected() {
    assertThatThrownBy(
            () -> SlaTargets.of(Duration.ofHours(25), Duration.ofHours(1), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT25H");
    assertThatThrownBy(() -> SlaTargets.of(Duration.ofHours(1), Duration.ZERO, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextResponse");
    assertThat(
            new SlaTargets(Duration.ofHours(1), Duration.ofHours(1), Optional.empty())
                .of(SlaTarget.RESOLUTION))
        .isEmpty();
  }

  @Test
  void policy_warningFractionOutsideZeroToOne_isRejected() {
    assertThatThrownBy(
            () ->
                new SlaPolicy(
                    "p",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    TARGETS,
                    1.0,
                    false,
                    SupportHours.always()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warningFraction");
  }
}
