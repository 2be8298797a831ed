package dev.helpdesk.ticket;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.sla.SlaState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one ticket at one version. Immutable: every accepted command yields one event and a
 * new {@code Ticket} with the version incremented, so stores can lock optimistically on {@link
 * #version()}.
 *
 * @param organization the requester's organization when the ticket was opened, for shared access
 * @param participants further addresses (CC) that receive public replies
 * @param mergedInto the surviving ticket when this one was merged as a duplicate
 * @param previous the closed ticket this one continues, when a customer wrote after the reopen
 *     window
 * @param transfers how many times the ticket moved between departments (a quality signal, R8)
 * @param feedbackGiven whether the customer rated the ticket since it was last closed (once per
 *     closure, R13)
 * @param unfixableCompensated whether the customer was already credited for a problem declared
 *     unfixable (once per ticket, R10)
 */
public record Ticket(
    TicketId id,
    TicketRef reference,
    long version,
    Requester requester,
    Optional<OrganizationId> organization,
    DepartmentId department,
    Priority priority,
    Optional<Category> category,
    Channel channel,
    String subject,
    Tier tier,
    Optional<AgentId> assignee,
    TicketStatus status,
    Set<String> participants,
    Map<String, String> customFields,
    Optional<IncidentId> incident,
    Optional<TicketId> mergedInto,
    Optional<TicketId> previous,
    int transfers,
    int reopens,
    boolean feedbackGiven,
    boolean unfixableCompensated,
    Instant openedAt,
    Instant updatedAt,
    Optional<Instant> closedAt,
    SlaState sla) {

  public Ticket {
    requireNonNull(id, "id must not be null");
    requireNonNull(reference, "reference must not be null");
    requireNonNull(requester, "requester must not be null");
    requireNonNull(organization, "organization must not be null");
    requireNonNull(department, "department must not be null");
    requireNonNull(priority, "priority must not be null");
    requireNonNull(category, "category must not be null");
    requireNonNull(channel, "channel must not be null");
    requireNonNull(subject, "subject must not be null");
    requireNonNull(tier, "tier must not be null");
    requireNonNull(assignee, "assignee must not be null");
    requireNonNull(status, "status must not be null");
    participants = ImmutableSet.copyOf(participants);
    customFields = ImmutableMap.copyOf(customFields);
    requireNonNull(incident, "incident must not be null");
    requireNonNull(mergedInto, "mergedInto must not be null");
    requireNonNull(previous, "previous must not be null");
    requireNonNull(openedAt, "openedAt must not be null");
    requireNonNull(updatedAt, "updatedAt must not be null");
    requireNonNull(closedAt, "closedAt must not be null");
    requireNonNull(sla, "sla must not be null");
  }

  /** The customer this ticket belongs to, if the requester is known to the directory. */
  public Optional<CustomerId> customer() {
    return requester instanceof Requester.Known known
        ? Optional.of(known.customer())
        : Optional.empty();
  }

  /** The same ticket with other SLA clocks; the desk recomputes them after every event. */
  public Ticket withSla(SlaState clocks) {
    return new Ticket(
        id,
        reference,
        version,
        requester,
        organization,
        department,
        priority,
        category,
        channel,
        subject,
        tier,
        assignee,
        status,
        participants,
        customFields,
        incident,
        mergedInto,
        previous,
        transfers,
        reopens,
        feedbackGiven,
        unfixableCompensated,
        openedAt,
        updatedAt,
        closedAt,
        clocks);
  }

  /** This ticket's place in its department's queue (R7). */
  public QueueKey queueKey() {
    return QueueKey.of(this);
  }
}
