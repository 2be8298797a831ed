package dev.helpdesk.examples.cli;

/**
 * The exit codes of sysexits.h that mail transfer agents understand: Postfix, Exim and procmail
 * retry a delivery on {@link #TEMPFAIL} and bounce it on the others, so the pipe must pick them
 * with care.
 */
public final class Sysexits {
  private Sysexits() {}

  /** Done: the message is kept and must not be delivered again. */
  public static final int OK = 0;

  /** The command line was wrong (unknown option, bad argument). */
  public static final int USAGE = 64;

  /** The input is refused for good, for example a message over the size cap. */
  public static final int DATAERR = 65;

  /** The recipient is none of the desk's mailboxes. */
  public static final int NOUSER = 67;

  /** A defect of this program; the message of the failure says what went wrong. */
  public static final int SOFTWARE = 70;

  /** Try again later: nothing was stored (database down, lock timeout). */
  public static final int TEMPFAIL = 75;

  /** The configuration (file, URL, secret) is wrong. */
  public static final int CONFIG = 78;
}
