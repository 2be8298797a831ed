package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterables;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.internal.SupportMetrics;
import dev.helpdesk.internal.TicketHistory;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The support report (R13): the period's tickets page by page, each page's events read in one store
 * call, streamed through the metrics accumulator so only one page is held at a time.
 */
final class Reports {
  private static final int REPORT_BATCH = 500;

  private final Pipeline desk;
  private final SupportHours supportHours;

  Reports(Pipeline desk, SupportHours supportHours) {
    this.desk = desk;
    this.supportHours = supportHours;
  }

  SupportReport report(Actor actor, Instant from, Instant to) {
    requireNonNull(from, "from must not be null");
    requireNonNull(to, "to must not be null");
    checkArgument(!to.isBefore(from), "report period ends %s before it starts %s", to, from);
    Optional<AgentProfile> agent =
        actor instanceof Actor.System
            ? Optional.empty()
            : Optional.of(desk.auth.agent(actor, "read reports"));
    Iterable<List<Ticket>> pages =
        Pages.of(
            (after, limit) -> desk.store.openedBetween(from, to, after, limit),
            REPORT_BATCH,
            Ticket::openedAt);
    Iterable<TicketHistory> histories =
        Iterables.concat(
            Iterables.transform(
                pages,
                page ->
                    histories(
                        page.stream()
                            .filter(t -> agent.map(a -> a.reaches(t.department())).orElse(true))
                            .toList())));
    return SupportMetrics.report(from, to, histories, supportHours);
  }

  private List<TicketHistory> histories(List<Ticket> tickets) {
    Map<TicketId, List<HelpdeskEvent>> events =
        desk.store.events(tickets.stream().map(Ticket::id).toList());
    return tickets.stream()
        .map(t -> new TicketHistory(t, events.getOrDefault(t.id(), List.of())))
        .toList();
  }
}
