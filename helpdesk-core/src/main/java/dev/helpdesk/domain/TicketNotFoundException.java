package dev.helpdesk.domain;

/** No ticket has the given id or reference, or the actor may not know that it exists. */
public final class TicketNotFoundException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public TicketNotFoundException(String ticket) {
    super("ticket " + ticket + " not found");
  }
}
