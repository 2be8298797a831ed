package dev.helpdesk.domain;

/**
 * How urgent a ticket is; it drives SLA targets and queue order (R6, R7). Declared least urgent
 * first.
 */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT
}
