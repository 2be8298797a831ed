package dev.helpdesk.domain;

/**
 * A store failed. {@link #isTemporary()} tells a passing failure (connection refused, deadlock,
 * serialization failure) from a permanent one (a constraint or schema problem).
 */
public final class StoreException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  private final boolean temporary;

  public StoreException(String message, boolean temporary, Throwable cause) {
    super(message, cause);
    this.temporary = temporary;
  }

  @Override
  public boolean isTemporary() {
    return temporary;
  }
}
