package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and how the desk sends mail: the SMTP server, its transport security, optional credentials
 * and the socket timeouts. The timeouts always have a finite value, because Jakarta Mail's default
 * is to wait forever and one hung server would stall the whole outbox.
 *
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for each server response
 * @param writeTimeout how long a single write to the server may block
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    Optional<String> username,
    Optional<String> password,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout) {

  /** The default connect timeout: a reachable server answers a SYN well within it. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The default read timeout: servers that run content checks after DATA can be slow. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** The default write timeout, as long as the read timeout for the same reason. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** How the connection to the server is protected. */
  public enum Security {
    /** Plain text; only for a relay on the same host or a test server. */
    NONE,
    /** Upgrade with STARTTLS and refuse to go on if the server does not offer it. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SSL
  }

  /** Validates every component, so a bad setting fails at start-up and not at the first send. */
  public SmtpSettings {
    requireNonNull(host, "host must not be null");
    checkArgument(
        !host.isBlank() && host.chars().noneMatch(Character::isWhitespace),
        "host must be a host name or address without blanks, got '%s'",
        host);
    checkArgument(port >= 1 && port <= 65_535, "port must be in 1..65535, got %s", port);
    requireNonNull(security, "security must not be null");
    requireNonNull(username, "username must not be null");
    requireNonNull(password, "password must not be null");
    checkArgument(
        username.isPresent() == password.isPresent(),
        "username and password must be given together, got username %s and password %s",
        username.isPresent() ? "present" : "absent",
        password.isPresent() ? "present" : "absent");
    checkArgument(
        username.map(u -> !u.isBlank()).orElse(true), "username must not be blank when given");
    checkTimeout("connectTimeout", connectTimeout);
    checkTimeout("readTimeout", readTimeout);
    checkTimeout("writeTimeout", writeTimeout);
  }

  /** A server without TLS or credentials and the default timeouts; refine with the withers. */
  public static SmtpSettings of(String host, int port) {
    return new SmtpSettings(
        host,
        port,
        Security.NONE,
        Optional.empty(),
        Optional.empty(),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_WRITE_TIMEOUT);
  }

  /** The same settings with another host, for example after a fail-over. */
  public SmtpSettings withHost(String value) {
    return new SmtpSettings(
        value, port, security, username, password, connectTimeout, readTimeout, writeTimeout);
  }

  /** The same settings with another port. */
  public SmtpSettings withPort(int value) {
    return new SmtpSettings(
        host, value, security, username, password, connectTimeout, readTimeout, writeTimeout);
  }

  /** The same settings with another transport security. */
  public SmtpSettings withSecurity(Security value) {
    return new SmtpSettings(
        host, port, value, username, password, connectTimeout, readTimeout, writeTimeout);
  }

  /** The same settings, authenticating with these credentials. */
  public SmtpSettings withCredentials(String user, String secret) {
    requireNonNull(user, "username must not be null");
    requireNonNull(secret, "password must not be null");
    return new SmtpSettings(
        host,
        port,
        security,
        Optional.of(user),
        Optional.of(secret),
        connectTimeout,
        readTimeout,
        writeTimeout);
  }

  /** The same settings without authentication. */
  public SmtpSettings withoutCredentials() {
    return new SmtpSettings(
        host,
        port,
        security,
        Optional.empty(),
        Optional.empty(),
        connectTimeout,
        readTimeout,
        writeTimeout);
  }

  /** The same settings with another connect timeout. */
  public SmtpSettings withConnectTimeout(Duration value) {
    return new SmtpSettings(
        host, port, security, username, password, value, readTimeout, writeTimeout);
  }

  /** The same settings with another read timeout. */
  public SmtpSettings withReadTimeout(Duration value) {
    return new SmtpSettings(
        host, port, security, username, password, connectTimeout, value, writeTimeout);
  }

  /** The same settings with another write timeout. */
  public SmtpSettings withWriteTimeout(Duration value) {
    return new SmtpSettings(
        host, port, security, username, password, connectTimeout, readTimeout, value);
  }

  /** The same settings with all three timeouts set to {@code value}, handy in tests. */
  public SmtpSettings withTimeouts(Duration value) {
    return new SmtpSettings(host, port, security, username, password, value, value, value);
  }

  /**
   * The Jakarta Mail session properties for these settings; credentials are not among them, they
   * are passed when the transport connects, so the properties can be logged.
   */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", host);
    p.setProperty("mail.smtp.port", Integer.toString(port));
    p.setProperty("mail.smtp.connectiontimeout", millis(connectTimeout));
    p.setProperty("mail.smtp.timeout", millis(readTimeout));
    p.setProperty("mail.smtp.writetimeout", millis(writeTimeout));
    p.setProperty("mail.smtp.auth", Boolean.toString(username.isPresent()));
    boolean startTls = security == Security.STARTTLS_REQUIRED;
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
    p.setProperty("mail.smtp.ssl.enable", Boolean.toString(security == Security.SSL));
    // Without it a TLS connection accepts any certificate name, which defeats TLS.
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    return p;
  }

  /** Keeps the password out of logs and exception messages. */
  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "****" : "(none)")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", writeTimeout="
        + writeTimeout
        + "]";
  }

  private static void checkTimeout(String name, Duration value) {
    requireNonNull(value, name + " must not be null");
    checkArgument(
        !value.isNegative() && !value.isZero() && value.compareTo(Duration.ofDays(1)) <= 0,
        "%s must be positive and at most a day, got %s",
        name,
        value);
    checkArgument(value.toMillis() >= 1, "%s must be at least a millisecond, got %s", name, value);
  }

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
