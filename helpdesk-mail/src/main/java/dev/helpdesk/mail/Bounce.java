package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * A bounce report: which recipients failed, the status code (e.g. "5.1.1"), the diagnostic, and the
 * Message-ID/References of the original message when the report includes its headers, so the intake
 * can find the ticket whose notification bounced.
 */
record Bounce(
    List<String> failedRecipients,
    String status,
    String diagnostic,
    List<String> originalThreadIds) {
  Bounce {
    checkNotNull(failedRecipients, "failedRecipients is null (status %s)", status);
    checkNotNull(status, "status is null (recipients %s)", failedRecipients);
    checkNotNull(diagnostic, "diagnostic is null (status %s)", status);
    checkNotNull(originalThreadIds, "originalThreadIds is null (status %s)", status);
    failedRecipients = List.copyOf(failedRecipients);
    originalThreadIds = List.copyOf(originalThreadIds);
  }
}
