package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.TicketRef;

/**
 * What became of one inbound message, so the pipe, the SMTP listener, the mailbox pollers and hosts
 * can each map it to their own answer: every outcome but {@link TemporaryFailure} means the message
 * is kept and must not be delivered again; a temporary failure kept nothing new that matters, and
 * the caller must retry.
 */
public sealed interface IntakeResult {

  /** The exit code for an MTA pipe (sysexits.h): 0 kept, 75 retry later, 65 refused for good. */
  default int sysexit() {
    return 0;
  }

  /** The message opened a new ticket. */
  record Created(TicketRef ticket) implements IntakeResult {
    public Created {
      requireNonNull(ticket, "ticket must not be null");
    }
  }

  /** The message was added to the thread of an existing ticket (the survivor of a merge). */
  record Appended(TicketRef ticket) implements IntakeResult {
    public Appended {
      requireNonNull(ticket, "ticket must not be null");
    }
  }

  /** Kept in the archive, deliberately not made into a ticket message. */
  record Ignored(Why why, String detail) implements IntakeResult {
    /** Why a message was ignored. */
    public enum Why {
      /** The same message was received before. */
      DUPLICATE,
      /** Written by a machine: an auto-reply, a list, our own mail looping back. */
      AUTOMATIC,
      /** A delivery status notification; recorded on the ticket it concerns when there is one. */
      BOUNCE,
      /** A sender the mailbox does not serve (customers only); answered once at most. */
      REFUSED_SENDER
    }

    public Ignored {
      requireNonNull(why, "why must not be null");
      requireNonNull(detail, "detail must not be null");
    }
  }

  /** Could not be processed; kept with its raw bytes under {@code key} until replayed. */
  record Quarantined(String key, String reason) implements IntakeResult {
    public Quarantined {
      requireNonNull(key, "key must not be null");
      requireNonNull(reason, "reason must not be null");
    }
  }

  /** Refused for good, for example over the size limit; the sending server bounces it. */
  record Rejected(String reason) implements IntakeResult {
    public Rejected {
      requireNonNull(reason, "reason must not be null");
    }

    @Override
    public int sysexit() {
      return 65;
    }
  }

  /** Nothing was processed (the store is unreachable, another node holds the message): retry. */
  record TemporaryFailure(String reason) implements IntakeResult {
    public TemporaryFailure {
      requireNonNull(reason, "reason must not be null");
      checkArgument(!reason.isBlank(), "reason must not be blank");
    }

    @Override
    public int sysexit() {
      return 75;
    }
  }
}
