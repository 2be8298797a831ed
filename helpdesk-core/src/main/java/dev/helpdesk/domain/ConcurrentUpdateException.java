package dev.helpdesk.domain;

/**
 * Another command changed the ticket first (optimistic locking), or a once-only key was already
 * stored. The desk retries commands that are safe to retry; it is temporary by nature.
 */
public final class ConcurrentUpdateException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String message) {
    super(message);
  }

  @Override
  public boolean isTemporary() {
    return true;
  }
}
