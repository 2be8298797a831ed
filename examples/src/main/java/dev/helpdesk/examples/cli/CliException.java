package dev.helpdesk.examples.cli;

/**
 * A failure the command line reports as one line on stderr with a chosen exit code, instead of a
 * stack trace: bad configuration, bad usage, an unreachable database.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** A failure that ends the command with {@code exitCode} (see {@link Sysexits}). */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The same, keeping the cause for {@code --verbose}. */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The sysexits code the command ends with. */
  public int exitCode() {
    return exitCode;
  }

  /** A configuration error (exit 78). */
  public static CliException config(String message) {
    return new CliException(Sysexits.CONFIG, message);
  }

  /** A usage error (exit 64). */
  public static CliException usage(String message) {
    return new CliException(Sysexits.USAGE, message);
  }
}
