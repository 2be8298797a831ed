package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Who a ticket is for: a customer the host's directory knows, or only a mail address (a sender the
 * directory does not know; only such tickets may be marked as spam).
 */
public sealed interface Requester permits Requester.Known, Requester.Unknown {

  /** A customer known to the directory. */
  record Known(CustomerId customer) implements Requester {
    public Known {
      requireNonNull(customer, "customer must not be null");
    }
  }

  /** A sender known only by address. */
  record Unknown(String email) implements Requester {
    public Unknown {
      requireNonNull(email, "email must not be null");
      checkArgument(
          email.length() <= 320 && email.indexOf('@') > 0 && !email.isBlank(),
          "email must be an address of at most 320 characters, got '%s'",
          email);
    }
  }
}
