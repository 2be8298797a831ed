/**
 * Not API: the ticket aggregate that decides every command and evolves tickets by their events, the
 * lifecycle table, and the SLA engine that keeps a ticket's clocks. The facade uses them; hosts and
 * adapters must not, and the module does not export this package.
 */
package dev.helpdesk.internal;
