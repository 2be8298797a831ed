/**
 * The helpdesk domain and its single entry point, {@link dev.helpdesk.Helpdesk}: tickets from every
 * channel in one thread, a lifecycle in which only the customer closes, departments, tiers and the
 * paper trail. Adapters plug in through the ports in {@code dev.helpdesk.spi}.
 */
package dev.helpdesk;
