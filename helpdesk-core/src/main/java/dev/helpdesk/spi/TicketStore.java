package dev.helpdesk.spi;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.ConcurrentUpdateException;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.QueueKey;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persistence of tickets, their threads, events and outbox. Every command of the desk ends in one
 * {@link #commit(TicketChange)}, which must be atomic: the ticket row, its new entries, events,
 * outbox messages and once-keys are stored together or not at all. Lists returned are immutable.
 *
 * <p>Implementations must be thread-safe; several desks (nodes) may share one store. Every adapter
 * passes {@code TicketStoreContract} from {@code helpdesk-testing}. Failures surface as {@link
 * dev.helpdesk.domain.HelpdeskException} subclasses: {@link
 * dev.helpdesk.domain.ConcurrentUpdateException} for a lost optimistic race, {@link
 * dev.helpdesk.domain.StoreException} (temporary or not) for the rest.
 */
public interface TicketStore {

  /** The ticket with this id, if any. */
  Optional<Ticket> find(TicketId id);

  /** The ticket with this human reference, if any. */
  Optional<Ticket> findByReference(TicketRef reference);

  /**
   * Stores one command's outcome atomically. The ticket's stored version must equal {@link
   * TicketChange#expectedVersion()} (0: the ticket must not exist yet, nor its reference), and no
   * once-key or outbox key may exist already; otherwise nothing is written and {@link
   * dev.helpdesk.domain.ConcurrentUpdateException} is thrown.
   */
  void commit(TicketChange change);

  /**
   * Stores several changes to different tickets, each with the guarantees of {@link #commit}, and
   * returns the tickets whose change lost a race and was not written; every other change is stored.
   * A conflict on one ticket never costs the others their change. A store may write them all in one
   * transaction for speed (the SLA checks commit a page of due tickets this way); this default
   * commits them one by one. Any other failure is thrown, and then any of the changes may or may
   * not be stored, so the caller looks at the stored tickets again.
   */
  default Set<TicketId> commitAll(List<TicketChange> changes) {
    requireDistinctTickets(changes);
    ImmutableSet.Builder<TicketId> conflicted = ImmutableSet.builder();
    for (TicketChange change : changes) {
      try {
        commit(change);
      } catch (ConcurrentUpdateException lost) {
        conflicted.add(change.ticket().id());
      }
    }
    return conflicted.build();
  }

  /** Rejects a null list and two changes to one ticket, which one commit each could not order. */
  static void requireDistinctTickets(List<TicketChange> changes) {
    Preconditions.checkNotNull(changes, "changes must not be null");
    Set<TicketId> seen = new java.util.HashSet<>();
    for (TicketChange change : changes) {
      Preconditions.checkNotNull(change, "changes must not contain null");
      Preconditions.checkArgument(
          seen.add(change.ticket().id()),
          "changes hold two changes to ticket %s; commit them one after the other",
          change.ticket().reference());
    }
  }

  /** A ticket's thread entries in the order they were appended. */
  List<ThreadEntry> thread(TicketId ticket);

  /** A ticket's events in version order. */
  List<HelpdeskEvent> events(TicketId ticket);

  /**
   * One page of a department's work queue (tickets whose status {@link
   * dev.helpdesk.domain.TicketStatus#isWorkQueue() is work}), in {@link QueueKey} order, strictly
   * after {@code after} when given (keyset pagination).
   */
  List<Ticket> queue(DepartmentId department, Optional<QueueKey> after, int limit);

  /** A customer's tickets (as requester), newest first. */
  List<Ticket> ticketsOf(CustomerId customer, int limit);

  /** An organization's tickets, newest first. */
  List<Ticket> ticketsOfOrganization(OrganizationId organization, int limit);

  /** Every ticket linked to an incident. */
  List<Ticket> linkedTo(IncidentId incident);

  /** The ticket holding a thread entry that has this mail Message-ID, if any. */
  Optional<TicketId> ticketByMessageId(String messageId);

  /**
   * Tickets whose next SLA check ({@link dev.helpdesk.sla.SlaState#nextCheck()}) is at or before
   * {@code now}, earliest first, strictly after the cursor when given. Must read an index: cost
   * grows with the tickets due, not with all tickets.
   */
  List<Ticket> due(Instant now, Optional<TimeCursor> after, int limit);

  /**
   * Tickets opened in {@code [from, to)}, oldest first (by opening, then id), strictly after the
   * cursor when given: the input of reports over a period. Must read an index on the opening time.
   */
  List<Ticket> openedBetween(Instant from, Instant to, Optional<TimeCursor> after, int limit);

  /** Undelivered outbox messages that are not leased at {@code now}, oldest first. */
  List<OutboxMessage> pendingOutbox(Instant now, int limit);

  /**
   * Leases an outbox message to one deliverer until {@code until}; true if this caller won the
   * lease. A conditional write, so it holds across nodes without row locks.
   */
  boolean leaseOutbox(String key, String owner, Instant now, Instant until);

  /** Marks an outbox message delivered; it is never offered again. */
  void outboxDelivered(String key, Instant at);

  /** Records a failed delivery attempt; the message is offered again from {@code retryAt}. */
  void outboxFailed(String key, String error, Instant retryAt);

  /** Creates or replaces an incident. */
  void saveIncident(Incident incident);

  /** The incident with this id, if any. */
  Optional<Incident> incident(IncidentId id);

  /** Creates or replaces a reply template by its name. */
  void saveTemplate(ReplyTemplate template);

  /** The reply template with this name, if any. */
  Optional<ReplyTemplate> template(String name);

  /** Every reply template, by name. */
  List<ReplyTemplate> templates();
}
