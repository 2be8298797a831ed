package dev.helpdesk.domain;

/**
 * The root of every exception the desk and its adapters throw, unchecked. Adapters never leak
 * {@code SQLException} or {@code MessagingException}: they wrap them here, keeping the cause.
 */
public abstract class HelpdeskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected HelpdeskException(String message) {
    super(message);
  }

  protected HelpdeskException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * True when trying the same thing again later may succeed (a database hiccup, a lost race), so a
   * caller such as the mail pipe answers "try again later" instead of rejecting.
   */
  public boolean isTemporary() {
    return false;
  }
}
