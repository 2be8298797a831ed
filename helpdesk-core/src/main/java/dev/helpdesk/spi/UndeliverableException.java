package dev.helpdesk.spi;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a {@link Notifier} when a message can never be delivered, for example because the
 * recipient's server rejected the address permanently. The desk then records the failure on the
 * ticket and stops retrying; any other exception from a notifier counts as temporary.
 */
public final class UndeliverableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String recipient;

  public UndeliverableException(String recipient, String reason, Throwable cause) {
    super(
        "mail to "
            + requireNonNull(recipient, "recipient must not be null")
            + " is undeliverable: "
            + requireNonNull(reason, "reason must not be null"),
        cause);
    this.recipient = recipient;
  }

  /** The address that was refused. */
  public String recipient() {
    return recipient;
  }
}
