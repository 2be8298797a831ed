package dev.helpdesk.examples.cli;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.mail.MailServer;
import dev.helpdesk.mail.Mailbox;
import dev.helpdesk.mail.SmtpSettings;
import dev.helpdesk.sla.SlaPolicies;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaTargets;
import dev.helpdesk.sla.SupportHours;
import dev.helpdesk.sla.TimeRange;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.testing.FakeDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The desk's configuration: the embedded defaults (one department "support" behind
 * support@localhost, unknown senders open unverified tickets), or a Java properties file. The file
 * is read line by line, not with {@link java.util.Properties}, so that every error names the bad
 * key and its line; an administrator editing it at 3 a.m. needs both.
 *
 * <p>Keys: {@code department.ID.name}, {@code mailbox.ADDRESS=DEPARTMENT}, {@code
 * mailbox.ADDRESS.unknown-senders=open|refuse}, {@code agent.ID=Name,tier,dept+dept}, {@code
 * customer.ID=Name,email[,plan]}, {@code plan.ID=Name,email+web,price cents,EUR}, {@code
 * plan.ID.sla[.PRIORITY]=FIRST,NEXT,RESOLUTION}, {@code hours.zone|mon..sun|holidays}, {@code
 * smtp.host|port|security|user|password|from}, {@code
 * imap.protocol|host|port|user|password|folder|poll-seconds}, {@code directory.command}, {@code
 * secret}, {@code db.url|user| password}.
 */
public final class CliConfig {
  /** The department of the embedded defaults. */
  public static final String DEFAULT_DEPARTMENT = "support";

