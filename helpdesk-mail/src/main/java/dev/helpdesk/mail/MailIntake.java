package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.PostMessage;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.HelpdeskException;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.AttachmentStore;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.ticket.AttachmentRef;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way mail enters the desk, whatever carried it (an MTA pipe, the SMTP listener, an IMAP or
 * POP3 poller): the raw message is archived first under a dedupe key, then parsed, guarded against
 * loops, threaded and posted, and the outcome recorded. A message is never lost (it is processed,
 * ignored or quarantined with its raw bytes) and never processed twice (a second delivery of one
 * key is a duplicate). Thread-safe; several nodes may share one archive and store.
 */
public final class MailIntake {
  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

  /** The default largest message, 64 MiB; the attachment store's own limit also applies. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 64L * 1024 * 1024;

  private static final Actor MAIL = Actor.system("mail-intake");

  /** The name of the sanitized HTML of a formatted message, stored with its attachments. */
  public static final String HTML_RENDITION = "message.sanitized.html";

  /** The domain of the Message-ID an entry gets when its mail had none (RFC 2606: never real). */
  private static final String NO_MESSAGE_ID = "@no-message-id.invalid>";

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Set<ArchivedMail.Status> UNPROCESSED = Set.of(ArchivedMail.Status.RECEIVED);
  private static final Set<ArchivedMail.Status> REPLAYABLE =
      Set.of(ArchivedMail.Status.RECEIVED, ArchivedMail.Status.QUARANTINED);

  private final Helpdesk desk;
  private final Directory directory;
  private final TicketStore tickets;
  private final MailArchive archive;
  private final AttachmentStore attachments;
  private final List<Mailbox> mailboxes;
  private final SignedMessageIds messageIds;
  private final LoopGuard loopGuard;
  private final MailParser parser = new MailParser();
  private final Optional<MailNotifier> refusals;
  private final Function<String, Optional<AgentId>> agentsByEmail;
  private final Clock clock;
  private final long maxMessageBytes;
  private final Path tempDirectory;
  private final String node;
  private final AtomicLong claims = new AtomicLong();

  private MailIntake(Builder b) {
    this.desk = b.desk;
    this.directory = b.directory;
    this.tickets = b.tickets;
    this.archive = b.archive;
    this.attachments = b.attachments;
    this.mailboxes = ImmutableList.copyOf(b.mailboxes);
    this.messageIds = new SignedMessageIds(b.domain, b.secret);
    this.loopGuard = new LoopGuard(b.domain);
    this.refusals = Optional.ofNullable(b.refusals);
    this.agentsByEmail = b.agentsByEmail;
    this.clock = b.clock;
    this.maxMessageBytes = b.maxMessageBytes;
    this.tempDirectory = b.tempDirectory;
    this.node = "intake-" + UUID.randomUUID();
  }

  /**
   * Starts a builder; every argument is required.
   *
   * @param tickets the desk's store, read for threading by stored Message-IDs
   * @param attachments the desk's attachment store, for the messages' attachments
   * @param secret the host's secret for signing our Message-IDs (at least 16 bytes); the same on
   *     every node, and the same as the {@link MailNotifier}'s
   */
  public static Builder builder(
      Helpdesk desk,
      Directory directory,
      TicketStore tickets,
      MailArchive archive,
      AttachmentStore attachments,
      byte[] secret) {
    return new Builder(desk, directory, tickets, archive, attachments, secret);
  }

  /**
   * Takes one raw RFC 822 message from {@code raw} (read to its end, not closed) and processes it.
   *
   * @param source where it came from, such as {@code pipe} or {@code imap:support}; kept in the
   *     archive
   */
  public IntakeResult accept(InputStream raw, String source) {
    requireNonNull(raw, "raw must not be null");
    requireNonNull(source, "source must not be null");
    Spool spool;
    try {
      spool = Spool.of(raw, tempDirectory, maxMessageBytes);
    } catch (Spool.TooLargeException e) {
      return new IntakeResult.Rejected(e.getMessage());
    } catch (IOException e) {
      return new IntakeResult.TemporaryFailure("could not spool the message: " + e);
    }
    try (spool) {
      return accept(spool, source);
    } catch (IOException e) {
      log.warn("could not delete the spooled message {}", spool.location(), e);
      return new IntakeResult.TemporaryFailure("could not spool the message: " + e);
    }
  }

