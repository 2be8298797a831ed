package dev.helpdesk.domain;

/** The command is not possible in the ticket's current state (for example replying to spam). */
public final class IllegalTransitionException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public IllegalTransitionException(
      TicketRef ticket, Actor actor, String action, TicketStatus status) {
    super(actor.label() + " cannot " + action + " ticket " + ticket + " in state " + status);
  }
}
