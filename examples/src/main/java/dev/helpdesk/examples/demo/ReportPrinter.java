package dev.helpdesk.examples.demo;

import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.metrics.DurationStats;
import dev.helpdesk.metrics.Figures;
import dev.helpdesk.metrics.SlaCompliance;
import dev.helpdesk.metrics.SupportReport;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Directory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints a {@link SupportReport} as the table a support lead reads on Monday evening. */
final class ReportPrinter {
  private static final String ROW = "%-18s %7s %13s %13s %9s %9s %8s %9s %9s %5s %5s%n";

  private ReportPrinter() {}

  static void print(PrintStream out, SupportReport report, Directory directory) {
    out.printf("%nReport of the tickets opened %s to %s%n", report.from(), report.to());
    out.printf(
        ROW,
        "",
        "tickets",
        "1st answer",
        "resolved in",
        "1st SLA",
        "res. SLA",
        "breaches",
        "credits",
        "transfers",
        "CSAT",
        "NPS");
    out.printf(ROW, "", "", "p50 / p90", "p50 / p90", "met", "met", "", "EUR", "", "1-5", "");
    row(out, "all departments", report.overall());
    Map<String, Figures> byName = new TreeMap<>();
    for (Map.Entry<DepartmentId, Figures> e : report.byDepartment().entrySet()) {
      String name =
          directory.department(e.getKey()).map(Department::name).orElse(e.getKey().value());
      byName.put(name, e.getValue());
    }
    byName.forEach((name, f) -> row(out, name, f));
  }

  private static void row(PrintStream out, String name, Figures f) {
    out.printf(
        ROW,
        name,
        f.tickets(),
        stats(f.firstResponseWall()),
        stats(f.resolutionWall()),
        compliance(f.slaCompliance().get(SlaTarget.FIRST_RESPONSE)),
        compliance(f.slaCompliance().get(SlaTarget.RESOLUTION)),
        f.breaches(),
        f.compensationOwed().isEmpty()
            ? "-"
            : f.compensationOwed().entrySet().stream()
                .map(e -> BillingPortal.money(e.getValue(), e.getKey()))
                .collect(Collectors.joining("+")),
        f.transfers(),
        number(f.csatAverage(), "%.1f"),
        number(f.nps(), "%+.0f"));
  }

  private static String stats(DurationStats s) {
    return s.count() == 0
        ? "-"
        : duration(s.median().orElseThrow()) + " / " + duration(s.p90().orElseThrow());
  }

  private static String duration(Duration d) {
    long minutes = d.toMinutes();
    return minutes < 60 ? minutes + "m" : minutes / 60 + "h" + String.format("%02d", minutes % 60);
  }

  private static String compliance(SlaCompliance c) {
    return c.met() + c.breached() == 0 ? "-" : c.met() + "/" + (c.met() + c.breached());
  }

  private static String number(OptionalDouble value, String format) {
    return value.isPresent() ? String.format(format, value.getAsDouble()) : "-";
  }
}
