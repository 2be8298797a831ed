package dev.helpdesk;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.Ticket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reply templates (R18): stored by staff, rendered with the ticket's and the agent's values. */
final class Templates {
  private final Pipeline desk;
  private final TicketCommands commands;

  Templates(Pipeline desk, TicketCommands commands) {
    this.desk = desk;
    this.commands = commands;
  }

  void save(Actor actor, ReplyTemplate template) {
    requireNonNull(template, "template must not be null");
    desk.auth.agent(actor, "save templates");
    desk.store.saveTemplate(template);
  }

  List<ReplyTemplate> all(Actor actor) {
    desk.auth.agent(actor, "read templates");
    return desk.store.templates();
  }

  TicketRef reply(TicketRef ticket, Actor actor, String templateName) {
    requireNonNull(templateName, "templateName must not be null");
    ReplyTemplate template =
        desk.store
            .template(templateName)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown template '" + templateName + "'"));
    Ticket t = desk.load(ticket);
    desk.auth.see(t, actor, "reply to");
    Map<String, String> values = new HashMap<>();
    values.put("customer_name", desk.notifications.requester(t).name());
    values.put("ticket_reference", t.reference().value());
    values.put("ticket_subject", t.subject());
    values.put("agent_name", actorName(actor));
    values.put(
        "department_name",
        desk.directory
            .department(t.department())
            .map(Department::name)
            .orElse(t.department().value()));
    return commands.post(
        PostMessage.reply(ticket, actor, template.render(values)), Notification.Kind.STAFF_REPLY);
  }

  private String actorName(Actor actor) {
    if (actor instanceof Actor.Agent a) {
      return desk.directory.agent(a.id()).map(AgentProfile::displayName).orElse(a.id().value());
    }
    return actor.label();
  }
}
