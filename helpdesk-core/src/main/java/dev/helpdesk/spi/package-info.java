/**
 * The ports of the desk: what a host application or an adapter implements (directory, stores,
 * notifier, listeners). Core depends on these interfaces only, never on an adapter.
 */
package dev.helpdesk.spi;
