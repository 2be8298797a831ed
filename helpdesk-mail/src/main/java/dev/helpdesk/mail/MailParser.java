package dev.helpdesk.mail;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.helpdesk.domain.Limits;
import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedFileInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Parses a spooled raw message lazily from its file (SharedFileInputStream), so a 50 MB message
 * needs a few MB of heap: parts stay file offsets until someone streams them.
 */
final class MailParser {
  /** Larger header blocks are abuse, not mail; Angus would hold them in memory. */
  static final int HEADER_MAX = 1024 * 1024;

  static final int MAX_THREAD_IDS = 100;
  private static final int MAX_PARTS = 500;
  private static final int MAX_DEPTH = 20;
  private static final int MAX_RECIPIENTS = 500;
  private static final int TEXT_BYTES_MAX = Limits.BODY_MAX * 4;
  private static final int HTML_BYTES_MAX = 2 * 1024 * 1024;
  private static final int REPORT_BYTES_MAX = 256 * 1024;
  private static final String NO_SUBJECT = "(no subject)";
  private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
  private static final String QUOTE_CONTAINERS =
      "blockquote[type=cite], div.gmail_quote, div#divRplyFwdMsg, div#appendonsend,"
          + " div.moz-cite-prefix, div.yahoo_quoted, blockquote.gmail_quote";

  private final Session session;

  MailParser() {
    Properties props = new Properties();
    props.setProperty("mail.mime.address.strict", "false");
    this.session = Session.getInstance(props);
  }

  /** The caller keeps the returned ParsedMail open while it streams attachments, then closes it. */
  ParsedMail parse(Path rawFile) throws MalformedMailException {
    checkNotNull(rawFile, "rawFile is null");
    long size;
    try {
      size = Files.size(rawFile);
    } catch (IOException e) {
      throw new MalformedMailException("cannot read " + rawFile + ": " + e, e);
    }
    return parse(
        size,
        () -> Files.newInputStream(rawFile),
        () -> new SharedFileInputStream(rawFile.toFile()));
  }

  /** {@link #parse(Path)} of a spooled message, wherever the spool keeps it. */
  ParsedMail parse(Spool spool) throws MalformedMailException {
    checkNotNull(spool, "spool is null");
    return parse(spool.size(), spool::open, spool::shared);
  }

  /** Opens one view of the raw bytes. */
  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * @param sequential the raw bytes from the start, read once for the header check
   * @param shared the raw bytes as a {@link jakarta.mail.internet.SharedInputStream}, so that parts
   *     stay offsets until someone streams them
   */
  private ParsedMail parse(long size, Opener sequential, Opener shared)
      throws MalformedMailException {
    try (InputStream in = sequential.open()) {
      checkHeaderBlock(in, size);
    } catch (IOException e) {
      throw new MalformedMailException("cannot read the message: " + e, e);
    }
    List<Closeable> open = Collections.synchronizedList(new ArrayList<>());
    try {
      InputStream source = shared.open();
      open.add(source);
      TrackedMessage message = new TrackedMessage(session, source);
      open.add(message.content());
      if (!hasAnyHeader(message)) {
        throw new MalformedMailException("no header fields in " + size + " bytes");
      }
      return build(message, open, size);
    } catch (MalformedMailException e) {
      closeAll(open);
      throw e;
    } catch (IOException | MessagingException | RuntimeException e) {
      closeAll(open);
      throw new MalformedMailException("unparseable message (" + e + ")", e);
    }
  }

