package dev.helpdesk.event;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.sla.SlaTarget;
import java.time.Instant;
import java.util.Currency;

/**
 * Events of the service level: SLA warnings and breaches, compensation owed, customer feedback.
 * Kept apart from the lifecycle events so the SLA machinery can grow without touching them.
 */
public sealed interface ServiceLevelEvent extends HelpdeskEvent
    permits ServiceLevelEvent.SlaWarningReached,
        ServiceLevelEvent.SlaBreached,
        ServiceLevelEvent.CompensationOwed,
        ServiceLevelEvent.FeedbackReceived {

  /** Most of a target's time has passed: the warning fraction of cycle {@code cycle}. */
  record SlaWarningReached(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      SlaTarget target,
      int cycle,
      Instant deadline)
      implements ServiceLevelEvent {
    public SlaWarningReached {
      Events.requireCommon(ticket, version, actor, at);
      requireCycle(target, cycle, deadline);
    }
  }

  /** A target was missed: happens exactly once per ticket, target and cycle (R10). */
  record SlaBreached(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      SlaTarget target,
      int cycle,
      Instant deadline)
      implements ServiceLevelEvent {
    public SlaBreached {
      Events.requireCommon(ticket, version, actor, at);
      requireCycle(target, cycle, deadline);
    }
  }

  /**
   * The customer is owed a credit for a broken promise (R10); billing credits it once per {@code
   * idempotencyKey}.
   *
   * @param amountMinor the credit in minor units of {@code currency} (cents)
   */
  record CompensationOwed(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      CustomerId customer,
      long amountMinor,
      Currency currency,
      String reason,
      String idempotencyKey)
      implements ServiceLevelEvent {
    public CompensationOwed {
      Events.requireCommon(ticket, version, actor, at);
      requireNonNull(customer, "customer must not be null");
      checkArgument(amountMinor > 0, "amountMinor must be positive, got %s", amountMinor);
      requireNonNull(currency, "currency must not be null");
      requireText(reason, "reason", Limits.REASON_MAX);
      requireText(idempotencyKey, "idempotencyKey", 200);
    }
  }

  /**
   * The customer rated a closed ticket (R13).
   *
   * @param rating satisfaction from 1 (bad) to 5 (excellent)
   * @param recommend 0-10, how likely they would recommend the host (for NPS)
   * @param comment free text, possibly empty
   */
  record FeedbackReceived(
      TicketId ticket,
      long version,
      Actor actor,
      Instant at,
      int rating,
      int recommend,
      String comment)
      implements ServiceLevelEvent {
    public FeedbackReceived {
      Events.requireCommon(ticket, version, actor, at);
      checkArgument(rating >= 1 && rating <= 5, "rating must be 1-5, got %s", rating);
      checkArgument(recommend >= 0 && recommend <= 10, "recommend must be 0-10, got %s", recommend);
      requireNonNull(comment, "comment must not be null");
      checkArgument(
          comment.length() <= Limits.BODY_MAX,
          "comment must be at most %s characters, got %s",
          Limits.BODY_MAX,
          comment.length());
    }
  }

  private static void requireCycle(SlaTarget target, int cycle, Instant deadline) {
    requireNonNull(target, "target must not be null");
    checkArgument(cycle >= 1, "cycle must be at least 1, got %s", cycle);
    requireNonNull(deadline, "deadline must not be null");
  }

  private static void requireText(String text, String name, int max) {
    requireNonNull(text, () -> name + " must not be null");
    checkArgument(
        !text.isBlank() && text.length() <= max,
        "%s must be 1-%s characters and not blank, got '%s'",
        name,
        max,
        text);
  }
}