  /** Takes one raw RFC 822 message from a file, which stays where it is. */
  public IntakeResult accept(Path rawFile, String source) {
    requireNonNull(rawFile, "rawFile must not be null");
    try (InputStream in = Files.newInputStream(rawFile)) {
      return accept(in, source);
    } catch (IOException e) {
      return new IntakeResult.TemporaryFailure("could not read " + rawFile + ": " + e);
    }
  }

  /** Whether {@code recipient} is one of this desk's mailboxes, plus-addressed or not. */
  public boolean serves(String recipient) {
    requireNonNull(recipient, "recipient must not be null");
    return mailboxes.stream().anyMatch(b -> b.tagOf(recipient.strip()).isPresent());
  }

  /** The domain of our own Message-IDs. */
  public String domain() {
    return messageIds.domain();
  }

  /**
   * The original message a thread entry arrived as, exactly as received (all parts, quoted history
   * included), for staff who need more than the entry's text; empty for entries that did not come
   * by mail. The caller decides who may see it.
   */
  public Optional<InputStream> original(ThreadEntry entry) {
    requireNonNull(entry, "entry must not be null");
    return entry.messageId().map(MailIntake::keyOfEntryMessageId).flatMap(archive::openRaw);
  }

  /** Quarantined messages, oldest first, the page after {@code after}. */
  public List<ArchivedMail> quarantined(Optional<ArchivedMail> after, int limit) {
    return archive.list(ArchivedMail.Status.QUARANTINED, after, limit);
  }

  /**
   * Processes a quarantined (or unfinished) message once more from its archived raw bytes, for
   * example after the configuration that made it fail was fixed.
   */
  public IntakeResult replay(String key) {
    requireNonNull(key, "key must not be null");
    ArchivedMail mail =
        archive
            .find(key)
            .orElseThrow(() -> new IllegalArgumentException("no archived mail '" + key + "'"));
    checkArgument(
        REPLAYABLE.contains(mail.status()),
        "mail '%s' is %s; only quarantined or unfinished mail is replayed",
        key,
        mail.status());
    Instant now = now();
    if (!archive.claim(key, REPLAYABLE, nextOwner(), now, now.plus(LEASE))) {
      return new IntakeResult.TemporaryFailure("mail " + key + " is being processed elsewhere");
    }
    try (InputStream raw =
            archive
                .openRaw(key)
                .orElseThrow(
                    () -> new IllegalStateException("raw bytes of " + key + " are missing"));
        Spool spool = Spool.of(raw, tempDirectory, Long.MAX_VALUE)) {
      Parsed parsed = parse(spool);
      try {
        return processClaimed(key, parsed, false);
      } finally {
        parsed.mail().ifPresent(ParsedMail::close);
      }
    } catch (IOException | Spool.TooLargeException e) {
      release(key, "replay failed: " + e);
      return new IntakeResult.TemporaryFailure("could not read archived mail " + key + ": " + e);
    }
  }

  private IntakeResult accept(Spool spool, String source) {
    Parsed parsed = parse(spool);
    try {
      String key = dedupeKey(parsed.mail().flatMap(ParsedMail::messageId), spool);
      Instant now = now();
      Optional<ArchivedMail> earlier;
      try {
        earlier = archiveRaw(key, spool, source, now);
      } catch (RuntimeException e) {
        // Nothing is processed before the raw message is safe, so the sender must retry.
        return new IntakeResult.TemporaryFailure("could not archive the message: " + e);
      }
      if (earlier.isEmpty()) {
        return processClaimed(key, parsed, true);
      }
      switch (earlier.get().status()) {
        case PROCESSED, IGNORED:
          return new IntakeResult.Ignored(
              IntakeResult.Ignored.Why.DUPLICATE, "received before: " + earlier.get().detail());
        case QUARANTINED:
          return new IntakeResult.Quarantined(key, earlier.get().detail());
        default:
          break;
      }
      try {
        if (!archive.claim(key, UNPROCESSED, nextOwner(), now, now.plus(LEASE))) {
          return new IntakeResult.TemporaryFailure("mail " + key + " is being processed elsewhere");
        }
      } catch (RuntimeException e) {
        return new IntakeResult.TemporaryFailure("could not claim the message: " + e);
      }
      return processClaimed(key, parsed, false);
    } finally {
      parsed.mail().ifPresent(ParsedMail::close);
    }
  }

