package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import com.google.common.net.InternetDomainName;
import dev.helpdesk.domain.TicketRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mints and checks Message-IDs that name their ticket and carry an HMAC, so a reply's In-Reply-To
 * or References leads to the right ticket even when the subject lost its reference, and nobody can
 * forge an id that files mail into someone else's ticket.
 */
final class SignedMessageIds {
  private static final int MIN_SECRET_BYTES = 16;

  /** 10 bytes: 16 base32 characters, enough to keep the ids of one ticket apart. */
  private static final int UNIQUE_BYTES = 10;

  /** 120 bits: far beyond guessing, still a short header. */
  private static final int MAC_BYTES = 15;

  private static final BaseEncoding BASE32 = BaseEncoding.base32().lowerCase().omitPadding();

  private static final Pattern FORM =
      Pattern.compile(
          "<(HD-[0-9A-HJKMNP-TV-Z]{8})\\.([a-z2-7]{"
              + base32Length(UNIQUE_BYTES)
              + "})\\.([a-z2-7]{"
              + base32Length(MAC_BYTES)
              + "})@([^<>@\\s]+)>");

  private final String domain;
  private final HashFunction mac;

  /**
   * Creates the minter for one desk; the secret must stay the same across restarts, or replies to
   * older mail no longer verify.
   */
  SignedMessageIds(String domain, byte[] secret) {
    requireNonNull(domain, "domain must not be null");
    requireNonNull(secret, "secret must not be null");
    checkArgument(
        InternetDomainName.isValid(domain) && !domain.endsWith("."),
        "domain must be a valid host name, got '%s'",
        domain);
    checkArgument(
        secret.length >= MIN_SECRET_BYTES,
        "secret must be at least %s bytes, got %s",
        MIN_SECRET_BYTES,
        secret.length);
    this.domain = domain.toLowerCase(Locale.ROOT);
    // Hashing copies the key, so the caller may wipe its array afterwards.
    this.mac = Hashing.hmacSha256(Arrays.copyOf(secret, secret.length));
  }

  /** The host part of every id minted here; inbound ids are only ours if they end in it. */
  String domain() {
    return domain;
  }

  /**
   * A Message-ID for one message of a ticket; the same {@code unique} gives the same id, so a
   * retried send is recognisable as a duplicate by the receiver.
   */
  String mint(TicketRef ticket, String unique) {
    requireNonNull(ticket, "ticket must not be null");
    requireNonNull(unique, "unique must not be null");
    String u =
        BASE32.encode(
            Arrays.copyOf(
                Hashing.sha256().hashString(unique, StandardCharsets.UTF_8).asBytes(),
                UNIQUE_BYTES));
    return "<" + ticket.value() + "." + u + "." + macOf(ticket.value(), u) + "@" + domain + ">";
  }

  /**
   * The ticket a Message-ID names, when the id is one we minted; empty for anything else, so the
   * intake can feed it untrusted header values.
   */
  Optional<TicketRef> verify(String messageId) {
    if (messageId == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(messageId.strip());
    if (!m.matches() || !m.group(4).equalsIgnoreCase(domain)) {
      return Optional.empty();
    }
    String expected = macOf(m.group(1), m.group(2));
    // Constant time, so the time to reject does not reveal how much of a forged MAC was right.
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        m.group(3).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(new TicketRef(m.group(1)));
  }

  /**
   * The ticket of the first of {@code ids} that verifies: References lists the thread oldest first,
   * and any of our ids in it names the same ticket.
   */
  Optional<TicketRef> firstVerified(List<String> ids) {
    if (ids == null) {
      return Optional.empty();
    }
    for (String id : ids) {
      Optional<TicketRef> ref = verify(id);
      if (ref.isPresent()) {
        return ref;
      }
    }
    return Optional.empty();
  }

  private String macOf(String ref, String unique) {
    byte[] full = mac.hashString(ref + "." + unique, StandardCharsets.US_ASCII).asBytes();
    return BASE32.encode(Arrays.copyOf(full, MAC_BYTES));
  }

  private static int base32Length(int bytes) {
    return (bytes * 8 + 4) / 5;
  }
}
