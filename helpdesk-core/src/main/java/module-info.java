/**
 * The helpdesk domain and its one entry point, {@code dev.helpdesk.Helpdesk}: the facade, its
 * commands, ids, exceptions, events, ports, SLA policy types and report records. The ticket
 * aggregate in {@code dev.helpdesk.internal} is not exported.
 */
module dev.helpdesk.core {
  requires com.google.common;
  requires org.slf4j;

  exports dev.helpdesk;
  exports dev.helpdesk.domain;
  exports dev.helpdesk.sla;
  exports dev.helpdesk.ticket;
  exports dev.helpdesk.event;
  exports dev.helpdesk.spi;
  exports dev.helpdesk.metrics;
}
