package dev.helpdesk;

import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.ThreadEntry;
import java.util.List;
import java.util.Set;

/**
 * What a command decided: its event (a command has one; an SLA check may add compensation and
 * escalation), the entries it appends, the messages it owes and its once-only keys.
 */
record Step(
    List<HelpdeskEvent> events,
    List<ThreadEntry> entries,
    List<OutboxMessage> outbox,
    Set<String> onceKeys) {
  Step(HelpdeskEvent event, List<ThreadEntry> entries, List<OutboxMessage> outbox) {
    this(List.of(event), entries, outbox, Set.of());
  }

  static Step of(HelpdeskEvent event) {
    return new Step(event, List.of(), List.of());
  }
}