  /** The mailbox of the embedded defaults. */
  public static final String DEFAULT_MAILBOX = "support@localhost";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> SMTP_KEYS =
      Set.of("host", "port", "security", "user", "password", "from");
  private static final Set<String> IMAP_KEYS =
      Set.of("protocol", "host", "port", "user", "password", "folder", "poll-seconds");
  private static final Set<String> DB_KEYS = Set.of("url", "user", "password");
  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon", DayOfWeek.MONDAY,
          "tue", DayOfWeek.TUESDAY,
          "wed", DayOfWeek.WEDNESDAY,
          "thu", DayOfWeek.THURSDAY,
          "fri", DayOfWeek.FRIDAY,
          "sat", DayOfWeek.SATURDAY,
          "sun", DayOfWeek.SUNDAY);

  private final FakeDirectory directory = new FakeDirectory();
  private final Map<String, String> departments = new LinkedHashMap<>();
  private final List<Mailbox> mailboxes = new ArrayList<>();
  private final Map<String, String> agentEmails = new LinkedHashMap<>();
  private SmtpSettings smtp = SmtpSettings.of("127.0.0.1", 25).withTimeouts(Duration.ofSeconds(10));
  private Optional<String> smtpFrom = Optional.empty();
  private Optional<MailServer> imap = Optional.empty();
  private Duration imapPeriod = Duration.ofMinutes(1);
  private Optional<byte[]> secret = Optional.empty();
  private final Map<String, String> db = new LinkedHashMap<>();
  private SupportHours hours = SupportHours.always();
  private final Set<String> plans = new java.util.HashSet<>();
  private List<String> directoryCommand = List.of();
  private Directory resolved = directory;
  private final List<SlaPolicy> planPolicies = new ArrayList<>();

  private CliConfig() {}

  /** The embedded defaults, for a desk run without {@code --config}. */
  public static CliConfig defaults() {
    CliConfig c = new CliConfig();
    c.finish();
    return c;
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws CliException (exit 78) naming the file, line and key of the first error
   */
  public static CliConfig load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.config("cannot read the config file " + file + ": " + e.getMessage());
    }
    CliConfig c = new CliConfig();
    List<Entry> entries = entries(file, lines);
    // Departments first, so a mailbox or agent may name one defined further down.
    List<Entry> slaEntries = new ArrayList<>();
    for (Entry e : entries) {
      if (e.key.startsWith("department.")) {
        c.department(e);
      } else if (e.key.startsWith("plan.") && e.key.contains(".sla")) {
        slaEntries.add(e);
      } else if (e.key.startsWith("plan.")) {
        c.plan(e);
      }
    }
    Map<String, Entry> hourEntries = new LinkedHashMap<>();
    Map<String, Entry> imapEntries = new LinkedHashMap<>();
    Map<String, Entry> smtpEntries = new LinkedHashMap<>();
    Map<String, Entry> policies = new LinkedHashMap<>();
    for (Entry e : entries) {
      String k = e.key;
      if (k.startsWith("department.") || k.startsWith("plan.")) {
        continue;
      } else if (k.startsWith("hours.")) {
        hourEntries.put(k.substring("hours.".length()), e);
      } else if (k.startsWith("mailbox.") && k.endsWith(".unknown-senders")) {
        policies.put(k.substring("mailbox.".length(), k.length() - ".unknown-senders".length()), e);
      } else if (k.startsWith("mailbox.")) {
        c.mailbox(e);
      } else if (k.startsWith("agent.")) {
        c.agent(e);
      } else if (k.startsWith("customer.")) {
        c.customer(e);
      } else if (k.startsWith("smtp.") && SMTP_KEYS.contains(k.substring(5))) {
        smtpEntries.put(k.substring(5), e);
      } else if (k.startsWith("imap.") && IMAP_KEYS.contains(k.substring(5))) {
        imapEntries.put(k.substring(5), e);
      } else if (k.startsWith("db.") && DB_KEYS.contains(k.substring(3))) {
        c.db.put(k.substring(3), e.value);
      } else if (k.equals("directory.command")) {
        if (e.value.isBlank()) {
          throw e.error("name the program that looks customers up");
        }
        c.directoryCommand = List.of(e.value.strip().split("\\s+"));
      } else if (k.equals("secret")) {
        if (e.value.getBytes(StandardCharsets.UTF_8).length < 16) {
          throw e.error("the secret must be at least 16 bytes long");
        }
        c.secret = Optional.of(e.value.getBytes(StandardCharsets.UTF_8));
      } else {
        throw e.error("unknown key");
      }
    }
    for (Map.Entry<String, Entry> p : policies.entrySet()) {
      c.policy(p.getKey(), p.getValue());
    }
    c.smtp(smtpEntries);
    c.imap(imapEntries);
    c.hours(hourEntries);
    for (Entry e : slaEntries) {
      c.planTargets(e);
    }
    c.finish();
    return c;
  }

  /**
   * {@code plan.ID.sla=FIRST,NEXT,RESOLUTION} (every priority) or {@code plan.ID.sla.PRIORITY=...}:
   * the targets the plan's customers bought, as {@code 15m}, {@code 4h}, {@code 3d} or ISO-8601
   * ({@code PT15M}); a resolution of {@code -} promises none. Within the plan, a priority's line
   * outranks the plan's; tickets of customers without such a line keep the default targets.
   */
  private void planTargets(Entry e) {
    String rest = e.key.substring("plan.".length());
    int sla = rest.indexOf(".sla");
    String plan = rest.substring(0, sla);
    String after = rest.substring(sla + ".sla".length());
    if (!plans.contains(plan)) {
      throw e.error("unknown plan '" + plan + "' (define plan." + plan + ")");
    }
    Optional<Priority> priority;
    if (after.isEmpty()) {
      priority = Optional.empty();
    } else if (after.startsWith(".")) {
      try {
        priority = Optional.of(Priority.valueOf(after.substring(1).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException bad) {
        throw e.error(
            "unknown priority '"
                + after.substring(1)
                + "'; one of "
                + java.util.Arrays.toString(Priority.values()).toLowerCase(Locale.ROOT));
      }
    } else {
      throw e.error("expected plan." + plan + ".sla or plan." + plan + ".sla.PRIORITY");
    }
    String[] parts = e.value.split(",", -1);
    if (parts.length != 3) {
      throw e.error(
          "expected first response,next response,resolution (e.g. 1h,2h,1d), got '"
              + e.value
              + "'");
    }
    SlaTargets targets;
    try {
      Duration first = duration(e, parts[0]);
      Duration next = duration(e, parts[1]);
      Optional<Duration> resolution =
          parts[2].strip().equals("-") ? Optional.empty() : Optional.of(duration(e, parts[2]));
      targets = new SlaTargets(first, next, resolution);
    } catch (IllegalArgumentException bad) {
      throw e.error(bad.getMessage());
    }
    String name =
        "plan-" + plan + priority.map(p -> "-" + p.name().toLowerCase(Locale.ROOT)).orElse("");
    planPolicies.add(
        new SlaPolicy(
            name,
            Optional.empty(),
            priority,
            Optional.of(PlanId.of(plan)),
            targets,
            0.75,
            false,
            hours));
  }

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([mhd])");

  private static Duration duration(Entry e, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    java.util.regex.Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException bad) {
      throw e.error("expected a duration such as 15m, 4h, 3d or PT15M, got '" + text.strip() + "'");
    }
  }

  private void department(Entry e) {
    String rest = e.key.substring("department.".length());
    if (!rest.endsWith(".name")) {
      throw e.error("expected department.ID.name");
    }
    String id = rest.substring(0, rest.length() - ".name".length());
    requireId(e, id, "department id");
    if (e.value.isEmpty()) {
      throw e.error("the department needs a name");
    }
    departments.put(id, e.value);
    directory.department(id, e.value);
  }

  private void mailbox(Entry e) {
    String address = e.key.substring("mailbox.".length());
    String dept = e.value;
    if (!departments.containsKey(dept)) {
      throw e.error("unknown department '" + dept + "' (define department." + dept + ".name)");
    }
    try {
      Mailbox m = Mailbox.of(address, DepartmentId.of(dept));
      if (mailboxes.stream().anyMatch(b -> b.address().equals(m.address()))) {
        throw e.error("mailbox configured twice");
      }
      mailboxes.add(m);
    } catch (IllegalArgumentException bad) {
      throw e.error(bad.getMessage());
    }
  }

  private void policy(String address, Entry e) {
    Mailbox.UnknownSenders policy =
        switch (e.value.toLowerCase(Locale.ROOT)) {
          case "open" -> Mailbox.UnknownSenders.OPEN_TICKET;
          case "refuse" -> Mailbox.UnknownSenders.REFUSE;
          default -> throw e.error("expected open or refuse, got '" + e.value + "'");
        };
    String wanted = address.toLowerCase(Locale.ROOT);
    for (int i = 0; i < mailboxes.size(); i++) {
      if (mailboxes.get(i).address().equals(wanted)) {
        mailboxes.set(i, mailboxes.get(i).withUnknownSenders(policy));
        return;
      }
    }
    throw e.error("no mailbox." + address + " is configured");
  }

  private void agent(Entry e) {
    String id = e.key.substring("agent.".length());
    requireId(e, id, "agent id");
    String[] parts = e.value.split(",", -1);
    if (parts.length != 3) {
      throw e.error("expected Name,tier,department+department, got '" + e.value + "'");
    }
    int tier;
    try {
      tier = Integer.parseInt(parts[1].strip());
    } catch (NumberFormatException bad) {
      throw e.error("the tier must be a number, got '" + parts[1].strip() + "'");
    }
    if (tier < 1 || tier > 9) {
      throw e.error("the tier must be 1-9, got " + tier);
    }
    String[] depts = parts[2].strip().split("\\+");
    for (String d : depts) {
      if (!departments.containsKey(d)) {
        throw e.error("unknown department '" + d + "'");
      }
    }
    directory.agent(id, parts[0].strip(), tier, depts);
    agentEmails.put(id + "@staff.example", id);
  }

  private void customer(Entry e) {
    String id = e.key.substring("customer.".length());
    requireId(e, id, "customer id");
    String[] parts = e.value.split(",", -1);
    if (parts.length < 2 || parts.length > 3 || !parts[1].strip().matches("[^@\\s]+@[^@\\s]+")) {
      throw e.error("expected Name,email@example.com[,plan], got '" + e.value + "'");
    }
    PlanId plan = FakeDirectory.STANDARD;
    if (parts.length == 3) {
      if (!plans.contains(parts[2].strip())) {
        throw e.error(
            "unknown plan '" + parts[2].strip() + "' (define plan." + parts[2].strip() + ")");
      }
      plan = PlanId.of(parts[2].strip());
    }
    directory.customer(
        new CustomerProfile(
            CustomerId.of(id), parts[0].strip(), parts[1].strip(), Optional.empty(), false, plan));
  }

  /** {@code plan.ID=Name,channel+channel,monthly price in minor units,currency}. */
  private void plan(Entry e) {
    String id = e.key.substring("plan.".length());
    requireId(e, id, "plan id");
    String[] parts = e.value.split(",", -1);
    if (parts.length != 4) {
      throw e.error("expected Name,email+web+phone,price in cents,EUR, got '" + e.value + "'");
    }
    Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
    for (String ch : parts[1].strip().split("\\+")) {
      try {
        channels.add(Channel.valueOf(ch.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException bad) {
        throw e.error(
            "unknown channel '" + ch + "'; one of " + java.util.Arrays.toString(Channel.values()));
      }
    }
    long price;
    java.util.Currency currency;
    try {
      price = Long.parseLong(parts[2].strip());
      currency = java.util.Currency.getInstance(parts[3].strip());
    } catch (IllegalArgumentException bad) {
      throw e.error("expected a price in cents and a currency code, got '" + e.value + "'");
    }
    try {
      directory.plan(new Plan(PlanId.of(id), parts[0].strip(), channels, price, currency));
    } catch (IllegalArgumentException bad) {
      throw e.error(bad.getMessage());
    }
    plans.add(id);
  }

  /**
   * {@code hours.zone=Europe/Berlin}, {@code hours.mon=09:00-17:00} (one key per open day, ranges
   * separated by '+'), {@code hours.holidays=2026-12-25,2026-12-26}. Without hours.* keys support
   * runs around the clock.
   */
  private void hours(Map<String, Entry> h) {
    if (h.isEmpty()) {
      return;
    }
    Entry any = h.values().iterator().next();
    ZoneId zone = ZoneId.of("UTC");
    Map<DayOfWeek, List<TimeRange>> weekly = new java.util.EnumMap<>(DayOfWeek.class);
    Set<LocalDate> holidays = new java.util.HashSet<>();
    for (Map.Entry<String, Entry> me : h.entrySet()) {
      Entry e = me.getValue();
      String k = me.getKey();
      if (k.equals("zone")) {
        try {
          zone = ZoneId.of(e.value);
        } catch (java.time.DateTimeException bad) {
          throw e.error("unknown time zone '" + e.value + "'");
        }
      } else if (k.equals("holidays")) {
        for (String d : e.value.split(",")) {
          try {
            holidays.add(LocalDate.parse(d.strip()));
          } catch (java.time.format.DateTimeParseException bad) {
            throw e.error("holidays are YYYY-MM-DD dates, got '" + d.strip() + "'");
          }
        }
      } else if (DAYS.containsKey(k)) {
        List<TimeRange> ranges = new ArrayList<>();
        for (String r : e.value.split("\\+")) {
          String[] fromTo = r.strip().split("-");
          try {
            ranges.add(TimeRange.of(LocalTime.parse(fromTo[0]), LocalTime.parse(fromTo[1])));
          } catch (RuntimeException bad) {
            throw e.error("expected HH:MM-HH:MM, got '" + r.strip() + "'");
          }
        }
        weekly.put(DAYS.get(k), ranges);
      } else {
        throw e.error("unknown key; hours.zone, hours.mon..hours.sun or hours.holidays");
      }
    }
    if (weekly.isEmpty()) {
      throw any.error("support hours need at least one open day such as hours.mon=09:00-17:00");
    }
    try {
      hours = SupportHours.businessHours(zone, weekly, holidays);
    } catch (IllegalArgumentException bad) {
      throw any.error(bad.getMessage());
    }
  }

  private void smtp(Map<String, Entry> s) {
    if (s.isEmpty()) {
      return;
    }
    Entry host = s.get("host");
    if (host == null) {
      throw s.values().iterator().next().error("smtp.host is required with the other smtp keys");
    }
    try {
      SmtpSettings settings = smtp.withHost(host.value);
      if (s.containsKey("port")) {
        settings = settings.withPort(port(s.get("port")));
      }
      if (s.containsKey("security")) {
        Entry e = s.get("security");
        try {
          settings =
              settings.withSecurity(
                  SmtpSettings.Security.valueOf(e.value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException bad) {
          throw e.error("expected none, starttls_required or ssl, got '" + e.value + "'");
        }
      }
      if (s.containsKey("user") != s.containsKey("password")) {
        Entry e = s.getOrDefault("user", s.get("password"));
        throw e.error("smtp.user and smtp.password go together");
      }
      if (s.containsKey("user")) {
        settings = settings.withCredentials(s.get("user").value, s.get("password").value);
      }
      smtp = settings;
    } catch (IllegalArgumentException bad) {
      throw host.error(bad.getMessage());
    }
    if (s.containsKey("from")) {
      smtpFrom = Optional.of(s.get("from").value);
    }
  }

  private void imap(Map<String, Entry> m) {
    if (m.isEmpty()) {
      return;
    }
    Entry any = m.values().iterator().next();
    for (String required : List.of("host", "user", "password")) {
      if (!m.containsKey(required)) {
        throw any.error("imap." + required + " is required with the other imap keys");
      }
    }
    MailServer.Protocol protocol = MailServer.Protocol.IMAP;
    if (m.containsKey("protocol")) {
      Entry e = m.get("protocol");
      try {
        protocol = MailServer.Protocol.valueOf(e.value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException bad) {
        throw e.error("expected imap, imaps, pop3 or pop3s, got '" + e.value + "'");
      }
    }
    int port =
        m.containsKey("port")
            ? port(m.get("port"))
            : switch (protocol) {
              case IMAP -> 143;
              case IMAPS -> 993;
              case POP3 -> 110;
              case POP3S -> 995;
            };
    try {
      MailServer server =
          MailServer.of(
              protocol, m.get("host").value, port, m.get("user").value, m.get("password").value);
      if (m.containsKey("folder")) {
        server = server.withFolder(m.get("folder").value);
      }
      imap = Optional.of(server);
    } catch (IllegalArgumentException bad) {
      throw m.get("host").error(bad.getMessage());
    }
    if (m.containsKey("poll-seconds")) {
      Entry e = m.get("poll-seconds");
      try {
        long seconds = Long.parseLong(e.value);
        if (seconds < 1) {
          throw e.error("must be at least 1");
        }
        imapPeriod = Duration.ofSeconds(seconds);
      } catch (NumberFormatException bad) {
        throw e.error("expected a number of seconds, got '" + e.value + "'");
      }
    }
  }

  private static int port(Entry e) {
    try {
      int p = Integer.parseInt(e.value);
      if (p < 1 || p > 65535) {
        throw e.error("a port is 1-65535, got " + p);
      }
      return p;
    } catch (NumberFormatException bad) {
      throw e.error("expected a port number, got '" + e.value + "'");
    }
  }

  private static void requireId(Entry e, String id, String what) {
    if (!ID.matcher(id).matches()) {
      throw e.error(what + " must be lower-case letters, digits, '-' or '_', got '" + id + "'");
    }
  }

  /** Fills in the defaults for what the file left out. */
  private void finish() {
    resolved =
        directoryCommand.isEmpty()
            ? directory
            : new CommandDirectory(directoryCommand, directory, Clock.systemUTC());
    if (departments.isEmpty()) {
      departments.put(DEFAULT_DEPARTMENT, "Support");
      directory.department(DEFAULT_DEPARTMENT, "Support");
    }
    if (mailboxes.isEmpty()) {
      String first = departments.keySet().iterator().next();
      mailboxes.add(
          Mailbox.of(
              first.equals(DEFAULT_DEPARTMENT) ? DEFAULT_MAILBOX : first + "@localhost",
              DepartmentId.of(first)));
    }
  }

  /**
   * Who is who: the config file's departments, agents, plans and customers, and, with {@code
   * directory.command}, the customers the host's program knows.
   */
  public Directory directory() {
    return resolved;
  }

  /** Department ids to names, in file order. */
  public Map<String, String> departments() {
    return departments;
  }

  /** The support addresses; the first takes mail addressed to none of them. */
  public List<Mailbox> mailboxes() {
    return mailboxes;
  }

  /** The agent answering from {@code email}, for staff replies by mail. */
  public Optional<String> agentByEmail(String email) {
    return Optional.ofNullable(agentEmails.get(email.toLowerCase(Locale.ROOT)));
  }

  /** Where outgoing mail goes; default 127.0.0.1:25, the local MTA. */
  public SmtpSettings smtp() {
    return smtp;
  }

  /** The From address of outgoing mail; default the first mailbox. */
  public String smtpFrom() {
    return smtpFrom.orElse(mailboxes.get(0).address());
  }

  /** The IMAP or POP3 account {@code serve} polls, if any. */
  public Optional<MailServer> imap() {
    return imap;
  }

  /** How often {@code serve} polls it. */
  public Duration imapPeriod() {
    return imapPeriod;
  }

  /**
   * The SLA policies: the plans' own targets first, then the default targets per priority, all on
   * the configured support hours.
   */
  public SlaPolicies slaPolicies() {
    List<SlaPolicy> all = new ArrayList<>(planPolicies);
    all.addAll(SlaPolicies.defaults(hours).all());
    return SlaPolicies.of(all);
  }

  /** The support hours the SLA clocks run in; around the clock by default. */
  public SupportHours supportHours() {
    return hours;
  }

  /** The secret of signed Message-IDs when the file sets one. */
  public Optional<byte[]> secret() {
    return secret.map(byte[]::clone);
  }

  /** {@code db.url}, {@code db.user} or {@code db.password} from the file. */
  public Optional<String> db(String key) {
    return Optional.ofNullable(db.get(key));
  }

  private record Entry(Path file, int line, String key, String value) {
    CliException error(String message) {
      return CliException.config(
          "config " + file + " line " + line + ": key '" + key + "': " + message);
    }
  }

  /** Key-value lines with their line numbers; a trailing backslash continues a value. */
  private static List<Entry> entries(Path file, List<String> lines) {
    List<Entry> out = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      StringBuilder full = new StringBuilder();
      while (line.endsWith("\\") && i + 1 < lines.size()) {
        full.append(line, 0, line.length() - 1);
        line = lines.get(++i).strip();
      }
      full.append(line);
      String text = full.toString();
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw CliException.config(
            "config " + file + " line " + number + ": expected key=value, got '" + text + "'");
      }
      String key = text.substring(0, eq).strip();
      String value = text.substring(eq + 1).strip();
      Integer before = seen.put(key, number);
      if (before != null) {
        throw new Entry(file, number, key, value).error("set twice (first on line " + before + ")");
      }
      out.add(new Entry(file, number, key, value));
    }
    return out;
  }
}