  private static void closeAll(List<Closeable> open) {
    for (Closeable c : open) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException e) {
        // nothing to recover: the parse already failed
      }
    }
  }

  private static void checkHeaderBlock(InputStream raw, long size)
      throws IOException, MalformedMailException {
    if (size == 0) {
      throw new MalformedMailException("empty file");
    }
    try (InputStream in = new BufferedInputStream(raw, 64 * 1024)) {
      int previous = -1;
      int beforePrevious = -1;
      for (long i = 0; ; i++) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        if (c == '\n' && (previous == '\n' || previous == '\r' && beforePrevious == '\n')) {
          return;
        }
        if (i >= HEADER_MAX) {
          throw new MalformedMailException(
              "header block larger than " + HEADER_MAX + " bytes (file of " + size + " bytes)");
        }
        beforePrevious = previous;
        previous = c;
      }
    }
  }

  private static boolean hasAnyHeader(MimeMessage message) throws MessagingException {
    return message.getAllHeaderLines().hasMoreElements();
  }

  private ParsedMail build(TrackedMessage message, List<Closeable> open, long size) {
    Walk walk = new Walk(open);
    try {
      walk.part(message, 0);
    } catch (RuntimeException e) {
      // keep whatever the walk found before the damage
    }
    String html = String.join("\n", walk.html);
    String text;
    boolean fromHtml = false;
    String plain = String.join("\n\n", walk.plain).strip();
    if (!plain.isEmpty() || html.isBlank()) {
      text = plain;
    } else {
      text = safely(() -> MailText.htmlToText(html), "");
      fromHtml = true;
    }
    text = HeaderText.cut(text.replace("\r\n", "\n").replace('\r', '\n'), Limits.BODY_MAX);
    String reply = "";
    if (fromHtml) {
      reply = safely(() -> ReplyStripper.newPart(htmlWithoutQuotes(html)), "");
    }
    if (reply.isBlank()) {
      final String t = text;
      reply = safely(() -> ReplyStripper.newPart(t), "");
    }
    if (reply.isBlank()) {
      reply = text;
    }
    Optional<String> safeHtml =
        html.isBlank() ? Optional.empty() : Optional.of(safely(() -> MailText.sanitize(html), ""));

    Optional<String> hint = walk.charset;
    Optional<InternetAddress> from = firstAddress(message, "From", hint);
    if (from.isEmpty()) {
      from = firstAddress(message, "Sender", hint);
    }
    return new ParsedMail(
        message,
        open,
        size,
        first(message, "Message-ID").flatMap(HeaderText::messageId),
        threadIds(message),
        from.map(HeaderText::address),
        from.map(a -> safely(() -> HeaderText.personal(a), "")).orElse(""),
        returnPath(message),
        recipients(message, hint),
        subject(message, hint),
        text,
        HeaderText.cut(reply, Limits.BODY_MAX),
        safeHtml,
        walk.attachments,
        walk.bounce);
  }

  private static String htmlWithoutQuotes(String html) {
    Document doc = Jsoup.parse(html);
    doc.select(QUOTE_CONTAINERS).remove();
    return MailText.documentToText(doc);
  }

  /** A computation that may throw anything; the parser degrades instead of failing. */
  private interface Fallible<T> {
    T get() throws Exception;
  }

  private static <T> T safely(Fallible<T> f, T fallback) {
    try {
      T v = f.get();
      return v == null ? fallback : v;
    } catch (Exception | StackOverflowError e) {
      return fallback;
    }
  }

  private static String[] headers(MimeMessage m, String name) {
    String[] v = safely(() -> m.getHeader(name), null);
    return v == null ? new String[0] : v;
  }

  private static Optional<String> first(MimeMessage m, String name) {
    String[] v = headers(m, name);
    return v.length == 0 ? Optional.empty() : Optional.of(v[0]);
  }

  private static Optional<InternetAddress> firstAddress(
      MimeMessage m, String name, Optional<String> hint) {
    for (String raw : headers(m, name)) {
      List<InternetAddress> a = safely(() -> HeaderText.addresses(raw, hint), List.of());
      if (!a.isEmpty()) {
        return Optional.of(a.get(0));
      }
    }
    return Optional.empty();
  }

  private static List<String> threadIds(MimeMessage m) {
    Set<String> ids = new LinkedHashSet<>();
    for (String raw : headers(m, "In-Reply-To")) {
      ids.addAll(HeaderText.ids(raw));
    }
    for (String raw : headers(m, "References")) {
      List<String> refs = HeaderText.ids(raw);
      // the newest reference is last; it is the likeliest to name our own notification
      for (int i = refs.size() - 1; i >= 0 && ids.size() < MAX_THREAD_IDS; i--) {
        ids.add(refs.get(i));
      }
    }
    return ids.stream().limit(MAX_THREAD_IDS).toList();
  }

  private static Optional<String> returnPath(MimeMessage m) {
    Optional<String> raw = first(m, "Return-Path");
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String v = HeaderText.unfold(raw.get()).strip();
    if (v.isEmpty() || v.replaceAll("[<>\\s]", "").isEmpty()) {
      return Optional.of("");
    }
    List<InternetAddress> a = safely(() -> HeaderText.addresses(v), List.of());
    if (!a.isEmpty()) {
      return Optional.of(HeaderText.address(a.get(0)));
    }
    return Optional.of(v.replaceAll("[<>\\s]", "").toLowerCase(Locale.ROOT));
  }

  private static List<String> recipients(MimeMessage m, Optional<String> hint) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : List.of("Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc")) {
      for (String raw : headers(m, name)) {
        for (InternetAddress a :
            safely(() -> HeaderText.addresses(raw, hint), List.<InternetAddress>of())) {
          if (out.size() < MAX_RECIPIENTS) {
            out.add(HeaderText.address(a));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String subject(MimeMessage m, Optional<String> hint) {
    String s =
        first(m, "Subject")
            .map(raw -> safely(() -> HeaderText.clean(HeaderText.text(raw, hint)), ""))
            .orElse("");
    s = HeaderText.cut(s, Limits.SUBJECT_MAX).strip();
    return s.isEmpty() ? NO_SUBJECT : s;
  }

  static String baseType(Part part) {
    String raw = safely(part::getContentType, "text/plain");
    try {
      return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
    } catch (Exception e) {
      String t = raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return t.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? t : "text/plain";
    }
  }

  private static Optional<String> parameter(Part part, String name) {
    String raw = safely(part::getContentType, "");
    try {
      return Optional.ofNullable(new ContentType(raw).getParameter(name));
    } catch (Exception e) {
      if (name.equals("charset")) {
        Matcher m = CHARSET.matcher(raw);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
      }
      return Optional.empty();
    }
  }

  static InputStream rawStream(Part part) throws MessagingException, IOException {
    if (part instanceof MimeBodyPart p) {
      return p.getRawInputStream();
    } else if (part instanceof MimeMessage m) {
      return m.getRawInputStream();
    }
    return part.getInputStream();
  }

  static InputStream decodedStream(Part part) throws IOException {
    try {
      String encoding = safely(() -> ((jakarta.mail.internet.MimePart) part).getEncoding(), null);
      return LenientDecoding.decode(rawStream(part), encoding);
    } catch (MessagingException | RuntimeException e) {
      throw new IOException("cannot open part: " + e, e);
    }
  }

  private static byte[] readPart(Part part, int cap) {
    try (InputStream in = decodedStream(part)) {
      byte[] bytes = LenientDecoding.readCapped(in, cap + 1);
      if (bytes.length <= cap) {
        return bytes;
      }
      // cut at a line end so a multi-byte character is not split and mistaken for another charset
      int end = cap;
      for (int i = cap - 1; i > cap - 4096 && i > 0; i--) {
        if (bytes[i] == '\n') {
          end = i + 1;
          break;
        }
      }
      return java.util.Arrays.copyOf(bytes, end);
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }

  private static String readText(Part part, int cap) {
    byte[] bytes = readPart(part, cap);
    return MailText.decode(bytes, parameter(part, "charset"));
  }

  private static String fileName(Part part) {
    String name = safely(part::getFileName, null);
    if (name == null) {
      return null;
    }
    String decoded = HeaderText.decodeWords(HeaderText.recover8bit(HeaderText.unfold(name)));
    return decoded.isBlank() ? null : decoded;
  }

  /** The part walk; collects body texts, attachments and the bounce report. */
  private final class Walk {
    final List<Closeable> open;
    final List<String> plain = new ArrayList<>();
    final List<String> html = new ArrayList<>();
    final List<MailAttachment> attachments = new ArrayList<>();
    Optional<Bounce> bounce = Optional.empty();
    Optional<String> charset = Optional.empty();
    int parts;

    Walk(List<Closeable> open) {
      this.open = open;
    }

    void part(Part part, int depth) {
      if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
        return;
      }
      String type = baseType(part);
      if (type.startsWith("multipart/")) {
        multipart(part, type, depth);
      } else {
        leaf(part, type);
      }
    }

    private void multipart(Part part, String type, int depth) {
      int count;
      TrackedMultipart mp;
      try {
        mp = new TrackedMultipart(new RawDataSource(part), open);
        count = mp.getCount();
      } catch (MessagingException | RuntimeException e) {
        // no usable boundary: what is left is most likely the text someone wrote
        plain.add(readText(part, TEXT_BYTES_MAX));
        return;
      }
      if (type.equals("multipart/report")
          && parameter(part, "report-type").orElse("").equalsIgnoreCase("delivery-status")) {
        bounce =
            Optional.of(safely(() -> bounce(mp, count), new Bounce(List.of(), "", "", List.of())));
      }
      for (int i = 0; i < count; i++) {
        BodyPart child;
        try {
          child = mp.getBodyPart(i);
        } catch (MessagingException | RuntimeException e) {
          continue;
        }
        part(child, depth + 1);
      }
    }

    private void leaf(Part part, String type) {
      String disposition = safely(part::getDisposition, null);
      String name = fileName(part);
      boolean attachment = "attachment".equalsIgnoreCase(disposition) || name != null;
      switch (type) {
        case "message/rfc822", "message/global" -> {
          String n = name == null ? nestedSubject(part).orElse("message") : name;
          attach(part, n.toLowerCase(Locale.ROOT).endsWith(".eml") ? n : n + ".eml", type);
        }
        case "text/calendar" -> attach(part, name == null ? "invite.ics" : name, type);
        case "application/ms-tnef", "application/vnd.ms-tnef" ->
            attach(part, name == null ? "winmail.dat" : name, type);
        case "message/delivery-status",
            "message/global-delivery-status",
            "text/rfc822-headers",
            "message/rfc822-headers",
            "message/global-headers" -> {
          if (attachment) {
            attach(part, name, type);
          }
        }
        default -> {
          if (attachment) {
            attach(part, name, type);
          } else if (type.startsWith("text/")) {
            if (charset.isEmpty()) {
              charset = parameter(part, "charset");
            }
            if (type.equals("text/html")) {
              html.add(readText(part, HTML_BYTES_MAX));
            } else {
              plain.add(readText(part, TEXT_BYTES_MAX));
            }
          } else {
            // an unnamed inline part (e.g. an image in multipart/related) is still content
            attach(part, unnamed(type), type);
          }
        }
      }
    }

    /** A forwarded message is best named after its subject, as mail clients do. */
    private Optional<String> nestedSubject(Part part) {
      return safely(
          () -> {
            InternetHeaders h =
                new InternetHeaders(new ByteArrayInputStream(readPart(part, REPORT_BYTES_MAX)));
            String[] subject = h.getHeader("Subject");
            if (subject == null || subject.length == 0) {
              return Optional.<String>empty();
            }
            String s = HeaderText.clean(HeaderText.text(subject[0]));
            // a slash in a subject is punctuation, not a directory
            s = s.replace('/', '_').replace('\\', '_');
            return s.isEmpty() ? Optional.<String>empty() : Optional.of(HeaderText.cut(s, 150));
          },
          Optional.<String>empty());
    }

    private String unnamed(String type) {
      String sub = type.substring(type.indexOf('/') + 1);
      return sub.matches("[a-z0-9]{1,5}") ? "attachment." + sub : AttachmentNames.FALLBACK;
    }

    private void attach(Part part, String rawName, String type) {
      String name = AttachmentNames.safeName(rawName);
      attachments.add(
          new MailAttachment(
              name,
              type,
              AttachmentNames.downloadOnly(type, name),
              () -> {
                InputStream in = decodedStream(part);
                return in;
              }));
    }

    private Bounce bounce(MimeMultipart report, int count) throws Exception {
      List<String> failed = new ArrayList<>();
      String status = "";
      String diagnostic = "";
      List<String> original = List.of();
      for (int i = 0; i < count; i++) {
        BodyPart p = report.getBodyPart(i);
        String type = baseType(p);
        if (type.equals("message/delivery-status")
            || type.equals("message/global-delivery-status")) {
          DeliveryStatus ds =
              new DeliveryStatus(new ByteArrayInputStream(readPart(p, REPORT_BYTES_MAX)));
          String firstStatus = "";
          String firstDiagnostic = "";
          for (int r = 0; r < ds.getRecipientDSNCount(); r++) {
            InternetHeaders h = ds.getRecipientDSN(r);
            String action = value(h, "Action").toLowerCase(Locale.ROOT);
            String st = value(h, "Status");
            String diag =
                value(h, "Diagnostic-Code").replaceFirst("^(?i)(smtp|x-[a-z-]+)\\s*;\\s*", "");
            if (firstStatus.isEmpty()) {
              firstStatus = st;
              firstDiagnostic = diag;
            }
            if (action.startsWith("failed") || action.isEmpty() && st.startsWith("5")) {
              String who = value(h, "Final-Recipient");
              if (who.isEmpty()) {
                who = value(h, "Original-Recipient");
              }
              who = who.substring(who.indexOf(';') + 1).strip().replaceAll("[<>]", "");
              if (!who.isEmpty()) {
                failed.add(who.toLowerCase(Locale.ROOT));
              }
              if (status.isEmpty()) {
                status = st;
                diagnostic = diag;
              }
            }
          }
          if (status.isEmpty()) {
            status = firstStatus;
            diagnostic = firstDiagnostic;
          }
        } else if (type.equals("text/rfc822-headers")
            || type.equals("message/rfc822-headers")
            || type.equals("message/global-headers")
            || type.equals("message/rfc822")) {
          InternetHeaders h =
              new InternetHeaders(new ByteArrayInputStream(readPart(p, REPORT_BYTES_MAX)));
          Set<String> ids = new LinkedHashSet<>();
          String[] mid = h.getHeader("Message-ID");
          if (mid != null && mid.length > 0) {
            HeaderText.messageId(mid[0]).ifPresent(ids::add);
          }
          String[] refs = h.getHeader("References");
          if (refs != null) {
            for (String r : refs) {
              List<String> list = HeaderText.ids(r);
              for (int k = list.size() - 1; k >= 0; k--) {
                ids.add(list.get(k));
              }
            }
          }
          original = ids.stream().limit(MAX_THREAD_IDS).toList();
        }
      }
      return new Bounce(
          failed,
          HeaderText.clean(status),
          HeaderText.cut(HeaderText.clean(diagnostic), 1000),
          original);
    }
  }

  private static String value(InternetHeaders h, String name) {
    String[] v = h.getHeader(name);
    return v == null || v.length == 0 ? "" : HeaderText.unfold(v[0]).strip();
  }

  /** Hands a part's still-encoded bytes to MimeMultipart, which needs the shared file stream. */
  private static final class RawDataSource implements DataSource {
    private final Part part;

    RawDataSource(Part part) {
      this.part = part;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      try {
        return rawStream(part);
      } catch (MessagingException e) {
        throw new IOException("cannot open part: " + e, e);
      }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      throw new IOException("read-only part");
    }

    @Override
    public String getContentType() {
      return safely(part::getContentType, "multipart/mixed");
    }

    @Override
    public String getName() {
      return "part";
    }
  }

  /** Remembers the file substreams Angus opens so that close() can release the file. */
  private static final class TrackedMessage extends MimeMessage {
    TrackedMessage(Session session, InputStream in) throws MessagingException {
      super(session, in);
    }

    InputStream content() {
      return contentStream;
    }
  }

  /** Remembers its parts' file substreams, for the same reason as TrackedMessage. */
  private static final class TrackedMultipart extends MimeMultipart {
    private final List<Closeable> open;

    TrackedMultipart(DataSource ds, List<Closeable> open) throws MessagingException {
      super(ds);
      this.open = open;
    }

    @Override
    protected MimeBodyPart createMimeBodyPart(InputStream is) throws MessagingException {
      open.add(is);
      TrackedPart p = new TrackedPart(is);
      open.add(p.content());
      return p;
    }
  }

  /** Exposes the part's content substream so it can be closed. */
  private static final class TrackedPart extends MimeBodyPart {
    TrackedPart(InputStream is) throws MessagingException {
      super(is);
    }

    InputStream content() {
      return contentStream;
    }
  }
}
