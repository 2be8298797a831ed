/**
 * The ticket as stored and returned: its state at one version with its SLA clocks, the entries of
 * its thread, attachments, queue keys, incidents and reply templates. Immutable values.
 */
package dev.helpdesk.ticket;
