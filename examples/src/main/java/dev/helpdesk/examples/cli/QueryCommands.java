package dev.helpdesk.examples.cli;

import dev.helpdesk.TicketView;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.spi.ArchivedMail;
import dev.helpdesk.spi.TimeCursor;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The read-mostly commands an operator runs by hand or from scripts: tickets, one ticket, the
 * quarantine, the report. Each prints a table for people or, with {@code --json}, one JSON document
 * for scripts. They act as the system actor {@code cli}, which sees every department.
 */
public final class QueryCommands {
  private QueryCommands() {}

  static final Actor CLI = Actor.system("cli");
  private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");
  private static final int PAGE = 200;

  /** The width tables are cut to: the terminal's when the shell tells it, else 100. */
  static int width() {
    try {
      return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  static String cut(String s, int max) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= max ? one : one.substring(0, Math.max(0, max - 1)) + "…";
  }

  static Map<String, Object> ticketJson(Ticket t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", t.reference().value());
    m.put("status", t.status().name());
    m.put("department", t.department().value());
    m.put("priority", t.priority().name());
    m.put("channel", t.channel().name());
    m.put("subject", t.subject());
    m.put("requester", requester(t.requester()));
    m.put("assignee", t.assignee().map(a -> a.value()));
    m.put("openedAt", t.openedAt().toString());
    m.put("updatedAt", t.updatedAt().toString());
    return m;
  }

  static String requester(Requester r) {
    if (r instanceof Requester.Known k) {
      return k.customer().value();
    }
    return ((Requester.Unknown) r).email() + " (unverified)";
  }

  /** {@code helpdesk tickets}: every ticket, newest last, filtered by status and department. */
  @Command(name = "tickets", mixinStandardHelpOptions = true, description = "List tickets.")
  public static final class Tickets implements Callable<Integer> {
    @ParentCommand HelpdeskCli root;
    @Spec CommandSpec spec;

    @Option(names = "--status", description = "OPEN, WAITING_ON_CUSTOMER, ..., CLOSED")
    String status;

    @Option(names = "--department", description = "a department id")
    String department;

    @Option(names = "--json", description = "one JSON array")
    boolean json;

    @Override
    public Integer call() {
      Optional<TicketStatus> wanted = Optional.ofNullable(status).map(Tickets::status);
      List<Ticket> found = new ArrayList<>();
      try (DeskSession s = root.open()) {
        Optional<TimeCursor> after = Optional.empty();
        while (true) {
          List<Ticket> page =
              s.store().ticketStore().openedBetween(Instant.EPOCH, END_OF_TIME, after, PAGE);
          for (Ticket t : page) {
            if (wanted.map(w -> w == t.status()).orElse(true)
                && (department == null || t.department().value().equals(department))) {
              found.add(t);
            }
          }
          if (page.size() < PAGE) {
            break;
          }
          Ticket last = page.get(page.size() - 1);
          after = Optional.of(new TimeCursor(last.openedAt(), last.id()));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.of(found.stream().map(QueryCommands::ticketJson).toList()));
      } else {
        int subject = Math.max(10, width() - 12 - 20 - 12 - 30 - 4);
        out.printf(
            "%-12s %-20s %-12s %-30s %s%n", "REF", "STATUS", "DEPARTMENT", "REQUESTER", "SUBJECT");
        for (Ticket t : found) {
          out.printf(
              "%-12s %-20s %-12s %-30s %s%n",
              t.reference().value(),
              t.status(),
              cut(t.department().value(), 12),
              cut(requester(t.requester()), 30),
              cut(t.subject(), subject));
        }
        out.printf("%d ticket(s)%n", found.size());
      }
      out.flush();
      return Sysexits.OK;
    }

    private static TicketStatus status(String s) {
      try {
        return TicketStatus.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "unknown status '" + s + "'; one of " + Arrays.toString(TicketStatus.values()));
      }
    }
  }

