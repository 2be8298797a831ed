package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The short human reference of a ticket, such as {@code HD-7KQ2M9XA}: random rather than a sequence
 * number, so it can be quoted in mail subjects without revealing volume or inviting guessing.
 */
public record TicketRef(String value) {
  /** Crockford base32: no I, L, O or U, so a reference read aloud on the phone is unambiguous. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private static final int RANDOM_CHARS = 8;
  private static final Pattern FORM =
      Pattern.compile("HD-[" + ALPHABET + "]{" + RANDOM_CHARS + "}");

  public TicketRef {
    requireNonNull(value, "TicketRef value must not be null");
    checkArgument(
        FORM.matcher(value).matches(), "TicketRef must look like HD-7KQ2M9XA, got '%s'", value);
  }

  /** Parses a reference typed by a person: case and surrounding blanks are forgiven. */
  public static TicketRef parse(String text) {
    requireNonNull(text, "TicketRef text must not be null");
    return new TicketRef(text.strip().toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * A fresh reference with 40 random bits from the given generator (a secure one in production).
   */
  public static TicketRef random(RandomGenerator random) {
    StringBuilder sb = new StringBuilder("HD-");
    for (int i = 0; i < RANDOM_CHARS; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new TicketRef(sb.toString());
  }

  /** The pattern of a reference inside free text such as a mail subject. */
  public static Pattern inText() {
    return Pattern.compile("\\bHD-[" + ALPHABET + "]{" + RANDOM_CHARS + "}\\b");
  }

  @Override
  public String toString() {
    return value;
  }
}
