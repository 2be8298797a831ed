package dev.helpdesk.examples.cli;

import dev.helpdesk.mail.IntakeResult;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code helpdesk pipe}: one message on stdin, as Postfix {@code pipe}, Exim or procmail deliver
 * it. The exit code tells the MTA what to do: 0 kept (never deliver again), 75 retry later (nothing
 * was stored), 65 bounce.
 */
@Command(
    name = "pipe",
    mixinStandardHelpOptions = true,
    description =
        "Take one message from stdin; exit 0 kept, 75 retry, 65 refused, 67 unknown recipient,"
            + " 64 usage, 78 config.",
    footer = {
      "",
      "Postfix master.cf (with transport_maps: support.example.com helpdesk:):",
      "  helpdesk unix - n n - 4 pipe flags=Rq user=helpdesk",
      "    argv=/usr/bin/java -jar /opt/helpdesk/helpdesk-cli.jar pipe --recipient RCPT",
      "  where RCPT is Postfix's recipient macro: a dollar sign, then recipient in braces.",
      "With 'helpdesk serve' running, add --relay=127.0.0.1:2525 (and --sender with Postfix's",
      "sender macro): the pipe then hands the message to it in about 0.2 s instead of opening",
      "the database, and still takes it itself when serve is down.",
      "procmail: :0 w | java -jar /opt/helpdesk/helpdesk-cli.jar pipe",
      "The H2 file admits one process at a time; a pipe waits for it up to 30 s, then exits 75."
    })
public final class PipeCommand implements Callable<Integer> {
  @ParentCommand HelpdeskCli root;

  @Spec CommandSpec spec;

  @Option(names = "--department", description = "department of mail to none of the mailboxes")
  String department;

  @Option(names = "--recipient", paramLabel = "ADDR", description = "the envelope recipient")
  String recipient;

  @Option(
      names = "--max-bytes",
      description = "largest message kept; larger ones are refused (exit 65)")
  Long maxBytes;

  @Option(
      names = "--relay",
      paramLabel = "HOST:PORT",
      description =
          "hand the message to a running 'helpdesk serve' over SMTP (fast); if nothing listens"
              + " there, take it here")
  String relay;

  @Option(
      names = "--sender",
      paramLabel = "ADDR",
      description = "the envelope sender, for --relay (default: the Return-Path or From header)")
  String sender;

  /** Where the message comes from; a field so tests may feed it without a process. */
  InputStream in = System.in;

  @Override
  public Integer call() {
    if (maxBytes != null && maxBytes <= 0) {
      throw CliException.usage("--max-bytes must be positive, got " + maxBytes);
    }
    if (relay != null) {
      Optional<Integer> relayed = relayed();
      if (relayed.isPresent()) {
        return relayed.get();
      }
    }
    IntakeResult result;
    try (DeskSession session =
        root.open(
            Optional.ofNullable(maxBytes),
            Optional.ofNullable(department),
            Optional.ofNullable(recipient))) {
      result = session.intake().accept(new BufferedInputStream(in), "pipe");
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      // An MTA retries a 75: better a late message than one bounced by a defect of ours.
      throw new CliException(Sysexits.TEMPFAIL, "could not take the message: " + e, e);
    }
    spec.commandLine().getOut().println(line(result));
    spec.commandLine().getOut().flush();
    if (result.sysexit() != Sysexits.OK) {
      spec.commandLine().getErr().println("helpdesk: " + line(result));
      spec.commandLine().getErr().flush();
    }
    return result.sysexit();
  }

  private Optional<Integer> relayed() {
    if (recipient == null) {
      throw CliException.usage("--relay needs --recipient (the envelope recipient)");
    }
    PipeRelay.Request request;
    try {
      request = PipeRelay.request(relay, recipient, Optional.ofNullable(sender));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    PipeRelay.Outcome outcome = PipeRelay.relay(request, in);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (outcome instanceof PipeRelay.Outcome.Answered a) {
      return Optional.of(PipeRelay.report(a, out, err));
    }
    err.println(
        "helpdesk: nothing listens at "
            + relay
            + " ("
            + ((PipeRelay.Outcome.Unreachable) outcome).reason()
            + "); taking the message here");
    err.flush();
    return Optional.empty();
  }

  /** The one result line: what became of the message, for the MTA's log and for scripts. */
  static String line(IntakeResult r) {
    if (r instanceof IntakeResult.Created c) {
      return "created " + c.ticket().value();
    } else if (r instanceof IntakeResult.Appended a) {
      return "appended " + a.ticket().value();
    } else if (r instanceof IntakeResult.Ignored i) {
      return "ignored " + i.why().name().toLowerCase(java.util.Locale.ROOT) + ": " + i.detail();
    } else if (r instanceof IntakeResult.Quarantined q) {
      return "quarantined " + q.key() + ": " + q.reason();
    } else if (r instanceof IntakeResult.Rejected j) {
      return "refused: " + j.reason();
    }
    return "temporary failure: " + ((IntakeResult.TemporaryFailure) r).reason();
  }
}
