package dev.helpdesk.domain;

/** Where a message came from (R1). Every channel ends in the same ticket thread. */
public enum Channel {
  EMAIL,
  WEB,
  CHAT,
  PHONE,
  API
}
