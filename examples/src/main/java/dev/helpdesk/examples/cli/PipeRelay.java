package dev.helpdesk.examples.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code helpdesk pipe --relay HOST:PORT}: hands the message on stdin to a running {@code helpdesk
 * serve} over SMTP and exits with what its listener answered. The pipe JVM then loads no database,
 * mail parser or command-line framework, which is what makes one pipe process fast (Request
 * Tracker's rt-mailgate hands mail to the running RT the same way). The listener answers 250 only
 * after the message is stored, so exit 0 still means kept, and 451 becomes 75 so the MTA retries.
 *
 * <p>This class is deliberately free of the desk's classes and of picocli: {@link HelpdeskCli} runs
 * it before either is loaded.
 */
final class PipeRelay {
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  /** The listener replies after the commit; a large message on a busy desk takes a while. */
  private static final int READ_TIMEOUT_MS = 300_000;

  private static final int MAX_HEADER_BYTES = 256 * 1024;
  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>\\s]*)>");
  private static final Pattern BARE_ADDRESS =
      Pattern.compile("([^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+)");

  /** Where to relay, to whom, and the envelope sender if the MTA told it. */
  record Request(String host, int port, String recipient, Optional<String> sender) {}

  /** What became of a relay attempt. */
  sealed interface Outcome {
    /** The listener gave a final answer; {@code sysexit} is what the MTA should see. */
    record Answered(int sysexit, String line) implements Outcome {}

    /** Nothing listens at the relay address: stdin is untouched, so the desk may take it itself. */
    record Unreachable(String reason) implements Outcome {}
  }

  private PipeRelay() {}

  /**
   * The request when {@code args} are exactly {@code pipe --relay HOST:PORT --recipient ADDR
   * [--sender ADDR]} (each option as {@code --opt=value} or {@code --opt value}); empty for
   * anything else, which the full command line then handles (and reports if wrong).
   */
  static Optional<Request> fastPath(String[] args) {
    if (args.length == 0 || !args[0].equals("pipe")) {
      return Optional.empty();
    }
    String relay = null;
    String recipient = null;
    String sender = null;
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      switch (name) {
        case "--relay" -> relay = value;
        case "--recipient" -> recipient = value;
        case "--sender" -> sender = value;
        default -> {
          return Optional.empty();
        }
      }
    }
    if (relay == null || recipient == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(request(relay, recipient, Optional.ofNullable(sender)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses {@code HOST:PORT} and checks the recipient.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  static Request request(String relay, String recipient, Optional<String> sender) {
    int colon = relay.lastIndexOf(':');
    if (colon <= 0 || colon == relay.length() - 1) {
      throw new IllegalArgumentException("--relay must be HOST:PORT, got '" + relay + "'");
    }
    int port;
    try {
      port = Integer.parseInt(relay.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--relay port must be a number, got '" + relay + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--relay port must be 1-65535, got " + port);
    }
    if (!safe(recipient) || recipient.isBlank()) {
      throw new IllegalArgumentException("--recipient is not an address: '" + recipient + "'");
    }
    if (sender.isPresent() && !safe(sender.get())) {
      throw new IllegalArgumentException("--sender is not an address: '" + sender.get() + "'");
    }
    String host = relay.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Request(
        host,
        port,
        recipient.strip(),
        sender.isPresent() ? Optional.of(sender.get().strip()) : Optional.empty());
  }

  /**
   * No line breaks or angle brackets: an address cannot smuggle an SMTP command. (Loops, not
   * lambdas, in this class: bootstrapping the first lambda costs a pipe JVM tens of milliseconds.)
   */
  private static boolean safe(String address) {
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == '\r' || c == '\n' || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  /**
   * Relays {@code message} to the listener of {@code request}. stdin is read only once the
   * connection stands, so an {@link Outcome.Unreachable} leaves it for the desk to take directly.
   */
  static Outcome relay(Request request, InputStream message) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(request.host(), request.port()), CONNECT_TIMEOUT_MS);
    } catch (ConnectException | SocketTimeoutException e) {
      close(socket);
      return new Outcome.Unreachable(request.host() + ":" + request.port() + ": " + e.getMessage());
    } catch (IOException e) {
      close(socket);
      return new Outcome.Unreachable(request.host() + ":" + request.port() + ": " + e);
    }
    try (socket) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      return converse(socket, request, new BufferedInputStream(message));
    } catch (IOException e) {
      // No final 250 was read, so the MTA must deliver again; the listener's dedupe makes that
      // safe.
      return new Outcome.Answered(Sysexits.TEMPFAIL, "relay failed: " + e.getMessage());
    }
  }

  private static Outcome converse(Socket socket, Request request, InputStream message)
      throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
    String reply = reply(in);
    if (!reply.startsWith("220")) {
      return refused("greeting", reply);
    }
    command(out, "EHLO localhost");
    reply = reply(in);
    if (!reply.startsWith("250")) {
      return refused("EHLO", reply);
    }
    byte[] header = readHeader(message);
    String sender = request.sender().isPresent() ? request.sender().get() : senderOf(header);
    command(out, "MAIL FROM:<" + sender + ">");
    reply = reply(in);
    if (!reply.startsWith("250")) {
      return refused("MAIL FROM", reply);
    }
    command(out, "RCPT TO:<" + request.recipient() + ">");
    reply = reply(in);
    if (!reply.startsWith("25")) {
      quit(out);
      return reply.startsWith("55")
          ? new Outcome.Answered(Sysexits.NOUSER, "recipient refused: " + reply)
          : refused("RCPT TO", reply);
    }
    command(out, "DATA");
    reply = reply(in);
    if (!reply.startsWith("354")) {
      return refused("DATA", reply);
    }
    DotStuffing body = new DotStuffing(out);
    body.write(header);
    message.transferTo(body);
    body.end();
    out.flush();
    reply = reply(in);
    quit(out);
    if (reply.startsWith("250")) {
      return new Outcome.Answered(Sysexits.OK, "relayed: " + reply);
    }
    if (reply.startsWith("552")) {
      return new Outcome.Answered(Sysexits.DATAERR, "refused: " + reply);
    }
    return refused("the message", reply);
  }

  /**
   * Any answer but the expected one: a 4xx is temporary by definition, and any other 5xx is a fault
   * between us and our own listener, where a late message beats a bounced one.
   */
  private static Outcome refused(String step, String reply) {
    return new Outcome.Answered(Sysexits.TEMPFAIL, step + " answered " + reply);
  }

  /** The header block, up to and including the empty line (or a bounded prefix of it). */
  private static byte[] readHeader(InputStream message) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    int previous = -1;
    int beforePrevious = -1;
    while (header.size() < MAX_HEADER_BYTES) {
      int b = message.read();
      if (b < 0) {
        break;
      }
      header.write(b);
      boolean blankLine =
          b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n'));
      if (blankLine) {
        break;
      }
      beforePrevious = previous;
      previous = b;
    }
    return header.toByteArray();
  }

  /**
   * The envelope sender when the MTA did not pass it: the message's first Return-Path (what
   * Postfix's {@code flags=R} and most delivery agents prepend), else its From address.
   */
  static String senderOf(byte[] header) {
    String text = new String(header, StandardCharsets.ISO_8859_1).replaceAll("\r?\n[ \t]+", " ");
    Optional<String> from = Optional.empty();
    for (String line : text.split("\r?\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("return-path:")) {
        Matcher m = ANGLE_ADDRESS.matcher(line);
        return m.find() ? m.group(1) : "";
      }
      if (from.isEmpty() && lower.startsWith("from:")) {
        String value = line.substring("from:".length());
        Matcher angle = ANGLE_ADDRESS.matcher(value);
        Matcher bare = BARE_ADDRESS.matcher(value);
        from =
            angle.find()
                ? Optional.of(angle.group(1))
                : bare.find() ? Optional.of(bare.group(1)) : from;
      }
    }
    return from.isPresent() && safe(from.get()) ? from.get() : "";
  }

  private static void command(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void quit(OutputStream out) {
    try {
      command(out, "QUIT");
    } catch (IOException e) {
      // The answer that matters was read already.
    }
  }

  /** One reply, the last line of a multi-line one. */
  private static String reply(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("the listener closed the connection");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Never connected: nothing to release.
    }
  }

  /**
   * The DATA section: bare LF becomes CRLF (Postfix and procmail hand over LF lines) and a line
   * starting with a dot gets a second one (RFC 5321 4.5.2).
   */
  private static final class DotStuffing extends OutputStream {
    private final OutputStream out;
    private boolean lineStart = true;
    private int previous = -1;

    DotStuffing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '\n' && previous != '\r') {
        out.write('\r');
      }
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
      previous = b;
    }

    void end() throws IOException {
      if (!lineStart) {
        write('\r');
        write('\n');
      }
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Prints the result line (and, unless kept, the reason on stderr); returns the exit code. */
  static int report(Outcome.Answered answer, PrintWriter out, PrintWriter err) {
    out.println(answer.line());
    out.flush();
    if (answer.sysexit() != Sysexits.OK) {
      err.println("helpdesk: " + answer.line());
      err.flush();
    }
    return answer.sysexit();
  }
}
