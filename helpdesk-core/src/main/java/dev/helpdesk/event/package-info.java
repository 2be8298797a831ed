/**
 * The events of the desk: one immutable record per accepted command, forming each ticket's paper
 * trail (R11) and the feed that plugins and billing portals listen to.
 */
package dev.helpdesk.event;
