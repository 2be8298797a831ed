package dev.helpdesk.mail;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.spi.UndeliverableException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends one message over SMTP and tells a permanent refusal apart from a temporary failure: the
 * outbox retries the temporary ones, while retrying a refused address forever would only hammer the
 * recipient's server and hide the problem from staff.
 */
final class MailTransport {
  /**
   * 5xx answers that mean our own setup is wrong (authentication), not that the recipient is: the
   * message must wait for someone to fix the settings rather than be given up.
   */
  private static final Set<Integer> OUR_FAULT = Set.of(530, 534, 535, 538);

  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[\\s-]");

  private final SmtpSettings settings;
  private final Session session;

  /** A transport for these settings; the session is built once, connections per message. */
  MailTransport(SmtpSettings settings) {
    this.settings = requireNonNull(settings, "settings must not be null");
    this.session = Session.getInstance(settings.toProperties());
  }

  /** The session messages must be created in, so they pick up the same properties. */
  Session session() {
    return session;
  }

  /** The settings this transport connects with. */
  SmtpSettings settings() {
    return settings;
  }

  /**
   * Sends the message to all its recipients, on a connection of its own so a broken connection
   * never outlives one message.
   *
   * @throws UndeliverableException when the server refused a recipient or the message permanently
   * @throws MessagingException for everything that may work later (connection, timeouts, 4xx)
   */
  void send(MimeMessage message) throws MessagingException, UndeliverableException {
    requireNonNull(message, "message must not be null");
    // Transport.sendMessage does not do it itself, and it is where our fixed Message-ID is set.
    message.saveChanges();
    Address[] recipients = message.getAllRecipients();
    if (recipients == null || recipients.length == 0) {
      throw new IllegalArgumentException("message must have at least one recipient");
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(
          settings.host(),
          settings.port(),
          settings.username().orElse(null),
          settings.password().orElse(null));
      transport.sendMessage(message, recipients);
    } catch (MessagingException e) {
      throw classify(e, recipients);
    }
  }

  /**
   * Throws an {@link UndeliverableException} for a permanent refusal and returns anything else
   * unchanged, for the caller to rethrow.
   */
  private static MessagingException classify(MessagingException e, Address[] recipients)
      throws UndeliverableException {
    List<Throwable> chain = chain(e);
    List<String> refused = new ArrayList<>();
    String reason = null;
    for (Throwable t : chain) {
      OptionalInt code = returnCode(t);
      if (code.isEmpty() || code.getAsInt() < 500 || OUR_FAULT.contains(code.getAsInt())) {
        continue;
      }
      if (reason == null) {
        reason = String.valueOf(t.getMessage()).strip();
      }
      addressOf(t).ifPresent(refused::add);
    }
    if (reason != null) {
      for (Throwable t : chain) {
        if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null) {
          Arrays.stream(sfe.getInvalidAddresses()).map(MailTransport::bare).forEach(refused::add);
        }
      }
      String recipient =
          refused.isEmpty()
              ? Arrays.stream(recipients).map(MailTransport::bare).collect(Collectors.joining(", "))
              : refused.stream().distinct().collect(Collectors.joining(", "));
      throw new UndeliverableException(recipient, reason, e);
    }
    return e;
  }

  /** The exception, its chained "next" exceptions and causes, each once. */
  private static List<Throwable> chain(Throwable first) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> out = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(first));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      if (t == null || seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      out.add(t);
      if (t instanceof MessagingException me) {
        todo.add(me.getNextException());
      }
      todo.add(t.getCause());
    }
    return out;
  }

  /**
   * The SMTP reply code of an Angus exception ({@code SMTPAddressFailedException}, {@code
   * SMTPSendFailedException}) read reflectively, because Angus is only on the runtime classpath;
   * otherwise the code the server's text starts with.
   */
  static OptionalInt returnCode(Throwable t) {
    if (t instanceof MessagingException) {
      try {
        Method m = t.getClass().getMethod("getReturnCode");
        if (m.getReturnType() == int.class) {
          int code = (int) m.invoke(t);
          if (code >= 200 && code <= 599) {
            return OptionalInt.of(code);
          }
        }
      } catch (ReflectiveOperationException | RuntimeException ignored) {
        // Not an Angus SMTP exception; the message text may still carry the code.
      }
    }
    String text = t.getMessage();
    if (text != null) {
      Matcher m = LEADING_CODE.matcher(text);
      if (m.find()) {
        return OptionalInt.of(Integer.parseInt(m.group(1)));
      }
    }
    return OptionalInt.empty();
  }

  /** The address without a display name: the desk records it, it does not greet it. */
  private static String bare(Object address) {
    return address instanceof InternetAddress ia ? ia.getAddress() : String.valueOf(address);
  }

  private static java.util.Optional<String> addressOf(Throwable t) {
    try {
      Method m = t.getClass().getMethod("getAddress");
      Object a = m.invoke(t);
      return a == null ? java.util.Optional.empty() : java.util.Optional.of(bare(a));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
