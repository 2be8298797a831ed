package dev.helpdesk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal SMTP client that hands a message's exact bytes to a server and returns its exact reply
 * codes, which Jakarta Mail's Transport hides behind exceptions (and it would replace the
 * Message-ID and re-encode the body).
 */
public final class SmtpClient {
  private SmtpClient() {}

  /** Sends {@code raw} from {@code from} to {@code to}; returns the final reply line. */
  public static String send(int port, String from, String to, byte[] raw) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      expect(in, "220");
      command(out, "EHLO client.example");
      expect(in, "250");
      command(out, "MAIL FROM:<" + from + ">");
      expect(in, "250");
      command(out, "RCPT TO:<" + to + ">");
      String rcpt = reply(in);
      if (!rcpt.startsWith("250")) {
        command(out, "QUIT");
        return rcpt;
      }
      command(out, "DATA");
      expect(in, "354");
      out.write(dotStuffed(raw));
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String result = reply(in);
      command(out, "QUIT");
      return result;
    }
  }

  private static byte[] dotStuffed(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      sb.append(line.startsWith(".") ? "." + line : line).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void command(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String line = reply(in);
    if (!line.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + line);
    }
  }

  /** The last line of a (possibly multi-line) reply. */
  private static String reply(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }
}
