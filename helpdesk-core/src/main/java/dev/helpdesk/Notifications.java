package dev.helpdesk;

import dev.helpdesk.domain.Requester;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders the notifications a command owes people, as outbox messages. */
final class Notifications {
  private final Directory directory;

  Notifications(Directory directory) {
    this.directory = directory;
  }

  /** R3: the confirmation carries the ticket's content and the reference to follow it. */
  OutboxMessage confirmation(Ticket t, ThreadEntry first, Instant at) {
    Recipient r = requester(t);
    String body =
        "Hello "
            + r.name()
            + ",\n\nwe received your request and will answer as soon as we can.\n"
            + "Reference: "
            + t.reference()
            + "\nSubject: "
            + t.subject()
            + "\n\n"
            + first.body()
            + "\n";
    Notification n =
        new Notification(
            Notification.Kind.CONFIRMATION,
            t.id(),
            t.reference(),
            r.email(),
            r.name(),
            "[" + t.reference() + "] " + t.subject(),
            body,
            Optional.of(first.id()));
    return new OutboxMessage("confirm:" + t.id(), t.id(), at, n);
  }

  /** A public staff message goes to the requester and every participant. */
  List<OutboxMessage> toCustomer(Notification.Kind kind, Ticket t, ThreadEntry entry, Instant at) {
    return toCustomer(kind, t, entry, entry.body(), at);
  }

  private List<OutboxMessage> toCustomer(
      Notification.Kind kind, Ticket t, ThreadEntry entry, String body, Instant at) {
    List<Recipient> recipients = new ArrayList<>();
    recipients.add(requester(t));
    t.participants().forEach(p -> recipients.add(new Recipient(p, p)));
    List<OutboxMessage> out = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      Recipient r = recipients.get(i);
      Notification n =
          new Notification(
              kind,
              t.id(),
              t.reference(),
              r.email(),
              r.name(),
              "Re: [" + t.reference() + "] " + t.subject(),
              body,
              Optional.of(entry.id()));
      out.add(new OutboxMessage("notify:" + entry.id() + ":" + i, t.id(), at, n));
    }
    return out;
  }

  /**
   * R9: a proposed resolution, with what the customer can do about it; only they close the ticket.
   */
  List<OutboxMessage> resolutionProposed(Ticket t, ThreadEntry entry, Instant at) {
    return toCustomer(
        Notification.Kind.RESOLUTION_PROPOSED,
        t,
        entry,
        entry.body()
            + "\n\n--\nWe believe this solves your problem. If it does, please confirm it by"
            + " closing ticket "
            + t.reference()
            + " in your customer account; only you can close it. If it does not, just reply to"
            + " this message and the ticket opens again.\n",
        at);
  }

  /** The customer reopened their ticket: tell them it is back in the queue. */
  OutboxMessage reopened(Ticket t, long version, Instant at) {
    Recipient r = requester(t);
    Notification n =
        new Notification(
            Notification.Kind.REOPENED,
            t.id(),
            t.reference(),
            r.email(),
            r.name(),
            "Re: [" + t.reference() + "] " + t.subject(),
            "Hello "
                + r.name()
                + ",\n\nticket "
                + t.reference()
                + " is open again and back with our team. We will answer as soon as we can.\n",
            Optional.empty());
    return new OutboxMessage("reopened:" + t.id() + ":" + version, t.id(), at, n);
  }

  /** R13: after the customer closes, ask once how we did. */
  OutboxMessage feedbackRequest(Ticket t, long closedVersion, Instant at) {
    Recipient r = requester(t);
    Notification n =
        new Notification(
            Notification.Kind.FEEDBACK_REQUEST,
            t.id(),
            t.reference(),
            r.email(),
            r.name(),
            "How did we do? [" + t.reference() + "]",
            "Hello "
                + r.name()
                + ",\n\nyou closed ticket "
                + t.reference()
                + ". Please rate our help from 1 to 5 and tell us how likely you are to recommend us"
                + " (0-10).\n",
            Optional.empty());
    return new OutboxMessage("feedback:" + t.id() + ":" + closedVersion, t.id(), at, n);
  }

  /** To staff: an SLA warning, breach or escalation about a ticket. */
  OutboxMessage staffAlert(Ticket t, AgentProfile agent, String text, String key, Instant at) {
    Notification n =
        new Notification(
            Notification.Kind.STAFF_ALERT,
            t.id(),
            t.reference(),
            agent.email(),
            agent.displayName(),
            "[" + t.reference() + "] " + text,
            text
                + "\n\nTicket "
                + t.reference()
                + ": "
                + t.subject()
                + " ("
                + t.priority()
                + ", "
                + t.department()
                + ")\n",
            Optional.empty());
    return new OutboxMessage("alert:" + key + ":" + agent.id(), t.id(), at, n);
  }

  Recipient requester(Ticket t) {
    if (t.requester() instanceof Requester.Known known) {
      Optional<CustomerProfile> p = directory.customer(known.customer());
      if (p.isPresent()) {
        return new Recipient(p.get().email(), p.get().displayName());
      }
      throw new IllegalStateException(
          "the directory no longer knows customer "
              + known.customer()
              + " of ticket "
              + t.reference());
    }
    String email = ((Requester.Unknown) t.requester()).email();
    return new Recipient(email, email);
  }

  record Recipient(String email, String name) {}
}
