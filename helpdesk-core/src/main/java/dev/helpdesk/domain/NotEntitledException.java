package dev.helpdesk.domain;

/**
 * The customer's plan does not include what was asked (R16), for example phone support on a plan
 * that offers it only to dedicated-server customers. The message names the plan and the channel.
 */
public final class NotEntitledException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public NotEntitledException(CustomerId customer, PlanId plan, Channel channel) {
    super(
        "plan '"
            + plan
            + "' of customer "
            + customer
            + " does not include the "
            + channel
            + " channel");
  }
}