  /** A parsed message, or why it could not be parsed. */
  private record Parsed(Optional<ParsedMail> mail, Optional<MalformedMailException> failure) {}

  private Parsed parse(Spool spool) {
    try {
      return new Parsed(Optional.of(parser.parse(spool)), Optional.empty());
    } catch (MalformedMailException e) {
      return new Parsed(Optional.empty(), Optional.of(e));
    } catch (RuntimeException e) {
      return new Parsed(
          Optional.empty(), Optional.of(new MalformedMailException("parser failed: " + e, e)));
    }
  }

  /**
   * Stores the archive record leased to this processing, with the raw bytes; returns the earlier
   * record instead when the key was received before.
   */
  private Optional<ArchivedMail> archiveRaw(String key, Spool spool, String source, Instant now) {
    return archive.receiveClaimed(
        ArchivedMail.received(key, spool.sha256(), spool.size(), source, now),
        spool::open,
        nextOwner(),
        now.plus(LEASE));
  }

  /**
   * Processes a message this node holds the lease on, and records the outcome in the archive.
   *
   * @param firstReceipt whether the archive had never seen the message, so no ticket can hold it
   */
  private IntakeResult processClaimed(String key, Parsed parsed, boolean firstReceipt) {
    IntakeResult result;
    try {
      result =
          parsed.mail().isPresent()
              ? process(key, parsed.mail().get(), firstReceipt)
              : new IntakeResult.Quarantined(key, parsed.failure().orElseThrow().getMessage());
    } catch (HelpdeskException e) {
      if (e.isTemporary()) {
        release(key, "temporary failure: " + e.getMessage());
        return new IntakeResult.TemporaryFailure(e.getMessage());
      }
      result = new IntakeResult.Quarantined(key, e.getMessage());
    } catch (UncheckedIOException e) {
      release(key, "temporary failure: " + e.getMessage());
      return new IntakeResult.TemporaryFailure(e.getMessage());
    } catch (RuntimeException e) {
      // A defect or a shape no one foresaw: keep the message for a person, never drop it.
      log.warn("mail {} could not be processed; quarantined", key, e);
      result = new IntakeResult.Quarantined(key, String.valueOf(e));
    }
    try {
      archive.finish(key, statusOf(result), detailOf(result), now());
    } catch (HelpdeskException e) {
      // The outcome stands (a retry finds the message in its ticket by Message-ID); log the gap.
      log.warn("mail {} was processed as {} but the archive could not record it", key, result, e);
    }
    if (result instanceof IntakeResult.Quarantined q) {
      log.warn("mail {} quarantined: {}", key, q.reason());
    }
    return result;
  }

  private IntakeResult process(String key, ParsedMail mail, boolean firstReceipt) {
    String entryMessageId = mail.messageId().orElse("<" + key + NO_MESSAGE_ID);
    // An earlier try may have committed its ticket and died before recording it in the archive.
    Optional<Ticket> already =
        firstReceipt
            ? Optional.empty()
            : tickets.ticketByMessageId(entryMessageId).flatMap(tickets::find);
    if (already.isPresent()) {
      return new IntakeResult.Ignored(
          IntakeResult.Ignored.Why.DUPLICATE, "already in " + already.get().reference());
    }
    Optional<String> automatic = loopGuard.automatic(mail);
    if (mail.bounce().isPresent()) {
      return recordBounce(mail.bounce().get());
    }
    if (automatic.isPresent()) {
      return new IntakeResult.Ignored(IntakeResult.Ignored.Why.AUTOMATIC, automatic.get());
    }
    Optional<String> spoofed = spoofed(mail);
    if (spoofed.isPresent()) {
      return new IntakeResult.Quarantined(key, spoofed.get());
    }
    if (mail.fromAddress().isEmpty()) {
      return new IntakeResult.Quarantined(key, "the message has no usable From address");
    }
    Sender sender = sender(mail.fromAddress().get());
    Routed routed = route(mail.recipients());
    Iterator<Ticket> candidates = candidates(mail, routed).iterator();
    while (candidates.hasNext()) {
      Ticket candidate = candidates.next();
      Optional<Author> author = authorOn(candidate, sender);
      if (author.isPresent()) {
        return append(candidate, author.get(), mail, entryMessageId);
      }
    }
    return open(routed.mailbox(), sender, mail, entryMessageId);
  }

