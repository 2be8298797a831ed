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

  /** What became of the imported messages. */
  static final class Summary {
    long seen;
    long created;
    long appended;
    long ignored;
    long quarantined;
    long refused;
    long retry;

    void count(IntakeResult r) {
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
    Summary summary = new Summary();
    long started = System.nanoTime();
    boolean terminal = System.console() != null;
    try (DeskSession session = root.open()) {
      MailIntake intake = session.intake();
      Progress progress = new Progress(terminal, spec.commandLine().getErr());
      if (mbox) {
        importMbox(intake, summary, progress);
      } else {
        importMaildir(intake, summary, progress);
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

  private void importMaildir(MailIntake intake, Summary summary, Progress progress)
      throws IOException {
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
      if (summary.seen >= limit) {
        return;
      }
      summary.count(intake.accept(f, "import:maildir"));
      progress.tick(summary.seen);
    }
  }

  private void importMbox(MailIntake intake, Summary summary, Progress progress)
      throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      boolean inMessage = false;
      boolean previousBlank = true;
      byte[] line;
      while ((line = readLine(in)) != null) {
        // A "From " line after a blank line (or first) starts the next message (mboxo/mboxrd).
        if (previousBlank && startsWith(line, 0, "From ")) {
          if (inMessage) {
            if (!accept(intake, message, summary, progress)) {
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
        accept(intake, message, summary, progress);
      }
    }
  }

  /** Hands one mbox message to the intake; false when the limit is reached. */
  private boolean accept(
      MailIntake intake, ByteArrayOutputStream message, Summary summary, Progress progress) {
    if (summary.seen >= limit) {
      return false;
    }
    byte[] raw = trimSeparatorBlank(message.toByteArray());
    summary.count(intake.accept(new ByteArrayInputStream(raw), "import:mbox"));
    progress.tick(summary.seen);
    return summary.seen < limit;
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

    void tick(long n) {
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
