package dev.helpdesk.examples.cli;

import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.mail.MailIntake;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code helpdesk import mbox|maildir PATH}: moves an old mailbox archive into the desk through the
 * same intake as live mail. The intake's archive deduplicates by Message-ID (or content), so an
 * interrupted import is resumed by running it again: what was stored is ignored as a duplicate.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import an mbox file or a Maildir; rerunning it is safe.")
public final class ImportCommand implements Callable<Integer> {
  @ParentCommand HelpdeskCli root;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FORMAT", description = "mbox or maildir")
  String format;

  @Parameters(index = "1", paramLabel = "PATH", description = "the mbox file or Maildir directory")
  Path path;

  @Option(names = "--limit", hidden = true, description = "stop after this many messages")
  long limit = Long.MAX_VALUE;

  @Option(
      names = "--threads",
      description =
          "parallel intakes (default ${DEFAULT-VALUE}); one sender's mail stays in order, but a"
              + " reply by someone else may then arrive before its question and open a ticket")
  int threads = 1;

  /** What became of the imported messages. */
  static final class Summary {
    long submitted;
    long seen;
    long created;
    long appended;
    long ignored;
    long quarantined;
    long refused;
    long retry;

    synchronized void count(IntakeResult r) {
      seen++;
      if (r instanceof IntakeResult.Created) {
        created++;
      } else if (r instanceof IntakeResult.Appended) {
        appended++;
      } else if (r instanceof IntakeResult.Ignored) {
        ignored++;
      } else if (r instanceof IntakeResult.Quarantined) {
        quarantined++;
      } else if (r instanceof IntakeResult.Rejected) {
        refused++;
      } else {
        retry++;
      }
    }
  }