  private IntakeResult recordBounce(Bounce bounce) {
    Optional<Ticket> ticket = firstTicket(bounce.originalThreadIds());
    String reason =
        (bounce.status() + " " + bounce.diagnostic()).strip().isEmpty()
            ? "the recipient's server reported a delivery failure"
            : (bounce.status() + " " + bounce.diagnostic()).strip();
    if (ticket.isEmpty()) {
      return new IntakeResult.Ignored(
          IntakeResult.Ignored.Why.BOUNCE, "for no ticket of ours: " + reason);
    }
    String recipients =
        bounce.failedRecipients().isEmpty()
            ? "the customer"
            : String.join(", ", bounce.failedRecipients());
    desk.recordDeliveryFailure(ticket.get().reference(), recipients, reason);
    return new IntakeResult.Ignored(
        IntakeResult.Ignored.Why.BOUNCE, "recorded on " + ticket.get().reference());
  }

  /**
   * The tickets the message may belong to, most trustworthy first, each once. Lazy: the usual reply
   * is settled by its first candidate, and each further one is a ticket load.
   */
  private Stream<Ticket> candidates(ParsedMail mail, Routed routed) {
    Set<TicketRef> signed = new LinkedHashSet<>();
    mail.threadIds().forEach(id -> messageIds.verify(id).ifPresent(signed::add));
    // Below the first two only a reference the sender typed or addressed: the sender check in
    // authorOn decides whether it is honoured.
    List<TicketRef> typed = new ArrayList<>();
    routed.tag().flatMap(MailIntake::reference).ifPresent(typed::add);
    Matcher m = TicketRef.inText().matcher(mail.subject().toUpperCase(Locale.ROOT));
    while (m.find()) {
      typed.add(new TicketRef(m.group()));
    }
    Set<TicketRef> looked = new HashSet<>();
    Set<TicketRef> seen = new HashSet<>();
    return Stream.of(
            signed.stream().filter(looked::add).map(tickets::findByReference),
            mail.threadIds().stream()
                .map(id -> tickets.ticketByMessageId(id).flatMap(tickets::find)),
            typed.stream()
                .filter(ref -> !seen.contains(ref) && looked.add(ref))
                .map(tickets::findByReference))
        .flatMap(lookups -> lookups)
        .flatMap(Optional::stream)
        .filter(t -> seen.add(t.reference()));
  }

