/**
 * Not API: the ticket aggregate that decides every command and evolves tickets by their events,
 * with the lifecycle table. The facade uses it; hosts and adapters must not, and the module does
 * not export it.
 */
package dev.helpdesk.internal;
