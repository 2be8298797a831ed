package dev.helpdesk.domain;

/** The documented size limits of the desk; bad input beyond them is rejected with a clear error. */
public final class Limits {
  /** Longest subject (and incident title), in characters. */
  public static final int SUBJECT_MAX = 255;

  /** Longest message body, in characters (about 100 KB of text; attachments carry the rest). */
  public static final int BODY_MAX = 100_000;

  /** Longest transfer or escalation reason, in characters. */
  public static final int REASON_MAX = 1_000;

  /** Most CC participants on one ticket. */
  public static final int PARTICIPANTS_MAX = 50;

  /** Most custom fields on one ticket. */
  public static final int CUSTOM_FIELDS_MAX = 50;

  /** Longest custom field key. */
  public static final int CUSTOM_FIELD_KEY_MAX = 64;

  /** Longest custom field value. */
  public static final int CUSTOM_FIELD_VALUE_MAX = 1_000;

  /** Largest page a query returns. */
  public static final int PAGE_MAX = 500;

  private Limits() {}
}