  private Optional<Ticket> firstTicket(List<String> threadIds) {
    for (String id : threadIds) {
      Optional<Ticket> t =
          messageIds
              .verify(id)
              .flatMap(tickets::findByReference)
              .or(() -> tickets.ticketByMessageId(id).flatMap(tickets::find));
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  /**
   * Who the sender is on {@code ticket}, or empty for a stranger to it: a stranger never writes
   * into someone else's ticket, whatever reference or Message-ID they quote.
   */
  private Optional<Author> authorOn(Ticket ticket, Sender sender) {
    if (sender.agent().isPresent()) {
      return Optional.of(new Author(Actor.agent(sender.agent().get()), Visibility.PUBLIC, ""));
    }
    if (ticket.requester() instanceof Requester.Known known) {
      Optional<CustomerProfile> c = sender.customer();
      if (c.isPresent()
          && (c.get().id().equals(known.customer())
              || (c.get().organization().isPresent()
                  && c.get().organization().equals(ticket.organization())))) {
        return Optional.of(new Author(Actor.customer(c.get().id()), Visibility.PUBLIC, ""));
      }
    } else if (ticket.requester() instanceof Requester.Unknown unknown
        && unknown.email().equalsIgnoreCase(sender.email())) {
      // The desk counts the intake's messages on an unverified requester's ticket as theirs.
      return Optional.of(new Author(MAIL, Visibility.PUBLIC, ""));
    }
    if (ticket.participants().stream().anyMatch(p -> p.equalsIgnoreCase(sender.email()))) {
      // A CC'd participant is neither the customer nor staff: staff see their word as a note.
      return Optional.of(
          new Author(
              MAIL, Visibility.INTERNAL, "Mail from participant " + sender.email() + ":\n\n"));
    }
    return Optional.empty();
  }

  private IntakeResult append(Ticket ticket, Author author, ParsedMail mail, String messageId) {
    Stored stored = storeAttachments(mail);
    PostMessage post =
        new PostMessage(
            ticket.reference(),
            author.actor(),
            body(author.prefix() + mail.reply(), stored),
            author.visibility(),
            Channel.EMAIL,
            stored.refs(),
            Optional.of(messageId));
    TicketRef landed = desk.post(post);
    boolean followUp =
        !landed.equals(ticket.reference())
            && tickets.findByReference(landed).flatMap(Ticket::previous).isPresent()
            && tickets.findByReference(landed).orElseThrow().version() == 1;
    // After the reopen window the desk opens a new ticket linked to the closed one.
    return followUp ? new IntakeResult.Created(landed) : new IntakeResult.Appended(landed);
  }

  private IntakeResult open(Mailbox mailbox, Sender sender, ParsedMail mail, String messageId) {
    if (sender.customer().isEmpty() && mailbox.unknownSenders() == Mailbox.UnknownSenders.REFUSE) {
      refusals.ifPresent(r -> refuse(r, mailbox, sender, mail));
      return new IntakeResult.Ignored(
          IntakeResult.Ignored.Why.REFUSED_SENDER,
          sender.email() + " is not a customer; " + mailbox.address() + " serves customers only");
    }
    Stored stored = storeAttachments(mail);
    String body = body(mail.text(), stored);
    OpenTicket command =
        sender
            .customer()
            .map(
                c ->
                    OpenTicket.byCustomer(c.id(), mailbox.department(), mail.subject(), body)
                        .withChannel(Channel.EMAIL))
            .orElseGet(
                () ->
                    OpenTicket.fromEmail(
                        sender.email(), mailbox.department(), mail.subject(), body))
            .withParticipants(participants(mail, sender))
            .withAttachments(stored.refs())
            .withMessageId(messageId);
    return new IntakeResult.Created(desk.open(command));
  }

  private void refuse(MailNotifier notifier, Mailbox mailbox, Sender sender, ParsedMail mail) {
    try {
      notifier.sendDirect(
          sender.email(),
          "Re: " + mail.subject(),
          "Hello,\n\nthank you for your message. "
              + mailbox.address()
              + " answers the customers of this service only, and we could not find a customer"
              + " account for "
              + sender.email()
              + ". If you are a customer, please write from the address of your account, or"
              + " sign in and open a ticket there.\n",
          mail.messageId());
    } catch (Exception e) {
      // The refusal is a courtesy; the message itself is kept in the archive either way.
      log.warn("could not send the customers-only answer to {}", sender.email(), e);
    }
  }

  /** Cc'd and further To addresses, our own mailboxes and the sender excepted. */
  private Set<String> participants(ParsedMail mail, Sender sender) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : mail.recipients()) {
      boolean ours = mailboxes.stream().anyMatch(b -> b.tagOf(r).isPresent());
      if (!ours && !r.equalsIgnoreCase(sender.email()) && out.size() < Limits.PARTICIPANTS_MAX) {
        out.add(r);
      }
    }
    return out;
  }

  private record Stored(List<AttachmentRef> refs, List<String> dropped) {}

