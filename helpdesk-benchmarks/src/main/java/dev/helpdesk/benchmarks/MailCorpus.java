package dev.helpdesk.benchmarks;

import dev.helpdesk.testing.FakeDirectory;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A deterministic support inbox for {@link MailIntakeHarness}: raw RFC 822 messages written to
 * files, the same bytes for the same seed. About 70% open a conversation (from one of {@link
 * #CUSTOMERS} known customers, or one in ten from an unknown sender), about 30% answer an earlier
 * message of the same corpus (same sender, In-Reply-To and References, a quoted "On ... wrote:"
 * block); about 20% are multipart/mixed with a base64 attachment of 5-200 KB. Bodies are English,
 * German, French, Russian or Japanese, in UTF-8 (quoted-printable or base64), ISO-8859-1
 * quoted-printable or KOI8-R 8bit; subjects and display names are RFC 2047 encoded words.
 *
 * <p>Boundaries, dates and Message-IDs are derived from the seed and the message's position, never
 * from the clock, which is why the messages are written by hand instead of by {@code
 * MimeMessage.writeTo}.
 */
final class MailCorpus {
  static final int CUSTOMERS = 300;
  static final String SUPPORT = "support@desk.example";

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Charset KOI8_R = Charset.forName("KOI8-R");

  /** One generated message and what the plain JDBC floor stores of it. */
  record Msg(
      Path file,
      String messageId,
      String from,
      String subject,
      String text,
      int conversation,
      boolean reply,
      boolean attachment,
      long size,
      String sha256) {}

  private enum Lang {
    EN,
    DE,
    FR,
    RU,
    JA
  }

  private static final String[][] SENTENCES = {
    {
      "Since the last update the application does not start any more.",
      "The error message says 'access denied' and nothing else.",
      "Could you please send me the invoice for November again?",
      "Our office printer prints only blank pages since Monday.",
      "I reset the password, but the login still fails.",
      "Thank you in advance for your help.",
      "The export to CSV stops at about half of the rows.",
      "We were charged twice for the same subscription this month."
    },
    {
      "Seit dem letzten Update lässt sich die Anwendung nicht mehr starten.",
      "Die Fehlermeldung lautet »Zugriff verweigert«, sonst nichts.",
      "Könnten Sie mir bitte die Rechnung für November noch einmal schicken?",
      "Unser Drucker im Büro druckt seit Montag nur leere Seiten.",
      "Ich habe das Passwort zurückgesetzt, aber die Anmeldung schlägt weiterhin fehl.",
      "Vielen Dank im Voraus für Ihre Hilfe, schöne Grüße.",
      "Der Export nach CSV bricht nach etwa der Hälfte der Zeilen ab.",
      "Uns wurde das Abonnement in diesem Monat zweimal berechnet."
    },
    {
      "Depuis la mise à jour, l'application ne démarre plus.",
      "Le message d'erreur indique « accès refusé », rien d'autre.",
      "Pourriez-vous m'envoyer à nouveau la facture de novembre, s'il vous plaît ?",
      "Notre imprimante du bureau n'imprime que des pages blanches depuis lundi.",
      "J'ai réinitialisé le mot de passe, mais la connexion échoue toujours.",
      "Merci d'avance pour votre aide, très cordialement.",
      "L'export en CSV s'arrête à peu près à la moitié des lignes.",
      "L'abonnement a été débité deux fois ce mois-ci."
    },
    {
      "После последнего обновления приложение больше не запускается.",
      "Сообщение об ошибке: доступ запрещён, больше ничего.",
      "Пожалуйста, пришлите ещё раз счёт за ноябрь.",
      "Наш офисный принтер с понедельника печатает только пустые страницы.",
      "Я сбросил пароль, но вход всё равно не работает.",
      "Заранее спасибо за помощь, с уважением.",
      "Экспорт в CSV останавливается примерно на половине строк.",
      "В этом месяце за подписку списали деньги дважды."
    },
    {
      "最新のアップデート以降、アプリケーションが起動しなくなりました。",
      "エラーメッセージには「アクセスが拒否されました」とだけ表示されます。",
      "11月の請求書をもう一度送っていただけますか。",
      "オフィスのプリンターが月曜日から白紙しか印刷しません。",
      "パスワードをリセットしましたが、まだログインできません。",
      "どうぞよろしくお願いいたします。",
      "CSVへのエクスポートが半分ほどの行で止まります。",
      "今月、同じサブスクリプションが二重に請求されました。"
    }
  };

  private static final String[][] SUBJECTS = {
    {
      "Application does not start",
      "Invoice for November",
      "Printer prints blank pages",
      "Login fails after password reset",
      "CSV export incomplete",
      "Charged twice"
    },
    {
      "Anwendung startet nicht mehr",
      "Rechnung für November",
      "Drucker druckt leere Seiten",
      "Anmeldung schlägt fehl",
      "CSV-Export unvollständig",
      "Doppelte Abbuchung"
    },
    {
      "L'application ne démarre plus",
      "Facture de novembre",
      "Imprimante : pages blanches",
      "Échec de connexion",
      "Export CSV incomplet",
      "Débit en double"
    },
    {
      "Приложение не запускается",
      "Счёт за ноябрь",
      "Принтер печатает пустые страницы",
      "Не работает вход",
      "Неполный экспорт CSV",
      "Двойное списание"
    },
    {"アプリが起動しません", "11月の請求書について", "プリンターが白紙を印刷します", "ログインできません", "CSVエクスポートが不完全です", "二重請求について"}
  };

  private static final String[][] NAMES = {
    {"John Smith", "Mary Johnson", "Peter Brown", "Linda Wilson", "James Taylor"},
    {"Jürgen Müller", "Sabine Groß", "Jörg Schäfer", "Anke Weiß", "Günther Köhler"},
    {"Hélène Dupré", "François Lefèvre", "Céline Giraud", "Jérôme Bénard", "Noël Garçon"},
    {"Иван Петров", "Ольга Смирнова", "Сергей Кузнецов", "Наталья Попова", "Дмитрий Орлов"},
    {"山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健"}
  };

  private static final String[] DOMAINS = {
    "customer.example", "kunde.example", "client.example", "klient.example", "kokyaku.example"
  };

  private MailCorpus() {}

  /** The directory entries of the corpus's known customers. */
  static void customers(FakeDirectory directory) {
    for (int c = 0; c < CUSTOMERS; c++) {
      directory.customer("c" + c, customerName(c), customerEmail(c));
    }
  }

  private static Lang customerLang(int c) {
    // English 30%, German 20%, French 20%, Russian 20%, Japanese 10%.
    int k = c % 10;
    return k < 3 ? Lang.EN : k < 5 ? Lang.DE : k < 7 ? Lang.FR : k < 9 ? Lang.RU : Lang.JA;
  }

  private static String customerName(int c) {
    String[] names = NAMES[customerLang(c).ordinal()];
    return names[(c / 10) % names.length];
  }

  private static String customerEmail(int c) {
    return "c" + c + "@" + DOMAINS[customerLang(c).ordinal()];
  }

  private record Sender(String name, String email, Lang lang) {}

  /**
   * Writes {@code n} messages into {@code dir} and returns them in delivery order.
   *
   * @param tag part of every Message-ID, so corpora of different tags never collide in one desk
   */
  static List<Msg> generate(Path dir, String tag, long seed, int n) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(seed);
    List<Msg> out = new ArrayList<>(n);
    List<Sender> senders = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(37L * i);
      String id = "<" + tag + "." + i + "." + Long.toHexString(seed) + "@mail.sender.example>";
      boolean reply = i > 10 && r.nextInt(100) < 30;
      Sender sender;
      Msg parent = null;
      String subject;
      if (reply) {
        // Threads stay recent, as in a live inbox: answer one of the last 200 messages.
        int p = i - 1 - r.nextInt(Math.min(200, i));
        parent = out.get(p);
        sender = senders.get(p);
        subject =
            parent.subject().startsWith("Re: ") ? parent.subject() : "Re: " + parent.subject();
      } else {
        if (r.nextInt(10) == 0) {
          int v = r.nextInt(1000);
          sender =
              new Sender(
                  "Visitor " + v, "visitor" + v + "@freemail.example", Lang.values()[r.nextInt(5)]);
        } else {
          int c = r.nextInt(CUSTOMERS);
          sender = new Sender(customerName(c), customerEmail(c), customerLang(c));
        }
        String[] subjects = SUBJECTS[sender.lang().ordinal()];
        subject = subjects[r.nextInt(subjects.length)];
      }
      Lang lang = sender.lang();
      // The body's charset and transfer encoding, by language.
      String charset;
      String cte;
      switch (lang) {
        case DE, FR -> {
          boolean latin1 = r.nextBoolean();
          charset = latin1 ? "ISO-8859-1" : "UTF-8";
          cte = "quoted-printable";
        }
        case RU -> {
          boolean koi = r.nextBoolean();
          charset = koi ? "KOI8-R" : "UTF-8";
          cte = koi ? "8bit" : "base64";
        }
        case JA -> {
          charset = "UTF-8";
          cte = "base64";
        }
        default -> {
          charset = "us-ascii";
          cte = "7bit";
        }
      }
      Charset cs = charsetOf(charset);
      StringBuilder text = new StringBuilder();
      String[] sentences = SENTENCES[lang.ordinal()];
      int paragraphs = 1 + r.nextInt(4);
      for (int p = 0; p < paragraphs; p++) {
        int count = 2 + r.nextInt(4);
        for (int s = 0; s < count; s++) {
          text.append(sentences[r.nextInt(sentences.length)]).append(s + 1 < count ? " " : "");
        }
        text.append("\r\n\r\n");
      }
      text.append(sender.name()).append("\r\n");
      if (parent != null) {
        text.append("\r\nOn ")
            .append(RFC_822.format(at.minusSeconds(3600)))
            .append(", ")
            .append(sender.name())
            .append(" <")
            .append(sender.email())
            .append("> wrote:\r\n");
        for (String line : parent.text().split("\r\n", -1)) {
          text.append("> ").append(line).append("\r\n");
        }
      }
      // What a reader of the bytes gets back (unmappable characters become '?').
      String decoded = new String(text.toString().getBytes(cs), cs);
      boolean attachment = r.nextInt(100) < 20;

      ByteArrayOutputStream raw = new ByteArrayOutputStream(4096);
      StringBuilder h = new StringBuilder();
      h.append("From: ")
          .append(word(sender.name(), "UTF-8", "Q"))
          .append(" <")
          .append(sender.email())
          .append(">\r\n");
      h.append("To: Support <").append(SUPPORT).append(">\r\n");
      h.append("Subject: ")
          .append(
              MimeUtility.fold(
                  9, word(subject, "UTF-8", lang == Lang.EN ? "Q" : r.nextBoolean() ? "Q" : "B")))
          .append("\r\n");
      h.append("Date: ").append(RFC_822.format(at)).append("\r\n");
      h.append("Message-ID: ").append(id).append("\r\n");
      if (parent != null) {
        h.append("In-Reply-To: ").append(parent.messageId()).append("\r\n");
        h.append("References: ").append(parent.messageId()).append("\r\n");
      }
      h.append("MIME-Version: 1.0\r\n");
      String boundary = "=_helpdesk_bench_" + Long.toHexString(seed) + "_" + i;
      if (attachment) {
        h.append("Content-Type: multipart/mixed; boundary=\"")
            .append(boundary)
            .append("\"\r\n\r\n");
        h.append("This is a multi-part message in MIME format.\r\n\r\n--")
            .append(boundary)
            .append("\r\n");
      }
      h.append("Content-Type: text/plain; charset=").append(charset).append("\r\n");
      h.append("Content-Transfer-Encoding: ").append(cte).append("\r\n\r\n");
      raw.write(h.toString().getBytes(StandardCharsets.US_ASCII));
      raw.write(encode(text.toString().getBytes(cs), cte));
      if (attachment) {
        boolean log = r.nextBoolean();
        int size = 5 * 1024 + r.nextInt(195 * 1024);
        byte[] content = log ? logFile(r, size) : pngLike(r, size);
        String name = log ? "server-" + i + ".log" : "screenshot-" + i + ".png";
        String type = log ? "text/plain; charset=us-ascii" : "image/png";
        StringBuilder p = new StringBuilder();
        p.append("\r\n--").append(boundary).append("\r\n");
        p.append("Content-Type: ").append(type).append("; name=\"").append(name).append("\"\r\n");
        p.append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n");
        p.append("Content-Transfer-Encoding: base64\r\n\r\n");
        raw.write(p.toString().getBytes(StandardCharsets.US_ASCII));
        raw.write(encode(content, "base64"));
        raw.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      byte[] bytes = raw.toByteArray();
      Path file = dir.resolve(String.format("%s-%05d.eml", tag, i));
      Files.write(file, bytes);
      out.add(
          new Msg(
              file,
              id,
              sender.email(),
              subject,
              decoded,
              parent == null ? i : parent.conversation(),
              parent != null,
              attachment,
              bytes.length,
              sha256(bytes)));
      senders.add(sender);
    }
    return out;
  }

  /**
   * One message of about {@code bytes} bytes: a short text part and a base64 attachment of random
   * bytes, streamed to {@code file} so the generator's memory stays small too.
   */
  static void large(Path file, long bytes) throws IOException {
    long content = bytes * 57 / 78;
    String boundary = "=_helpdesk_bench_large";
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      String head =
          "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <c3@kunde.example>\r\n"
              + "To: Support <"
              + SUPPORT
              + ">\r\nSubject: =?UTF-8?Q?Speicherabbild_f=C3=BCr_den_Absturz?=\r\n"
              + "Date: "
              + RFC_822.format(T0)
              + "\r\nMessage-ID: <large.1@mail.sender.example>\r\nMIME-Version: 1.0\r\n"
              + "Content-Type: multipart/mixed; boundary=\""
              + boundary
              + "\"\r\n\r\n--"
              + boundary
              + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
              + "Content-Transfer-Encoding: 8bit\r\n\r\n"
              + "Anbei das Speicherabbild des Absturzes von heute Morgen.\r\n\r\n--"
              + boundary
              + "\r\nContent-Type: application/octet-stream; name=\"core.dump\"\r\n"
              + "Content-Disposition: attachment; filename=\"core.dump\"\r\n"
              + "Content-Transfer-Encoding: base64\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.UTF_8));
      Random r = new Random(50);
      // Multiples of 57 bytes per write, so the encoder's lines are the same as for one write.
      byte[] chunk = new byte[57 * 1024];
      OutputStream b64 = MimeUtility.encode(new NonClosing(out), "base64");
      for (long left = content; left > 0; left -= chunk.length) {
        r.nextBytes(chunk);
        b64.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      b64.close();
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    } catch (jakarta.mail.MessagingException e) {
      throw new IOException(e);
    }
  }

  private static Charset charsetOf(String name) {
    return switch (name) {
      case "KOI8-R" -> KOI8_R;
      case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
      case "us-ascii" -> StandardCharsets.US_ASCII;
      default -> StandardCharsets.UTF_8;
    };
  }

  private static String word(String text, String charset, String encoding) {
    try {
      return MimeUtility.encodeText(text, charset, encoding);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(byte[] content, String cte) throws IOException {
    if (cte.equals("7bit") || cte.equals("8bit")) {
      return content;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length * 4 / 3 + 64);
    try (OutputStream enc = MimeUtility.encode(out, cte)) {
      enc.write(content);
    } catch (jakarta.mail.MessagingException e) {
      throw new IOException(e);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
      return (new String(bytes, StandardCharsets.ISO_8859_1) + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
    }
    return bytes;
  }

  private static byte[] logFile(Random r, int size) {
    StringBuilder b = new StringBuilder(size + 200);
    String[] levels = {"INFO ", "INFO ", "INFO ", "WARN ", "ERROR"};
    String[] what = {
      "request served in 12 ms", "connection pool at 7/8", "retrying upload, attempt 2",
      "cache miss for key session:4711", "java.io.IOException: Broken pipe", "GC pause 41 ms"
    };
    for (long t = 1_700_000_000_000L; b.length() < size; t += r.nextInt(5000)) {
      b.append(Instant.ofEpochMilli(t))
          .append(' ')
          .append(levels[r.nextInt(levels.length)])
          .append(" [worker-")
          .append(r.nextInt(16))
          .append("] ")
          .append(what[r.nextInt(what.length)])
          .append("\r\n");
    }
    return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] pngLike(Random r, int size) {
    byte[] b = new byte[size];
    r.nextBytes(b);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(signature, 0, b, 0, signature.length);
    return b;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets the base64 encoder flush its last line without closing the file under it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
