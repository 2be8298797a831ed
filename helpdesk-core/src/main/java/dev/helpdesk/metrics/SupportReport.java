package dev.helpdesk.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.DepartmentId;
import java.time.Instant;
import java.util.Map;

/**
 * The support figures of the tickets opened in {@code [from, to)}, overall, per department and per
 * agent (R13). Built by {@link SupportMetrics}, which documents the definitions and attribution.
 *
 * @param byDepartment per department the ticket is in now; every ticket lands in exactly one
 * @param byAgent per agent, attributed as {@link SupportMetrics} describes; tickets no agent owns
 *     appear only overall and per department
 */
public record SupportReport(
    Instant from,
    Instant to,
    Figures overall,
    Map<DepartmentId, Figures> byDepartment,
    Map<AgentId, Figures> byAgent) {
  public SupportReport {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    checkArgument(!to.isBefore(from), "period end %s must not be before its start %s", to, from);
    requireNonNull(overall, "overall must not be null");
    byDepartment = ImmutableMap.copyOf(byDepartment);
    byAgent = ImmutableMap.copyOf(byAgent);
  }
}