  @Override
  public Integer call() {
    boolean mbox =
        switch (format) {
          case "mbox" -> true;
          case "maildir" -> false;
          default -> throw CliException.usage("unknown format '" + format + "'; mbox or maildir");
        };
    if (mbox ? !Files.isRegularFile(path) : !Files.isDirectory(path)) {
      throw CliException.usage("no " + (mbox ? "mbox file" : "Maildir directory") + " at " + path);
    }
    if (threads < 1 || threads > 64) {
      throw CliException.usage("--threads must be 1-64, got " + threads);
    }
    Summary summary = new Summary();
    long started = System.nanoTime();
    boolean terminal = System.console() != null;
    try (DeskSession session = root.open()) {
      MailIntake intake = session.intake();
      Progress progress = new Progress(terminal, spec.commandLine().getErr());
      try (Workers workers = new Workers(intake, summary, progress, threads)) {
        if (mbox) {
          importMbox(workers, summary);
        } else {
          importMaildir(workers, summary);
        }
      }
      progress.done(summary.seen);
    } catch (IOException e) {
      throw new CliException(Sysexits.TEMPFAIL, "reading " + path + " failed: " + e, e);
    }
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "imported %d message(s) in %.1f s (%.0f/s): %d new ticket(s), %d appended, %d quarantined,"
            + " %d ignored, %d refused, %d to retry%n",
        summary.seen,
        seconds,
        summary.seen / seconds,
        summary.created,
        summary.appended,
        summary.quarantined,
        summary.ignored,
        summary.refused,
        summary.retry);
    out.flush();
    return summary.retry == 0 ? Sysexits.OK : Sysexits.TEMPFAIL;
  }

  private void importMaildir(Workers workers, Summary summary) throws IOException {
    List<Path> files = new ArrayList<>();
    boolean isMaildir =
        Files.isDirectory(path.resolve("cur")) || Files.isDirectory(path.resolve("new"));
    for (Path dir : isMaildir ? List.of(path.resolve("cur"), path.resolve("new")) : List.of(path)) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .forEach(files::add);
        }
      }
    }
    // Maildir names start with the delivery time, so name order is arrival order.
    files.sort(null);
    for (Path f : files) {
      if (summary.submitted >= limit) {
        return;
      }
      workers.submit(sender(head(f)), i -> i.accept(f, "import:maildir"));
    }
  }

  private void importMbox(Workers workers, Summary summary) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      boolean inMessage = false;
      boolean previousBlank = true;
      byte[] line;
      while ((line = readLine(in)) != null) {
        // A "From " line after a blank line (or first) starts the next message (mboxo/mboxrd).
        if (previousBlank && startsWith(line, 0, "From ")) {
          if (inMessage) {
            if (!accept(workers, message, summary)) {
              return;
            }
          }
          message.reset();
          inMessage = true;
          previousBlank = false;
          continue;
        }
        previousBlank = isBlank(line);
        if (!inMessage) {
          continue;
        }
        int quotes = 0;
        while (quotes < line.length && line[quotes] == '>') {
          quotes++;
        }
        // mboxrd escapes body lines matching >*From by one more '>': take it away.
        int from = quotes > 0 && startsWith(line, quotes, "From ") ? 1 : 0;
        message.write(line, from, line.length - from);
      }
      if (inMessage) {
        accept(workers, message, summary);
      }
    }
  }

  /** Hands one mbox message to the intake; false when the limit is reached. */
  private boolean accept(Workers workers, ByteArrayOutputStream message, Summary summary) {
    if (summary.submitted >= limit) {
      return false;
    }
    byte[] raw = trimSeparatorBlank(message.toByteArray());
    workers.submit(sender(raw), i -> i.accept(new ByteArrayInputStream(raw), "import:mbox"));
    return summary.submitted < limit;
  }

  /**
   * The intakes: one thread each, a message going to the one its sender hashes to, so that one
   * customer's messages (a question and their follow-ups) are taken in the order of the archive.
   */
  private static final class Workers implements AutoCloseable {
    private final MailIntake intake;
    private final Summary summary;
    private final Progress progress;
    private final List<java.util.concurrent.ExecutorService> lanes = new ArrayList<>();
    // Bounds the messages held in memory while the intakes catch up.
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(32);

    Workers(MailIntake intake, Summary summary, Progress progress, int threads) {
      this.intake = intake;
      this.summary = summary;
      this.progress = progress;
      for (int i = 0; i < threads; i++) {
        lanes.add(
            threads == 1
                ? null
                : java.util.concurrent.Executors.newSingleThreadExecutor(
                    r -> {
                      Thread t = new Thread(r, "helpdesk-import");
                      t.setDaemon(true);
                      return t;
                    }));
      }
    }

    void submit(String sender, java.util.function.Function<MailIntake, IntakeResult> job) {
      summary.submitted++;
      if (lanes.get(0) == null) {
        take(job);
        return;
      }
      inFlight.acquireUninterruptibly();
      int lane = Math.floorMod(sender.hashCode(), lanes.size());
      lanes
          .get(lane)
          .execute(
              () -> {
                try {
                  take(job);
                } finally {
                  inFlight.release();
                }
              });
    }

    private void take(java.util.function.Function<MailIntake, IntakeResult> job) {
      IntakeResult r;
      try {
        r = job.apply(intake);
      } catch (RuntimeException e) {
        r = new IntakeResult.TemporaryFailure("the intake failed: " + e);
      }
      summary.count(r);
      progress.tick(summary.seen);
    }

    @Override
    public void close() {
      for (java.util.concurrent.ExecutorService lane : lanes) {
        if (lane != null) {
          lane.shutdown();
        }
      }
      for (java.util.concurrent.ExecutorService lane : lanes) {
        if (lane != null) {
          try {
            lane.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** The From header's value, lower-cased; enough to keep one sender on one lane. */
  private static String sender(byte[] raw) {
    int start = 0;
    while (start < raw.length) {
      int end = start;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      String line =
          new String(raw, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (line.isBlank()) {
        break;
      }
      if (line.regionMatches(true, 0, "From:", 0, 5)) {
        return line.substring(5).strip().toLowerCase(java.util.Locale.ROOT);
      }
      start = end + 1;
    }
    return "";
  }

  /** The first 8 KiB of a file, where its headers are. */
  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(8192);
    }
  }

  /** The blank line before the next "From " belongs to the mbox, not to the message. */
  private static byte[] trimSeparatorBlank(byte[] raw) {
    int end = raw.length;
    if (end >= 2 && raw[end - 2] == '\r' && raw[end - 1] == '\n') {
      int before = end - 2;
      if (before >= 2 && raw[before - 2] == '\r' && raw[before - 1] == '\n') {
        end = before;
      }
    } else if (end >= 2 && raw[end - 1] == '\n' && raw[end - 2] == '\n') {
      end--;
    }
    return end == raw.length ? raw : java.util.Arrays.copyOf(raw, end);
  }

  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  private static boolean startsWith(byte[] line, int offset, String prefix) {
    if (line.length - offset < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[offset + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * A {@code \r} counter on stderr, only on a terminal: piped to a log it would be noise. (The
   * progressbar library is not in the offline repository; a counter does the job.)
   */
  private static final class Progress {
    private final boolean on;
    private final PrintWriter err;
    private long lastPrint;

    Progress(boolean on, PrintWriter err) {
      this.on = on;
      this.err = err;
    }

    synchronized void tick(long n) {
      long now = System.nanoTime();
      if (on && now - lastPrint > 200_000_000L) {
        lastPrint = now;
        err.print("\r" + n + " message(s)");
        err.flush();
      }
    }

    void done(long n) {
      if (on) {
        err.println("\r" + n + " message(s)");
        err.flush();
      }
    }
  }
}
