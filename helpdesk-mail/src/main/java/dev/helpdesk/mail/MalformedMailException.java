package dev.helpdesk.mail;

/**
 * Thrown when a message cannot be processed at all; the intake quarantines it with getMessage() as
 * the reason. Anything less than that degrades to best-effort values instead.
 */
final class MalformedMailException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedMailException(String reason) {
    super(reason);
  }

  MalformedMailException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
