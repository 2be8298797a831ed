/**
 * The desk's single entry point, {@link dev.helpdesk.Helpdesk}, with the commands it takes and the
 * views it returns. Everything below it is layered: {@code domain} (ids, actors, statuses, errors),
 * {@code sla} (policies, hours, clocks), {@code ticket} (the ticket and its thread), {@code event},
 * then {@code spi} (the ports adapters implement) and {@code metrics}; {@code internal} holds the
 * ticket aggregate and is not part of the API.
 */
package dev.helpdesk;
