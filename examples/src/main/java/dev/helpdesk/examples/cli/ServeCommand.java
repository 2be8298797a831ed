package dev.helpdesk.examples.cli;

import dev.helpdesk.mail.MailboxPoller;
import dev.helpdesk.mail.SmtpListener;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code helpdesk serve}: the long-running desk, the SMTP listener, IMAP/POP3 polling, outbox
 * delivery and SLA checks in one process. SIGTERM stops it cleanly: the listener finishes the
 * sessions in progress before the database closes, so a message answered 250 is stored and one cut
 * off mid-DATA gets no 250 and is retried by the sending MTA.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the SMTP listener, mailbox polling, outbox delivery and SLA checks.",
    footer = {
      "",
      "A systemd unit (/etc/systemd/system/helpdesk.service); systemd stops it with SIGTERM:",
      "  [Unit]",
      "  Description=helpdesk mail service",
      "  After=network.target postgresql.service",
      "  [Service]",
      "  User=helpdesk",
      "  WorkingDirectory=/var/lib/helpdesk",
      "  ExecStart=/usr/bin/java -jar /opt/helpdesk/helpdesk-cli.jar serve --config /etc/helpdesk.properties --smtp-port 2525",
      "  SuccessExitStatus=143",
      "  TimeoutStopSec=60",
      "  Restart=on-failure",
      "  [Install]",
      "  WantedBy=multi-user.target",
      "",
      "Postfix then relays the support domain to it: transport_maps entry",
      "  support.example.com  smtp:[127.0.0.1]:2525"
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @ParentCommand HelpdeskCli root;
  @Spec CommandSpec spec;

  @Option(names = "--smtp-port", description = "SMTP port (default ${DEFAULT-VALUE}; 0 for any)")
  int smtpPort = 2525;

  @Option(
      names = "--bind",
      description = "address to listen on (default ${DEFAULT-VALUE}: the local MTA relays to it)")
  String bind = "127.0.0.1";

  @Option(
      names = "--scheduler-seconds",
      description = "outbox delivery and SLA check period (default ${DEFAULT-VALUE})")
  long schedulerSeconds = 30;

  @Option(
      names = "--max-bytes",
      description = "largest message taken; the listener answers 552 to larger ones")
  Long maxBytes;

  @Override
  public Integer call() throws Exception {
    if (maxBytes != null && maxBytes <= 0) {
      throw CliException.usage("--max-bytes must be positive, got " + maxBytes);
    }
    if (smtpPort < 0 || smtpPort > 65535) {
      throw CliException.usage("--smtp-port must be 0-65535, got " + smtpPort);
    }
    if (schedulerSeconds < 1) {
      throw CliException.usage("--scheduler-seconds must be at least 1");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw CliException.usage("--bind: unknown address '" + bind + "'");
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // Closed in reverse order: intake sources first, the database last.
    Deque<AutoCloseable> running = new ArrayDeque<>();
    DeskSession session =
        root.open(Optional.ofNullable(maxBytes), Optional.empty(), Optional.empty());
    running.push(session);
    try {
      running.push(session.desk().startScheduler(Duration.ofSeconds(schedulerSeconds)));
      SmtpListener smtp;
      try {
        smtp = SmtpListener.start(session.intake(), address, smtpPort, 16);
      } catch (RuntimeException e) {
        throw new CliException(
            Sysexits.CONFIG,
            "cannot listen on " + bind + ":" + smtpPort + ": " + DeskSession.rootMessage(e),
            e);
      }
      running.push(smtp);
      session
          .config()
          .imap()
          .ifPresent(
              server ->
                  running.push(
                      MailboxPoller.of(session.intake(), server)
                          .start(session.config().imapPeriod())));
      Thread hook =
          new Thread(
              () -> {
                stop.countDown();
                try {
                  // The JVM halts when the hooks end: wait until everything is closed.
                  stopped.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "helpdesk-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      PrintWriter out = spec.commandLine().getOut();
      out.println("helpdesk serving SMTP on " + bind + ":" + smtp.port());
      out.flush();
      stop.await();
      log.info("stopping");
    } finally {
      closeAll(running);
      stopped.countDown();
    }
    return Sysexits.OK;
  }

  private static void closeAll(Deque<AutoCloseable> running) {
    while (!running.isEmpty()) {
      AutoCloseable c = running.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("stopping {} failed", c, e);
      }
    }
  }
}
