package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.html.HtmlEscapers;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.Notifier;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.spi.UndeliverableException;
import dev.helpdesk.ticket.ThreadEntry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's {@link Notifier} over SMTP: every notification becomes one threaded,
 * multipart/alternative mail whose signed Message-ID and plus-addressed Reply-To lead the
 * customer's answer back to the ticket, and whose headers keep autoresponders from answering it.
 */
public final class MailNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

  /**
   * How many thread Message-IDs go into References; enough to thread, short enough for a header.
   */
  static final int MAX_REFERENCES = 20;

  /** How many recipients each rate limit remembers, so memory stays bounded. */
  private static final long RATE_LIMIT_RECIPIENTS = 100_000;

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
  private static final Pattern PARAGRAPHS = Pattern.compile("\\n[ \\t]*\\n\\s*");
  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final MailTransport transport;
  private final InternetAddress from;
  private final InternetAddress replyToBase;
  private final SignedMessageIds ids;
  private final Clock clock;
  private final Optional<TicketStore> threads;
  private final RecipientRateLimit automaticLimit;
  private final RecipientRateLimit refusalLimit;

  private MailNotifier(Builder b) throws AddressException, UnsupportedEncodingException {
    this.transport = new MailTransport(b.smtp);
    this.replyToBase = new InternetAddress(b.fromAddress, true);
    this.from =
        b.fromName.isPresent()
            ? new InternetAddress(b.fromAddress, b.fromName.get(), UTF_8)
            : new InternetAddress(b.fromAddress, true);
    this.ids = new SignedMessageIds(b.messageIdDomain.orElse(domainOf(b.fromAddress)), b.secret);
    this.clock = b.clock;
    this.threads = b.store;
    this.automaticLimit =
        new RecipientRateLimit(b.automaticLimit, b.automaticPer, RATE_LIMIT_RECIPIENTS);
    this.refusalLimit = new RecipientRateLimit(b.refusalLimit, b.refusalPer, RATE_LIMIT_RECIPIENTS);
  }

  /**
   * Starts a notifier sending through {@code smtp} as {@code fromAddress}; {@code messageIdSecret}
   * (at least 16 bytes, kept stable across restarts) signs the Message-IDs the intake trusts.
   */
  public static Builder builder(SmtpSettings smtp, String fromAddress, byte[] messageIdSecret) {
    return new Builder(smtp, fromAddress, messageIdSecret);
  }

  /**
   * Mails one notification. Automatic kinds (all but staff replies) over the per-recipient limit
   * are dropped with a warning, since the likeliest cause is a loop with an autoresponder.
   *
   * @throws UndeliverableException when the server refuses the recipient permanently
   * @throws MessagingException for temporary failures, which the outbox retries
   */
  @Override
  public void send(String key, Notification n) throws MessagingException, UndeliverableException {
    requireNonNull(key, "key must not be null");
    requireNonNull(n, "notification must not be null");
    boolean automatic =
        n.kind() != Notification.Kind.STAFF_REPLY
            && n.kind() != Notification.Kind.RESOLUTION_PROPOSED;
    Instant now = clock.instant();
    if (automatic && !automaticLimit.tryAcquire(n.recipientEmail(), now)) {
      log.warn(
          "not sending {} {} for {} to {}: more than {} automatic messages within {}",
          n.kind(),
          key,
          n.reference(),
          n.recipientEmail(),
          automaticLimit.limit(),
          automaticLimit.per());
      return;
    }
    try {
      transport.send(render(key, n, now));
      log.debug("sent {} {} for {} to {}", n.kind(), key, n.reference(), n.recipientEmail());
    } catch (MessagingException | RuntimeException e) {
      // A retry of a temporary failure must not count twice against the limit.
      if (automatic) {
        automaticLimit.release(n.recipientEmail(), now);
      }
      throw e;
    }
  }

  /**
   * Sends an automatic one-off answer that belongs to no ticket, such as the intake's "customers
   * only" refusal; at most {@code refusalLimit} per recipient, so a forged sender cannot turn the
   * desk into a mail cannon.
   */
  void sendDirect(String to, String subject, String body, Optional<String> inReplyTo)
      throws MessagingException, UndeliverableException {
    requireNonNull(to, "to must not be null");
    requireNonNull(subject, "subject must not be null");
    requireNonNull(body, "body must not be null");
    requireNonNull(inReplyTo, "inReplyTo must not be null");
    Instant now = clock.instant();
    if (!refusalLimit.tryAcquire(to, now)) {
      log.warn(
          "not sending a direct answer to {}: more than {} within {}",
          to,
          refusalLimit.limit(),
          refusalLimit.per());
      return;
    }
    try {
      // Unsigned on purpose: a reply to it must not be filed into any ticket.
      MimeMessage m =
          new FixedIdMessage(
              transport.session(), "<" + UUID.randomUUID() + "@" + ids.domain() + ">");
      m.setFrom(from);
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      m.setSubject(oneLine(subject), UTF_8);
      Optional<String> parent = inReplyTo.map(String::strip).filter(MESSAGE_ID.asMatchPredicate());
      if (parent.isPresent()) {
        m.setHeader("In-Reply-To", parent.get());
        m.setHeader("References", parent.get());
      }
      m.setHeader("Auto-Submitted", "auto-replied");
      commonHeaders(m, now);
      m.setContent(alternative(body, false));
      transport.send(m);
    } catch (MessagingException | RuntimeException e) {
      refusalLimit.release(to, now);
      throw e;
    }
  }

  /** The minter behind this notifier's Message-IDs, for the intake to verify replies with. */
  SignedMessageIds messageIds() {
    return ids;
  }

  /** Builds the message for a notification; package-private so tests can read it unsent. */
  MimeMessage render(String key, Notification n, Instant now) throws MessagingException {
    TicketRef ref = n.reference();
    MimeMessage m = new FixedIdMessage(transport.session(), ids.mint(ref, key));
    m.setFrom(from);
    m.setReplyTo(new InternetAddress[] {plusAddress(ref)});
    m.setRecipient(Message.RecipientType.TO, recipient(n));
    String subject = oneLine(n.subject());
    if (!subject.contains(ref.value())) {
      subject = subject + " [" + ref.value() + "]";
    }
    m.setSubject(subject, UTF_8);
    threading(m, n);
    autoSubmitted(n.kind()).ifPresent(v -> setHeader(m, "Auto-Submitted", v));
    commonHeaders(m, now);
    m.setContent(alternative(n.body(), true));
    return m;
  }

  private void threading(MimeMessage m, Notification n) throws MessagingException {
    List<String> references = new ArrayList<>();
    references.add(ids.mint(n.reference(), "root"));
    Optional<String> lastFromCustomer = Optional.empty();
    if (threads.isPresent()) {
      List<String> threadIds = new ArrayList<>();
      for (ThreadEntry e : threads.get().thread(n.ticket())) {
        // Internal notes never reach the customer, so neither do the ids they came with.
        if (e.visibility() != Visibility.PUBLIC) {
          continue;
        }
        Optional<String> id = e.messageId().flatMap(MailNotifier::normalizedId);
        if (id.isEmpty()) {
          continue;
        }
        threadIds.add(id.get());
        // Intake files mail from unknown senders as the system, so "not staff" is the customer
        // side.
        if (!(e.author() instanceof Actor.Agent)) {
          lastFromCustomer = id;
        }
      }
      threadIds.subList(0, Math.max(0, threadIds.size() - MAX_REFERENCES)).clear();
      threadIds.stream().filter(id -> !references.contains(id)).forEach(references::add);
    }
    if (lastFromCustomer.isPresent()) {
      m.setHeader("In-Reply-To", lastFromCustomer.get());
    }
    m.setHeader("References", String.join(" ", references));
  }

  private void commonHeaders(MimeMessage m, Instant now) throws MessagingException {
    m.setHeader(MailHeaders.LOOP, ids.domain());
    // Exchange's way of saying "no out-of-office answers to this".
    m.setHeader("X-Auto-Response-Suppress", "All");
    m.setSentDate(Date.from(now));
  }

  /** RFC 3834: a person's reply carries none, so the customer's autoresponder may answer it. */
  static Optional<String> autoSubmitted(Notification.Kind kind) {
    return switch (kind) {
      case CONFIRMATION, REOPENED -> Optional.of("auto-replied");
      case FEEDBACK_REQUEST, INCIDENT_UPDATE, STAFF_ALERT, CHAT_TRANSCRIPT ->
          Optional.of("auto-generated");
      case STAFF_REPLY, RESOLUTION_PROPOSED -> Optional.empty();
    };
  }

  /** {@code support@example.com} becomes {@code support+HD-7KQ2M9XA@example.com}. */
  InternetAddress plusAddress(TicketRef ref) throws AddressException {
    String address = replyToBase.getAddress();
    int at = address.lastIndexOf('@');
    return new InternetAddress(
        address.substring(0, at) + "+" + ref.value() + address.substring(at), true);
  }

  private static InternetAddress recipient(Notification n) throws MessagingException {
    String name = oneLine(n.recipientName()).strip();
    try {
      return name.isEmpty() || name.equalsIgnoreCase(n.recipientEmail())
          ? new InternetAddress(n.recipientEmail(), true)
          : new InternetAddress(n.recipientEmail(), name, UTF_8);
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** Text first, as clients that cannot choose show the first part; both start with the marker. */
  static MimeMultipart alternative(String body, boolean withMarker) throws MessagingException {
    String text = body.replace("\r\n", "\n").replace('\r', '\n');
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(withMarker ? MailHeaders.REPLY_MARKER + "\n\n" + text : text, UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(text, withMarker), UTF_8, "html");
    return new MimeMultipart("alternative", plain, html);
  }

  /** The HTML twin of the text: escaped, blank-line paragraphs as {@code <p>}, marker in grey. */
  static String html(String text, boolean withMarker) {
    StringBuilder sb =
        new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    if (withMarker) {
      sb.append("<p style=\"color:#888888;font-size:small\">")
          .append(escape(MailHeaders.REPLY_MARKER))
          .append("</p>\n");
    }
    for (String paragraph : PARAGRAPHS.split(text.strip())) {
      if (!paragraph.isBlank()) {
        sb.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
      }
    }
    return sb.append("</body></html>\n").toString();
  }

  private static String escape(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }

  /** Header values must stay on one line, or a subject could inject headers. */
  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }

  private static Optional<String> normalizedId(String raw) {
    String id = raw.strip();
    if (!id.startsWith("<")) {
      id = "<" + id + ">";
    }
    return MESSAGE_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  private static void setHeader(MimeMessage m, String name, String value) {
    try {
      m.setHeader(name, value);
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot set header " + name, e);
    }
  }

  private static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    checkArgument(
        at > 0 && at < address.length() - 1, "fromAddress needs a domain, got '%s'", address);
    return address.substring(at + 1);
  }

  /** A message whose Message-ID survives {@code saveChanges()}, which would replace it. */
  static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /** Configures a {@link MailNotifier}; everything but the server, sender and secret defaults. */
  public static final class Builder {
    private final SmtpSettings smtp;
    private final String fromAddress;
    private final byte[] secret;
    private Optional<String> fromName = Optional.empty();
    private Optional<String> messageIdDomain = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Optional<TicketStore> store = Optional.empty();
    private int automaticLimit = 10;
    private Duration automaticPer = Duration.ofHours(1);
    private int refusalLimit = 1;
    private Duration refusalPer = Duration.ofHours(24);

    private Builder(SmtpSettings smtp, String fromAddress, byte[] secret) {
      this.smtp = requireNonNull(smtp, "smtp must not be null");
      requireNonNull(fromAddress, "fromAddress must not be null");
      try {
        new InternetAddress(fromAddress, true).validate();
      } catch (AddressException e) {
        throw new IllegalArgumentException(
            "fromAddress must be a mail address, got '" + fromAddress + "'", e);
      }
      checkArgument(
          !fromAddress.contains("<"),
          "fromAddress must be a bare address (set the name with fromName), got '%s'",
          fromAddress);
      domainOf(fromAddress);
      this.fromAddress = fromAddress.strip();
      requireNonNull(secret, "messageIdSecret must not be null");
      this.secret = secret.clone();
    }

    /** The display name on From, such as the company's support team. */
    public Builder fromName(String value) {
      requireNonNull(value, "fromName must not be null");
      checkArgument(!value.isBlank(), "fromName must not be blank, got '%s'", value);
      this.fromName = Optional.of(oneLine(value).strip());
      return this;
    }

    /** The host part of Message-IDs and the loop header; defaults to the from address's domain. */
    public Builder messageIdDomain(String value) {
      requireNonNull(value, "messageIdDomain must not be null");
      this.messageIdDomain = Optional.of(value);
      return this;
    }

    /** The clock for Date headers and rate limits; the desk's clock, so tests can move time. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock must not be null");
      return this;
    }

    /** The store to read a ticket's thread from, for In-Reply-To and References. */
    public Builder threadLookup(TicketStore value) {
      this.store = Optional.of(requireNonNull(value, "threadLookup store must not be null"));
      return this;
    }

    /** At most {@code perRecipient} automatic messages to one address within {@code per}. */
    public Builder automaticReplyLimit(int perRecipient, Duration per) {
      checkRate("automaticReplyLimit", perRecipient, per);
      this.automaticLimit = perRecipient;
      this.automaticPer = per;
      return this;
    }

    /** At most {@code perRecipient} direct one-off answers to one address within {@code per}. */
    public Builder refusalLimit(int perRecipient, Duration per) {
      checkRate("refusalLimit", perRecipient, per);
      this.refusalLimit = perRecipient;
      this.refusalPer = per;
      return this;
    }

    /** The notifier; fails if the sender or Message-ID domain is not usable. */
    public MailNotifier build() {
      try {
        return new MailNotifier(this);
      } catch (AddressException | UnsupportedEncodingException e) {
        throw new IllegalArgumentException("fromAddress or fromName is not usable: " + e, e);
      }
    }

    private static void checkRate(String what, int perRecipient, Duration per) {
      checkArgument(perRecipient >= 1, "%s must allow at least 1, got %s", what, perRecipient);
      requireNonNull(per, what + " period must not be null");
      checkArgument(
          !per.isNegative() && !per.isZero(), "%s period must be positive, got %s", what, per);
    }
  }
}
