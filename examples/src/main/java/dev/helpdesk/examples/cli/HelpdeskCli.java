package dev.helpdesk.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code helpdesk} command line: an MTA pipe, a long-running mail service, mailbox import and
 * queries, on the embedded H2 file by default. Every failure ends in one line on stderr and a
 * sysexits code, since its first callers are mail transfer agents and scripts, not people.
 */
@Command(
    name = "helpdesk",
    mixinStandardHelpOptions = true,
    version = "helpdesk 0.1.0-SNAPSHOT",
    description =
        "The helpdesk command line: mail intake, the mail service, queries, the knowledge base.",
    subcommands = {
      PipeCommand.class,
      ServeCommand.class,
      ImportCommand.class,
      QueryCommands.Tickets.class,
      QueryCommands.Show.class,
      QueryCommands.Quarantine.class,
      QueryCommands.Report.class,
      KbCommand.class
    })
public final class HelpdeskCli implements Runnable {

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      scope = ScopeType.INHERIT,
      description =
          "jdbc:h2:, jdbc:postgresql: or jdbc:mariadb: URL (default: H2 file ./helpdesk-data/desk)")
  String db;

  @Option(
      names = "--db-user",
      scope = ScopeType.INHERIT,
      description = "database user (default: $HELPDESK_DB_USER)")
  String dbUser;

  @Option(
      names = "--db-password",
      scope = ScopeType.INHERIT,
      description = "database password (default: $HELPDESK_DB_PASSWORD)")
  String dbPassword;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "a properties file with departments, mailboxes, agents, SMTP/IMAP")
  Path config;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "log more, and print stack traces of failures")
  boolean verbose;

  @Option(
      names = "--lock-wait-seconds",
      scope = ScopeType.INHERIT,
      hidden = true,
      description = "how long to wait for an H2 file another process holds")
  long lockWaitSeconds = 30;

  @Override
  public void run() {
    throw CliException.usage("missing command; try helpdesk --help");
  }

  /** The configuration the options name, read and validated. */
  CliConfig config() {
    return config == null ? CliConfig.defaults() : CliConfig.load(config);
  }

  /** Opens the desk the options describe. */
  DeskSession open(
      Optional<Long> maxBytes, Optional<String> department, Optional<String> recipient) {
    return DeskSession.open(
        config(),
        new DeskSession.Options(
            Optional.ofNullable(db),
            Optional.ofNullable(dbUser),
            Optional.ofNullable(dbPassword),
            maxBytes,
            department,
            recipient,
            Duration.ofSeconds(lockWaitSeconds)));
  }

  /** Opens the desk with no pipe-only settings. */
  DeskSession open() {
    return open(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A command line over a fresh {@link HelpdeskCli}, mapping failures to sysexits codes: picocli's
   * own usage errors to 64 rather than its default 2, which an MTA would not understand.
   */
  public static CommandLine commandLine() {
    HelpdeskCli root = new HelpdeskCli();
    CommandLine cl = new CommandLine(root);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("helpdesk: " + ex.getMessage());
          err.println("try: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
          err.flush();
          return Sysexits.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int code;
          String message;
          if (ex instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
          } else {
            code = Sysexits.SOFTWARE;
            message = "failed: " + ex;
          }
          err.println("helpdesk: " + message);
          if (root.verbose) {
            ex.printStackTrace(err);
          }
          err.flush();
          return code;
        });
    return cl;
  }

  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  /** Runs the command line and exits with its sysexits code. */
  public static void main(String[] args) {
    // Before picocli and the desk load: a relayed pipe process needs neither.
    Optional<PipeRelay.Request> relay = PipeRelay.fastPath(args);
    if (relay.isPresent()
        && PipeRelay.relay(relay.get(), System.in) instanceof PipeRelay.Outcome.Answered a) {
      System.exit(
          PipeRelay.report(
              a, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
    // Unreachable: the full command line tries once more, says so, and takes the message itself.
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    // Before the first logger: stdout carries the result line, so logs go to stderr only.
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    // Jakarta Mail 2.1 looks its stream provider up through ServiceLoader for every header block it
    // parses (jakartaee/mail-api#861); named, it costs a quarter less parse time (BENCHMARKS.md).
    // An application may set this for its JVM; the library itself must not.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