  private Stored storeAttachments(ParsedMail mail) {
    List<AttachmentRef> refs = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    // The thread keeps text; a formatted mail's look is kept beside it, sanitized for display.
    mail.safeHtml()
        .ifPresent(
            html ->
                refs.add(
                    attachments.put(
                        HTML_RENDITION,
                        "text/html; charset=utf-8",
                        new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)))));
    for (MailAttachment a : mail.attachments()) {
      String type = a.downloadOnly() ? "application/octet-stream" : a.contentType();
      try (InputStream in = a.content().open()) {
        refs.add(attachments.put(a.filename(), type, in));
      } catch (IllegalArgumentException tooLarge) {
        dropped.add(a.filename() + " (" + tooLarge.getMessage() + ")");
      } catch (IOException e) {
        dropped.add(a.filename() + " (unreadable: " + e.getMessage() + ")");
      }
    }
    return new Stored(refs, dropped);
  }

  private static String body(String text, Stored stored) {
    StringBuilder body = new StringBuilder(text.isBlank() ? "(no text)" : text.strip());
    for (String d : stored.dropped()) {
      body.append("\n\n[attachment not kept: ").append(d).append("; the original is archived]");
    }
    return body.length() <= Limits.BODY_MAX
        ? body.toString()
        : body.substring(0, Limits.BODY_MAX - 40) + "\n\n[cut; the original is archived]";
  }

  private Sender sender(String email) {
    Optional<AgentId> agent = agentsByEmail.apply(email);
    Optional<CustomerProfile> customer =
        agent.isPresent() ? Optional.empty() : directory.customerByEmail(email);
    return new Sender(email, customer, agent);
  }

  private record Sender(
      String email, Optional<CustomerProfile> customer, Optional<AgentId> agent) {}

  private record Author(Actor actor, Visibility visibility, String prefix) {}

  private record Routed(Mailbox mailbox, Optional<String> tag) {}

  /** The first recipient that is one of our mailboxes, else the first mailbox. */
  private Routed route(List<String> recipients) {
    for (String r : recipients) {
      for (Mailbox b : mailboxes) {
        Optional<String> tag = b.tagOf(r);
        if (tag.isPresent()) {
          return new Routed(b, tag.filter(t -> !t.isEmpty()));
        }
      }
    }
    return new Routed(mailboxes.get(0), Optional.empty());
  }

  private static Optional<TicketRef> reference(String tag) {
    String upper = tag.toUpperCase(Locale.ROOT);
    Matcher m = TicketRef.inText().matcher(upper);
    return m.matches() ? Optional.of(new TicketRef(upper)) : Optional.empty();
  }

  /** A failed DMARC check recorded by the receiving server: answering would be backscatter. */
  private static Optional<String> spoofed(ParsedMail mail) {
    for (String results : mail.header("Authentication-Results")) {
      if (results.toLowerCase(Locale.ROOT).matches("(?s).*\\bdmarc=fail\\b.*")) {
        return Optional.of("the sender failed DMARC: Authentication-Results: " + results.strip());
      }
    }
    return Optional.empty();
  }

  private static String dedupeKey(Optional<String> messageId, Spool spool) {
    return messageId.map(MailIntake::messageIdKey).orElse("raw-" + spool.sha256());
  }

  private static String messageIdKey(String messageId) {
    return "mid-" + Hashing.sha256().hashString(messageId, StandardCharsets.UTF_8);
  }

  /** The archive key of the message an entry's Message-ID came from (see {@link #process}). */
  private static String keyOfEntryMessageId(String messageId) {
    return messageId.startsWith("<raw-") && messageId.endsWith(NO_MESSAGE_ID)
        ? messageId.substring(1, messageId.length() - NO_MESSAGE_ID.length())
        : messageIdKey(messageId);
  }

  private void release(String key, String detail) {
    try {
      archive.finish(key, ArchivedMail.Status.RECEIVED, cut(detail), now());
    } catch (HelpdeskException e) {
      log.warn("could not release mail {}; its lease expires in {}", key, LEASE, e);
    }
  }

  private static ArchivedMail.Status statusOf(IntakeResult r) {
    if (r instanceof IntakeResult.Quarantined) {
      return ArchivedMail.Status.QUARANTINED;
    }
    if (r instanceof IntakeResult.Ignored) {
      return ArchivedMail.Status.IGNORED;
    }
    return ArchivedMail.Status.PROCESSED;
  }

  private static String detailOf(IntakeResult r) {
    String detail;
    if (r instanceof IntakeResult.Created c) {
      detail = "created " + c.ticket();
    } else if (r instanceof IntakeResult.Appended a) {
      detail = "appended to " + a.ticket();
    } else if (r instanceof IntakeResult.Ignored i) {
      detail = i.why() + ": " + i.detail();
    } else {
      detail = ((IntakeResult.Quarantined) r).reason();
    }
    return cut(detail);
  }

  private static String cut(String detail) {
    return detail.length() <= ArchivedMail.DETAIL_MAX
        ? detail
        : detail.substring(0, ArchivedMail.DETAIL_MAX);
  }

  /**
   * A lease owner for one processing: unique even within this intake, because a lease's owner may
   * renew it, and two threads of one node (two pollers, SMTP and IMAP) must not both hold one.
   */
  private String nextOwner() {
    return node + "#" + claims.incrementAndGet();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Configures a {@link MailIntake}: at least one mailbox is required. */
  public static final class Builder {
    private final Helpdesk desk;
    private final Directory directory;
    private final TicketStore tickets;
    private final MailArchive archive;
    private final AttachmentStore attachments;
    private final byte[] secret;
    private final List<Mailbox> mailboxes = new ArrayList<>();
    private String domain;
    private MailNotifier refusals;
    private Function<String, Optional<AgentId>> agentsByEmail = email -> Optional.empty();
    private Clock clock = Clock.systemUTC();
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));

    private Builder(
        Helpdesk desk,
        Directory directory,
        TicketStore tickets,
        MailArchive archive,
        AttachmentStore attachments,
        byte[] secret) {
      this.desk = requireNonNull(desk, "desk must not be null");
      this.directory = requireNonNull(directory, "directory must not be null");
      this.tickets = requireNonNull(tickets, "tickets must not be null");
      this.archive = requireNonNull(archive, "archive must not be null");
      this.attachments = requireNonNull(attachments, "attachments must not be null");
      this.secret = requireNonNull(secret, "secret must not be null").clone();
    }

    /** Adds a support address; the first one also takes mail addressed to none of them. */
    public Builder mailbox(Mailbox mailbox) {
      Mailbox m = requireNonNull(mailbox, "mailbox must not be null");
      checkArgument(
          mailboxes.stream().noneMatch(b -> b.address().equals(m.address())),
          "mailbox %s is configured twice",
          m.address());
      mailboxes.add(m);
      return this;
    }

    /**
     * The domain of our signed Message-IDs (the {@link MailNotifier}'s), used to thread replies and
     * to recognise our own mail coming back; default: the first mailbox's domain.
     */
    public Builder messageIdDomain(String value) {
      this.domain = requireNonNull(value, "messageIdDomain must not be null");
      return this;
    }

    /** Sends the polite one-time answer of mailboxes that refuse unknown senders. */
    public Builder refusalsVia(MailNotifier notifier) {
      this.refusals = requireNonNull(notifier, "notifier must not be null");
      return this;
    }

    /**
     * Lets staff answer by mail: the host maps a sender address to an agent. Without it, mail from
     * an agent's address is treated like anyone's.
     */
    public Builder agentReplies(Function<String, Optional<AgentId>> agentsByEmail) {
      this.agentsByEmail = requireNonNull(agentsByEmail, "agentsByEmail must not be null");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock must not be null");
      return this;
    }

    /** Messages larger than this are refused for good (the sending server bounces them). */
    public Builder maxMessageBytes(long value) {
      checkArgument(value > 0, "maxMessageBytes must be positive, got %s", value);
      this.maxMessageBytes = value;
      return this;
    }

    /** Where messages are spooled while they are processed; default: java.io.tmpdir. */
    public Builder tempDirectory(Path value) {
      this.tempDirectory = requireNonNull(value, "tempDirectory must not be null");
      return this;
    }

    public MailIntake build() {
      checkState(!mailboxes.isEmpty(), "a mail intake needs at least one mailbox");
      if (domain == null) {
        String first = mailboxes.get(0).address();
        domain = first.substring(first.indexOf('@') + 1);
      }
      return new MailIntake(this);
    }
  }
}
