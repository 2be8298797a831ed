package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.DepartmentId;
import java.util.Locale;
import java.util.Optional;

/**
 * One support address of the desk and the department its mail goes to, such as {@code
 * billing@example.com} to billing. Plus-addressed mail ({@code billing+HD-7KQ2M9XA@example.com})
 * belongs to the same mailbox.
 *
 * @param unknownSenders what mail from an address the host's directory does not know does
 */
public record Mailbox(String address, DepartmentId department, UnknownSenders unknownSenders) {

  /** What a mailbox does with mail from senders the directory does not know. */
  public enum UnknownSenders {
    /** Open a ticket for the address as an unverified requester. */
    OPEN_TICKET,
    /** Open nothing; answer once (rate-limited) that this address serves customers only. */
    REFUSE
  }

  public Mailbox {
    requireNonNull(address, "address must not be null");
    address = address.strip().toLowerCase(Locale.ROOT);
    int at = address.indexOf('@');
    checkArgument(
        at > 0 && at == address.lastIndexOf('@') && at < address.length() - 1,
        "mailbox address must look like support@example.com, got '%s'",
        address);
    checkArgument(
        address.indexOf('+') < 0,
        "mailbox address must not carry a plus tag (the desk adds those), got '%s'",
        address);
    requireNonNull(department, "department must not be null");
    requireNonNull(unknownSenders, "unknownSenders must not be null");
  }

  /** A mailbox that opens tickets for anyone. */
  public static Mailbox of(String address, DepartmentId department) {
    return new Mailbox(address, department, UnknownSenders.OPEN_TICKET);
  }

  /** The same mailbox with another policy for unknown senders. */
  public Mailbox withUnknownSenders(UnknownSenders value) {
    return new Mailbox(address, department, value);
  }

  /** This mailbox's address with a plus tag, e.g. {@code support+HD-7KQ2M9XA@example.com}. */
  public String plusAddress(String tag) {
    int at = address.indexOf('@');
    return address.substring(0, at) + "+" + tag + address.substring(at);
  }

  /**
   * The plus tag of {@code recipient} ("" when it has none) when it is this mailbox's address;
   * empty when it is another address.
   */
  Optional<String> tagOf(String recipient) {
    String r = recipient.toLowerCase(Locale.ROOT);
    int at = r.lastIndexOf('@');
    int myAt = address.indexOf('@');
    if (at < 0 || !r.substring(at).equals(address.substring(myAt))) {
      return Optional.empty();
    }
    String local = r.substring(0, at);
    String mine = address.substring(0, myAt);
    if (local.equals(mine)) {
      return Optional.of("");
    }
    return local.startsWith(mine + "+")
        ? Optional.of(local.substring(mine.length() + 1))
        : Optional.empty();
  }
}