  /** {@code helpdesk show REF}: one ticket with its whole thread, internal notes included. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one ticket.")
  public static final class Show implements Callable<Integer> {
    @ParentCommand HelpdeskCli root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "a ticket reference such as HD-7KQ2M9XA")
    String ref;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() {
      TicketRef reference;
      try {
        reference = new TicketRef(ref.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("not a ticket reference: '" + ref + "'");
      }
      TicketView view;
      try (DeskSession s = root.open()) {
        if (s.store().ticketStore().findByReference(reference).isEmpty()) {
          throw new CliException(Sysexits.DATAERR, "no ticket " + reference.value());
        }
        view = s.desk().view(reference, CLI);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = ticketJson(view.ticket());
        List<Map<String, Object>> thread = new ArrayList<>();
        for (ThreadEntry e : view.thread()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("at", e.at().toString());
          entry.put("author", String.valueOf(e.author()));
          entry.put("visibility", e.visibility().name());
          entry.put("channel", e.channel().name());
          entry.put("body", e.body());
          entry.put("messageId", e.messageId());
          thread.add(entry);
        }
        m.put("thread", thread);
        out.println(Json.of(m));
      } else {
        Ticket t = view.ticket();
        out.printf("%s  %s  %s%n", t.reference().value(), t.status(), t.subject());
        out.printf(
            "department %s, priority %s, requester %s, opened %s%n",
            t.department().value(), t.priority(), requester(t.requester()), t.openedAt());
        for (ThreadEntry e : view.thread()) {
          out.printf(
              "%n--- %s %s %s (%s)%n%s%n",
              e.at(), e.author(), e.visibility(), e.channel(), e.body());
        }
      }
      out.flush();
      return Sysexits.OK;
    }
  }

  /** {@code helpdesk quarantine list|show KEY|replay KEY}: mail the intake could not process. */
  @Command(
      name = "quarantine",
      mixinStandardHelpOptions = true,
      description = "Quarantined mail: list, show KEY, replay KEY.")
  public static final class Quarantine implements Callable<Integer> {
    @ParentCommand HelpdeskCli root;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, show or replay")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "an archive key")
    String key;

    @Option(names = "--json", description = "JSON output")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      switch (action) {
        case "list" -> {
          if (key != null) {
            throw CliException.usage("quarantine list takes no KEY");
          }
          List<ArchivedMail> all = new ArrayList<>();
          try (DeskSession s = root.open()) {
            Optional<ArchivedMail> after = Optional.empty();
            while (true) {
              List<ArchivedMail> page = s.intake().quarantined(after, PAGE);
              all.addAll(page);
              if (page.size() < PAGE) {
                break;
              }
              after = Optional.of(page.get(page.size() - 1));
            }
          }
          if (json) {
            out.println(Json.of(all.stream().map(Quarantine::mailJson).toList()));
          } else {
            for (ArchivedMail m : all) {
              out.printf(
                  "%s  %s  %s  %s%n",
                  m.key(), m.receivedAt(), m.source(), cut(m.detail(), width() - 100));
            }
            out.printf("%d quarantined%n", all.size());
          }
        }
        case "show" -> {
          ArchivedMail m;
          try (DeskSession s = root.open()) {
            m = s.store().mailArchive().find(requireKey()).orElseThrow(this::noSuchKey);
          }
          out.println(json ? Json.of(mailJson(m)) : text(m));
        }
        case "replay" -> {
          IntakeResult r;
          try (DeskSession s = root.open()) {
            s.store().mailArchive().find(requireKey()).orElseThrow(this::noSuchKey);
            try {
              r = s.intake().replay(key);
            } catch (IllegalArgumentException e) {
              throw new CliException(Sysexits.DATAERR, e.getMessage());
            }
          }
          String line = PipeCommand.line(r);
          out.println(
              json ? Json.of(Map.of("key", key, "result", line, "exit", r.sysexit())) : line);
          out.flush();
          return r.sysexit();
        }
        default ->
            throw CliException.usage(
                "unknown quarantine action '" + action + "'; one of list, show KEY, replay KEY");
      }
      out.flush();
      return Sysexits.OK;
    }

