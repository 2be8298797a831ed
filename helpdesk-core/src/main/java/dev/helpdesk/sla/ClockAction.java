package dev.helpdesk.sla;

/** What happened to an SLA clock at one instant of its history. */
public enum ClockAction {
  START,
  PAUSE,
  RESUME,
  STOP
}
