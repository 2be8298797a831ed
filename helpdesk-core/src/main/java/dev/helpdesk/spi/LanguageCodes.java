package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** The one check of a language code, so articles and queries name a bad one the same way. */
final class LanguageCodes {
  private static final Pattern ISO_639 = Pattern.compile("[a-z]{2,3}");

  private LanguageCodes() {}

  static String check(String language, String name) {
    requireNonNull(language, () -> name + " must not be null");
    checkArgument(
        ISO_639.matcher(language).matches(),
        "%s must be a lower-case ISO 639 code such as 'en' or 'tr', got '%s'",
        name,
        language);
    return language;
  }
}
