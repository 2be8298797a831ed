package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches mail from an IMAP folder or a POP3 mailbox into a {@link MailIntake}. A message is marked
 * done (an IMAP flag, or deleted from POP3) only after the intake kept it, so a poller killed in
 * between fetches it again, and the intake's archive recognises it as a duplicate; two pollers on
 * one mailbox likewise give one ticket. IMAP polling resumes after the highest UID it finished, per
 * UIDVALIDITY.
 */
public final class MailboxPoller {
  private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

  /** The IMAP keyword that marks a message the desk has kept. */
  static final String DONE_KEYWORD = "$HelpdeskDone";

  /** The IMAP keyword of a message the intake refused for good (too large): a person decides. */
  static final String REFUSED_KEYWORD = "$HelpdeskRefused";

  private final MailIntake intake;
  private final MailServer server;
  private final Path tempDirectory;
  private final Session session;
  private final Set<String> finishedPop3Uids = ConcurrentHashMap.newKeySet();
  private long uidValidity = -1;
  private long lastFinishedUid;

  private MailboxPoller(MailIntake intake, MailServer server, Path tempDirectory) {
    this.intake = requireNonNull(intake, "intake must not be null");
    this.server = requireNonNull(server, "server must not be null");
    this.tempDirectory = requireNonNull(tempDirectory, "tempDirectory must not be null");
    this.session = Session.getInstance(server.sessionProperties());
  }

  /** A poller of {@code server} that spools messages in java.io.tmpdir. */
  public static MailboxPoller of(MailIntake intake, MailServer server) {
    return new MailboxPoller(intake, server, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** What one poll did. */
  public record PollSummary(int fetched, int kept, int retryLater, int refused) {}

  /**
   * Fetches every message not yet kept, hands each to the intake, and marks the kept ones.
   *
   * @throws MessagingException when the server cannot be reached or refuses the login; nothing is
   *     marked then, and the next poll tries again
   */
  public synchronized PollSummary pollOnce() throws MessagingException {
    try (Store store = session.getStore(server.protocol().scheme())) {
      store.connect(server.host(), server.port(), server.username(), server.password());
      Folder folder = store.getFolder(server.folder());
      folder.open(Folder.READ_WRITE);
      boolean expunge = false;
      try {
        if (server.protocol().isPop3()) {
          expunge = true;
          return pollPop3(folder);
        }
        return pollImap(folder, (UIDFolder) folder);
      } finally {
        folder.close(expunge);
      }
    }
  }

  /**
   * Polls every {@code period} on a daemon thread until the returned handle is closed; a failed
   * poll is logged and retried on the next run.
   */
  public AutoCloseable start(Duration period) {
    requireNonNull(period, "period must not be null");
    checkArgument(
        !period.isNegative() && !period.isZero(), "period must be positive, got %s", period);
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "helpdesk-poller " + server);
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            pollOnce();
          } catch (MessagingException | RuntimeException e) {
            log.warn("polling {} failed; next poll in {}", server, period, e);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      executor.shutdown();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    };
  }

  private PollSummary pollImap(Folder folder, UIDFolder uids) throws MessagingException {
    long validity = uids.getUIDValidity();
    if (validity != uidValidity) {
      // A new UIDVALIDITY renumbers the folder: start over; the DONE flag and the archive keep
      // already kept messages from being taken twice.
      uidValidity = validity;
      lastFinishedUid = 0;
    }
    Message[] messages = uids.getMessagesByUID(lastFinishedUid + 1, UIDFolder.MAXUID);
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.FLAGS);
    profile.add(UIDFolder.FetchProfileItem.UID);
    folder.fetch(messages, profile);
    Counter count = new Counter();
    boolean contiguous = true;
    for (Message m : messages) {
      long uid = uids.getUID(m);
      if (uid <= lastFinishedUid) {
        continue; // the server returns the last message for an empty range
      }
      boolean done = m.getFlags().contains(DONE_KEYWORD) || m.getFlags().contains(REFUSED_KEYWORD);
      if (!done) {
        Outcome outcome = count.add(take(m, "imap:" + server.username() + "/" + server.folder()));
        done = outcome != Outcome.RETRY;
        if (outcome == Outcome.KEPT) {
          m.setFlags(new Flags(DONE_KEYWORD), true);
          m.setFlag(Flags.Flag.SEEN, true);
        } else if (outcome == Outcome.REFUSED) {
          m.setFlags(new Flags(REFUSED_KEYWORD), true);
        }
      }
      contiguous &= done;
      if (contiguous) {
        lastFinishedUid = uid;
      }
    }
    return count.summary();
  }

  private PollSummary pollPop3(Folder folder) throws MessagingException {
    Counter count = new Counter();
    for (Message m : folder.getMessages()) {
      Optional<String> uid = Pop3Uids.of(folder, m);
      if (uid.isPresent() && finishedPop3Uids.contains(uid.get())) {
        continue;
      }
      Outcome outcome = count.add(take(m, "pop3:" + server.username()));
      if (outcome == Outcome.KEPT) {
        m.setFlag(Flags.Flag.DELETED, true);
      }
      if (outcome != Outcome.RETRY) {
        uid.ifPresent(finishedPop3Uids::add);
      }
    }
    return count.summary();
  }

  /** Streams one message to a spool file and gives it to the intake. */
  private IntakeResult take(Message m, String source) {
    Path file = null;
    try {
      file = Files.createTempFile(tempDirectory, "helpdesk-fetch-", ".eml");
      try (OutputStream out = Files.newOutputStream(file)) {
        m.writeTo(out);
      }
      return intake.accept(file, source);
    } catch (IOException | MessagingException e) {
      return new IntakeResult.TemporaryFailure("could not fetch the message: " + e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.warn("could not delete {}", file, e);
        }
      }
    }
  }

  private enum Outcome {
    KEPT,
    REFUSED,
    RETRY
  }

  /** Tallies outcomes. */
  private static final class Counter {
    private int fetched;
    private int kept;
    private int retryLater;
    private int refused;

    Outcome add(IntakeResult result) {
      fetched++;
      if (result instanceof IntakeResult.TemporaryFailure) {
        retryLater++;
        return Outcome.RETRY;
      }
      if (result instanceof IntakeResult.Rejected) {
        // Too large to keep: a mailbox cannot bounce it, so it stays on the server for a person.
        refused++;
        log.warn("a message in the mailbox was refused and stays there: {}", result);
        return Outcome.REFUSED;
      }
      kept++;
      return Outcome.KEPT;
    }

    PollSummary summary() {
      return new PollSummary(fetched, kept, retryLater, refused);
    }
  }

  /** POP3's UIDL, read without compiling against the Angus implementation classes. */
  private static final class Pop3Uids {
    private Pop3Uids() {}

    static Optional<String> of(Folder folder, Message m) {
      try {
        Object uid = folder.getClass().getMethod("getUID", Message.class).invoke(folder, m);
        return Optional.ofNullable(uid).map(Object::toString);
      } catch (ReflectiveOperationException e) {
        return Optional.empty();
      }
    }
  }
}
