package dev.helpdesk.domain;

/** Whether a thread entry is seen by the customer or only by staff. */
public enum Visibility {
  PUBLIC,
  INTERNAL
}
