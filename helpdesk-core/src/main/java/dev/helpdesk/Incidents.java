package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.internal.Lifecycle;
import dev.helpdesk.internal.Lifecycle.Action;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Incidents (R20): one outage, many tickets. An update or a proposed resolution goes to every live
 * linked ticket, each a command of its own, after the agent was checked against all of them.
 */
final class Incidents {
  private final Pipeline desk;
  private final TicketCommands commands;

  Incidents(Pipeline desk, TicketCommands commands) {
    this.desk = desk;
    this.commands = commands;
  }

  IncidentId open(Actor actor, String title) {
    desk.auth.agent(actor, "open an incident");
    Incident incident =
        new Incident(
            new IncidentId(desk.newId()),
            title,
            ((Actor.Agent) actor).id(),
            desk.now(),
            Optional.empty());
    desk.store.saveIncident(incident);
    return incident.id();
  }

  List<TicketRef> postUpdate(IncidentId incident, Actor actor, String body) {
    Checks.body(body);
    List<TicketRef> updated = new ArrayList<>();
    for (Ticket t : liveTicketsOf(incident, actor)) {
      updated.add(
          commands.post(
              PostMessage.reply(t.reference(), actor, body), Notification.Kind.INCIDENT_UPDATE));
    }
    return ImmutableList.copyOf(updated);
  }

  List<TicketRef> proposeResolution(IncidentId incident, Actor actor, String body) {
    Checks.body(body);
    List<TicketRef> proposed = new ArrayList<>();
    for (Ticket t : liveTicketsOf(incident, actor)) {
      if (Lifecycle.next(Action.PROPOSE_RESOLUTION, t.status()).isPresent()) {
        commands.proposeResolution(t.reference(), actor, body);
        proposed.add(t.reference());
      }
    }
    Incident i = desk.store.incident(incident).orElseThrow();
    desk.store.saveIncident(
        new Incident(i.id(), i.title(), i.openedBy(), i.openedAt(), Optional.of(desk.now())));
    return ImmutableList.copyOf(proposed);
  }

  private List<Ticket> liveTicketsOf(IncidentId incident, Actor actor) {
    requireNonNull(incident, "incident must not be null");
    checkArgument(desk.store.incident(incident).isPresent(), "unknown incident '%s'", incident);
    List<Ticket> live = new ArrayList<>();
    for (Ticket t : desk.store.linkedTo(incident)) {
      if (!t.status().isFinal()) {
        desk.auth.see(t, actor, "update");
        live.add(t);
      }
    }
    return live;
  }
}