    private String requireKey() {
      if (key == null) {
        throw CliException.usage("quarantine " + action + " needs a KEY (see quarantine list)");
      }
      return key;
    }

    private CliException noSuchKey() {
      return new CliException(Sysexits.DATAERR, "no archived mail '" + key + "'");
    }

    private static Map<String, Object> mailJson(ArchivedMail m) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("key", m.key());
      j.put("status", m.status().name());
      j.put("source", m.source());
      j.put("size", m.size());
      j.put("receivedAt", m.receivedAt().toString());
      j.put("detail", m.detail());
      j.put("rawSha256", m.rawSha256());
      return j;
    }

    private static String text(ArchivedMail m) {
      return m.key()
          + "\n  status   "
          + m.status()
          + "\n  source   "
          + m.source()
          + "\n  received "
          + m.receivedAt()
          + "\n  size     "
          + m.size()
          + "\n  detail   "
          + m.detail();
    }
  }

  /** {@code helpdesk report --from --to}: the support figures of the tickets opened then. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Support figures of the tickets opened in [--from, --to).")
  public static final class Report implements Callable<Integer> {
    @ParentCommand HelpdeskCli root;
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, description = "first day, YYYY-MM-DD (UTC)")
    String from;

    @Option(names = "--to", required = true, description = "day after the last, YYYY-MM-DD (UTC)")
    String to;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() {
      Instant start = day("--from", from);
      Instant end = day("--to", to);
      if (end.isBefore(start)) {
        throw CliException.usage("--to " + to + " is before --from " + from);
      }
      SupportReport report;
      try (DeskSession s = root.open()) {
        report = s.desk().report(CLI, start, end);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", report.from().toString());
        m.put("to", report.to().toString());
        m.put("overall", figures(report.overall()));
        Map<String, Object> byDept = new LinkedHashMap<>();
        report.byDepartment().forEach((d, f) -> byDept.put(d.value(), figures(f)));
        m.put("byDepartment", byDept);
        out.println(Json.of(m));
      } else {
        out.printf("report %s .. %s%n", report.from(), report.to());
        line(out, "overall", report.overall());
        report.byDepartment().forEach((d, f) -> line(out, d.value(), f));
      }
      out.flush();
      return Sysexits.OK;
    }

    private static void line(PrintWriter out, String name, Figures f) {
      out.printf(
          "%-14s tickets %d  resolved %d  closed %d  first response p50 %s  resolution p50 %s"
              + "  breaches %d  transfers %d  feedback %d%n",
          name,
          f.tickets(),
          f.resolved(),
          f.closed(),
          median(f.firstResponseWall()),
          median(f.resolutionWall()),
          f.breaches(),
          f.transfers(),
          f.feedback());
    }

    private static String median(DurationStats d) {
      return d.median().map(Object::toString).orElse("-");
    }

    private static Map<String, Object> figures(Figures f) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tickets", f.tickets());
      m.put("resolved", f.resolved());
      m.put("closed", f.closed());
      m.put("reopened", f.reopened());
      m.put("firstResponseMedian", f.firstResponseWall().median().map(Object::toString));
      m.put("resolutionMedian", f.resolutionWall().median().map(Object::toString));
      m.put("breaches", f.breaches());
      m.put("transfers", f.transfers());
      m.put("feedback", f.feedback());
      m.put("ratingSum", f.ratingSum());
      m.put("promoters", f.promoters());
      m.put("detractors", f.detractors());
      return m;
    }

    private static Instant day(String option, String value) {
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw CliException.usage(option + " must be a date YYYY-MM-DD, got '" + value + "'");
      }
    }
  }
}
