package dev.helpdesk.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the command line as a separate JVM, as an MTA does: stdin in, exit code and output out. */
final class CliProcess {
  private CliProcess() {}

  /** What one run gave. */
  record Result(int code, String out, String err) {}

  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Tests start many short JVMs: the C1 compiler alone starts them fastest.
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(HelpdeskCli.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Process start(Path workDir, String... args) {
    try {
      return new ProcessBuilder(command(args)).directory(workDir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Feeds {@code stdin} to a started process and waits for it. */
  static CompletableFuture<Result> finish(Process p, byte[] stdin) {
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    return CompletableFuture.supplyAsync(
        () -> {
          try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
          } catch (IOException e) {
            // The process may refuse to read (a usage error); its exit code says why.
          }
          try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
              p.destroyForcibly();
              throw new IllegalStateException("the CLI process did not end in 60 s");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return new Result(p.exitValue(), out.join(), err.join());
        });
  }

  static Result run(Path workDir, byte[] stdin, String... args) {
    return finish(start(workDir, args), stdin).join();
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small plain-text message. */
  static byte[] message(String from, String to, String messageId, String body) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: Site down\r\nMessage-ID: "
            + messageId
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + body
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
