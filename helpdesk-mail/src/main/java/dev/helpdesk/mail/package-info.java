/**
 * The Jakarta Mail adapter: parsing inbound mail with bounded memory, the loop guard, signed
 * Message-IDs for threading, and a {@link dev.helpdesk.spi.Notifier} that sends over SMTP.
 */
package dev.helpdesk.mail;
