package dev.helpdesk.examples.demo;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.IncidentLinked;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.PriorityChanged;
import dev.helpdesk.event.HelpdeskEvent.ResolutionProposed;
import dev.helpdesk.event.HelpdeskEvent.StatusChanged;
import dev.helpdesk.event.HelpdeskEvent.TicketAssigned;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketEscalated;
import dev.helpdesk.event.HelpdeskEvent.TicketMerged;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.event.ServiceLevelEvent.SlaBreached;
import dev.helpdesk.event.ServiceLevelEvent.SlaWarningReached;
import dev.helpdesk.spi.HelpdeskListener;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.TicketStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints the day as it happens: the story's narration and, as a listener of the desk, one line per
 * committed event, each stamped with the simulated time.
 */
final class Timeline implements HelpdeskListener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;
  private TicketStore store;

  Timeline(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** The store to look references up in; the desk is built after the timeline listens. */
  void lookUpIn(TicketStore value) {
    this.store = value;
  }

  /** A line of the story. */
  void say(String format, Object... args) {
    out.printf("%s  %s%n", TIME.format(clock.instant()), String.format(format, args));
  }

  /** A heading for a part of the day. */
  void part(String title) {
    out.printf("%n%s%n", title);
  }

  /** A mail the desk's notifier handed to the SMTP server. */
  void mailed(Notification n) {
    out.printf(
        "%s      %s mail: %s -> %s%n",
        TIME.format(clock.instant()),
        n.reference(),
        n.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        n.recipientEmail());
  }

  @Override
  public void onEvent(HelpdeskEvent e) {
    String ref =
        store == null
            ? e.ticket().toString()
            : store.find(e.ticket()).map(t -> t.reference()).map(TicketRef::value).orElse("?");
    out.printf("%s      %s %s%n", TIME.format(e.at()), ref, describe(e));
  }

  private static String describe(HelpdeskEvent e) {
    String by = who(e.actor());
    if (e instanceof TicketOpened o) {
      // Intake opens a stranger's ticket as the system; the address is what staff need to see.
      String opener =
          o.requester() instanceof Requester.Unknown u ? u.email() + " (unverified sender)" : by;
      return String.format(
          "opened by %s via %s in %s, %s: \"%s\"",
          opener, o.channel(), o.department(), o.priority(), o.subject());
    }
    if (e instanceof MessagePosted m) {
      return m.visibility() == Visibility.INTERNAL
          ? "internal note by " + by
          : String.format("message from %s (%s -> %s)", by, m.statusBefore(), m.statusAfter());
    }
    if (e instanceof ResolutionProposed) {
      return "resolution proposed by " + by;
    }
    if (e instanceof TicketClosed) {
      return "closed by " + by;
    }
    if (e instanceof TicketReopened) {
      return "reopened by " + by;
    }
    if (e instanceof StatusChanged s) {
      return String.format("%s -> %s by %s", s.before(), s.after(), by);
    }
    if (e instanceof TicketAssigned a) {
      return a.after().map(x -> "assigned to " + x).orElse("unassigned") + " by " + by;
    }
    if (e instanceof TicketEscalated x) {
      return String.format("escalated %s -> %s by %s: %s", x.from(), x.to(), by, x.reason());
    }
    if (e instanceof TicketTransferred t) {
      return String.format("transferred %s -> %s by %s: %s", t.from(), t.to(), by, t.reason());
    }
    if (e instanceof PriorityChanged p) {
      return String.format("priority %s -> %s by %s", p.before(), p.after(), by);
    }
    if (e instanceof TicketMerged) {
      return "merged into the original by " + by;
    }
    if (e instanceof IncidentLinked) {
      return "linked to the incident by " + by;
    }
    if (e instanceof SlaWarningReached w) {
      return String.format(
          "SLA warning: %s due at %s", label(w.target()), TIME.format(w.deadline()));
    }
    if (e instanceof SlaBreached b) {
      return String.format(
          "SLA BREACHED: %s was due at %s", label(b.target()), TIME.format(b.deadline()));
    }
    if (e instanceof CompensationOwed c) {
      return String.format(
          "compensation owed to %s: %s %s (%s)",
          c.customer(),
          BillingPortal.money(c.amountMinor(), c.currency()),
          c.currency().getCurrencyCode(),
          c.reason());
    }
    if (e instanceof FeedbackReceived f) {
      return String.format(
          "feedback from %s: %d/5, recommends %d/10%s",
          by, f.rating(), f.recommend(), f.comment().isEmpty() ? "" : ", \"" + f.comment() + "\"");
    }
    return e.getClass().getSimpleName() + " by " + by;
  }

  private static String label(dev.helpdesk.sla.SlaTarget target) {
    return target.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String who(Actor actor) {
    if (actor instanceof Actor.Customer c) {
      return c.id().value();
    }
    if (actor instanceof Actor.Agent a) {
      return a.id().value();
    }
    return actor.label();
  }
}
