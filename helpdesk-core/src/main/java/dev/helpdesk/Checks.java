package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.Limits;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Input checks shared by commands, so every one names the bad value the same way. */
final class Checks {
  private Checks() {}

  static String subject(String subject) {
    requireNonNull(subject, "subject must not be null");
    checkArgument(
        !subject.isBlank() && subject.length() <= Limits.SUBJECT_MAX,
        "subject must be 1-%s characters and not blank, got %s characters: '%s'",
        Limits.SUBJECT_MAX,
        subject.length(),
        abbreviate(subject));
    return subject;
  }

  static String body(String body) {
    requireNonNull(body, "body must not be null");
    checkArgument(
        !body.isBlank() && body.length() <= Limits.BODY_MAX,
        "body must be 1-%s characters and not blank, got %s characters",
        Limits.BODY_MAX,
        body.length());
    return body;
  }

  static String reason(String reason) {
    requireNonNull(reason, "reason must not be null");
    checkArgument(
        !reason.isBlank() && reason.length() <= Limits.REASON_MAX,
        "reason must be 1-%s characters and not blank, got %s characters",
        Limits.REASON_MAX,
        reason.length());
    return reason;
  }

  static Set<String> participants(Set<String> participants) {
    requireNonNull(participants, "participants must not be null");
    checkArgument(
        participants.size() <= Limits.PARTICIPANTS_MAX,
        "at most %s participants, got %s",
        Limits.PARTICIPANTS_MAX,
        participants.size());
    for (String p : participants) {
      email(p);
    }
    return participants;
  }

  /** {@code Optional.of(value)}, but a null names the argument instead of a bare NPE. */
  static <T> Optional<T> present(T value, String name) {
    return Optional.of(requireNonNull(value, () -> name + " must not be null"));
  }

  static String email(String email) {
    requireNonNull(email, "email must not be null");
    checkArgument(
        email.length() <= 320
            && email.indexOf('@') > 0
            && email.indexOf('@') < email.length() - 1
            && email.strip().equals(email),
        "not a mail address: '%s'",
        abbreviate(email));
    return email;
  }

  static Map<String, String> customFields(Map<String, String> fields) {
    requireNonNull(fields, "customFields must not be null");
    checkArgument(
        fields.size() <= Limits.CUSTOM_FIELDS_MAX,
        "at most %s custom fields, got %s",
        Limits.CUSTOM_FIELDS_MAX,
        fields.size());
    fields.forEach(
        (k, v) -> {
          checkArgument(
              k != null && !k.isBlank() && k.length() <= Limits.CUSTOM_FIELD_KEY_MAX,
              "custom field key must be 1-%s characters, got '%s'",
              Limits.CUSTOM_FIELD_KEY_MAX,
              k);
          checkArgument(
              v != null && v.length() <= Limits.CUSTOM_FIELD_VALUE_MAX,
              "custom field '%s' must have a value of at most %s characters",
              k,
              Limits.CUSTOM_FIELD_VALUE_MAX);
        });
    return fields;
  }

  static int pageSize(int limit) {
    checkArgument(
        limit >= 1 && limit <= Limits.PAGE_MAX,
        "page size must be 1-%s, got %s",
        Limits.PAGE_MAX,
        limit);
    return limit;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
