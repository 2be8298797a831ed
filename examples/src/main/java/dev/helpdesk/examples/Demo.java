package dev.helpdesk.examples;

import dev.helpdesk.examples.demo.SupportDay;

/**
 * The runnable demo, the README's first command: a day at a small hosting company on embedded
 * defaults (GreenMail in this JVM as the mail server, an H2 file in a temporary directory, a
 * simulated clock). See {@link SupportDay} for the story.
 */
public final class Demo {
  private Demo() {}

  /** Runs the day and prints its timeline and report. */
  public static void main(String[] args) {
    // The timeline is the output; the libraries' own warnings (an expected retry) would drown it.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    long start = System.nanoTime();
    SupportDay.run(System.out);
    System.out.printf("%nThe day took %.1f s of real time.%n", (System.nanoTime() - start) / 1e9);
  }
}
