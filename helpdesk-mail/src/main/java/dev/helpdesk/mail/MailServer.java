package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Properties;

/**
 * Where a {@link MailboxPoller} fetches mail: an IMAP or POP3 account, with TLS and timeouts (the
 * Jakarta Mail defaults wait forever, which would hang a poller on a dead server).
 *
 * @param folder the IMAP folder to read ({@code INBOX} for POP3, which has no other)
 */
public record MailServer(
    Protocol protocol,
    String host,
    int port,
    String username,
    String password,
    String folder,
    Duration connectTimeout,
    Duration readTimeout) {

  /** The protocols a poller speaks; the {@code S} forms use TLS from the first byte. */
  public enum Protocol {
    IMAP("imap"),
    IMAPS("imaps"),
    POP3("pop3"),
    POP3S("pop3s");

    private final String scheme;

    Protocol(String scheme) {
      this.scheme = scheme;
    }

    /** The Jakarta Mail store name. */
    String scheme() {
      return scheme;
    }

    boolean isPop3() {
      return this == POP3 || this == POP3S;
    }
  }

  public MailServer {
    requireNonNull(protocol, "protocol must not be null");
    requireNonNull(host, "host must not be null");
    checkArgument(!host.isBlank(), "host must not be blank");
    checkArgument(port > 0 && port <= 65535, "port must be 1-65535, got %s", port);
    requireNonNull(username, "username must not be null");
    requireNonNull(password, "password must not be null");
    requireNonNull(folder, "folder must not be null");
    checkArgument(!folder.isBlank(), "folder must not be blank");
    checkArgument(
        !protocol.isPop3() || folder.equalsIgnoreCase("INBOX"),
        "POP3 has only the folder INBOX, got '%s'",
        folder);
    requireNonNull(connectTimeout, "connectTimeout must not be null");
    requireNonNull(readTimeout, "readTimeout must not be null");
    checkArgument(
        !connectTimeout.isNegative() && !connectTimeout.isZero(),
        "connectTimeout must be positive, got %s",
        connectTimeout);
    checkArgument(
        !readTimeout.isNegative() && !readTimeout.isZero(),
        "readTimeout must be positive, got %s",
        readTimeout);
  }

  /** An account's INBOX with 10 s to connect and 60 s per read. */
  public static MailServer of(
      Protocol protocol, String host, int port, String username, String password) {
    return new MailServer(
        protocol,
        host,
        port,
        username,
        password,
        "INBOX",
        Duration.ofSeconds(10),
        Duration.ofSeconds(60));
  }

  /** The same account, reading another IMAP folder. */
  public MailServer withFolder(String value) {
    return new MailServer(
        protocol, host, port, username, password, value, connectTimeout, readTimeout);
  }

  /** The same account with other timeouts. */
  public MailServer withTimeouts(Duration connect, Duration read) {
    return new MailServer(protocol, host, port, username, password, folder, connect, read);
  }

  /** Session properties: timeouts, server identity checks, and streaming instead of buffering. */
  Properties sessionProperties() {
    String p = "mail." + protocol.scheme() + ".";
    Properties props = new Properties();
    props.setProperty(p + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
    props.setProperty(p + "timeout", String.valueOf(readTimeout.toMillis()));
    props.setProperty(p + "writetimeout", String.valueOf(readTimeout.toMillis()));
    props.setProperty(p + "ssl.checkserveridentity", "true");
    if (protocol.isPop3()) {
      // POP3 messages are cached in temporary files, not on the heap.
      props.setProperty(p + "filecache.enable", "true");
    } else {
      props.setProperty(p + "partialfetch", "true");
      props.setProperty(p + "fetchsize", String.valueOf(64 * 1024));
    }
    return props;
  }

  @Override
  public String toString() {
    return protocol.scheme() + "://" + username + "@" + host + ":" + port + "/" + folder;
  }
}
