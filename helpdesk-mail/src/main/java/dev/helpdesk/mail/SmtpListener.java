package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server for a long-running desk: the host's MTA relays support mail to it, and it answers
 * 250 only after the message is kept, 451 when the desk cannot take it now (so the MTA retries),
 * and 5xx for mail it will never take (unknown recipient, too large). One JVM serves every message,
 * instead of one per message as with a pipe.
 */
public final class SmtpListener implements AutoCloseable {
  private final SMTPServer server;

  private SmtpListener(SMTPServer server) {
    this.server = server;
  }

  /**
   * Starts listening on {@code bind}:{@code port} (0 picks a free port, see {@link #port()}).
   *
   * @param maxConnections how many senders at once; more wait in the backlog
   */
  public static SmtpListener start(
      MailIntake intake, InetAddress bind, int port, int maxConnections) {
    requireNonNull(intake, "intake must not be null");
    requireNonNull(bind, "bind must not be null");
    checkArgument(port >= 0 && port <= 65535, "port must be 0-65535, got %s", port);
    checkArgument(maxConnections > 0, "maxConnections must be positive, got %s", maxConnections);
    SMTPServer server =
        SMTPServer.port(port)
            .bindAddress(bind)
            .hostName(intake.domain())
            .softwareName("helpdesk")
            .maxConnections(maxConnections)
            .maxRecipients(100)
            .insertReceivedHeaders(false)
            .messageHandlerFactory(context -> new Delivery(intake, context))
            .build();
    server.start();
    return new SmtpListener(server);
  }

  /** The port it listens on. */
  public int port() {
    return server.getPortAllocated();
  }

  /** Stops accepting connections and waits for the sessions in progress. */
  @Override
  public void close() {
    server.stop();
  }

  /** One SMTP transaction: the envelope, then the message handed to the intake. */
  private static final class Delivery implements MessageHandler {
    private final MailIntake intake;
    private final MessageContext context;
    private String returnPath = "";
    private final List<String> recipients = new ArrayList<>();

    Delivery(MailIntake intake, MessageContext context) {
      this.intake = intake;
      this.context = context;
    }

    @Override
    public void from(String from) {
      returnPath = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      if (!intake.serves(recipient)) {
        throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
      }
      recipients.add(recipient.toLowerCase(Locale.ROOT));
    }

    @Override
    public String data(InputStream data) throws RejectException {
      // What a delivery agent adds: the envelope, which the headers may not show (Bcc).
      StringBuilder envelope = new StringBuilder();
      envelope
          .append("Return-Path: <")
          .append(returnPath.replaceAll("[\\r\\n<>]", ""))
          .append(">\r\n");
      for (String r : recipients) {
        envelope.append("Delivered-To: ").append(r.replaceAll("[\\r\\n]", "")).append("\r\n");
      }
      InputStream raw =
          new SequenceInputStream(
              new ByteArrayInputStream(envelope.toString().getBytes(StandardCharsets.UTF_8)), data);
      IntakeResult result = intake.accept(raw, "smtp:" + context.getRemoteAddress());
      try {
        // The intake stops reading at its size cap; the client's remaining data must still be
        // read up to its final dot before the reply, or the client sees a broken connection.
        data.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new RejectException(
            451, "4.3.0 the message could not be read: " + oneLine(e.toString()));
      }
      if (result instanceof IntakeResult.TemporaryFailure t) {
        throw new RejectException(451, "4.3.0 try again later: " + oneLine(t.reason()));
      }
      if (result instanceof IntakeResult.Rejected r) {
        throw new RejectException(552, "5.3.4 " + oneLine(r.reason()));
      }
      return "2.0.0 " + oneLine(String.valueOf(result));
    }

    @Override
    public void done() {}

    private static String oneLine(String text) {
      String line = text.replaceAll("[\\r\\n]+", " ");
      return line.length() <= 200 ? line : line.substring(0, 200);
    }
  }
}
