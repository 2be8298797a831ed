package dev.helpdesk.sla;

/** Whether an SLA clock is counting support time, waiting to resume, or done. */
public enum ClockStatus {
  RUNNING,
  PAUSED,
  STOPPED
}
