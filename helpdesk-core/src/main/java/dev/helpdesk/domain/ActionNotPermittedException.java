package dev.helpdesk.domain;

/**
 * The actor may not do this: a customer touching another's ticket, an agent outside their
 * departments, staff trying to close (R9). The message names actor, action and ticket.
 */
public final class ActionNotPermittedException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public ActionNotPermittedException(Actor actor, String action, String ticket, String why) {
    super(actor.label() + " may not " + action + " ticket " + ticket + ": " + why);
  }
}
