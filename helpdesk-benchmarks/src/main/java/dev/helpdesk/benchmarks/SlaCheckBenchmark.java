package dev.helpdesk.benchmarks;

import dev.helpdesk.Helpdesk;
import dev.helpdesk.OpenTicket;
import dev.helpdesk.SlaCheckResult;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.testing.FakeDirectory;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code runDueSlaChecks()} on the in-memory store holding a million open tickets of which 100 are
 * due: its cost must follow the tickets due, not all tickets. Each measured call finds 100 fresh
 * urgent tickets whose first-response deadline has passed among the quiet million.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx12g", "-Xms12g"})
public class SlaCheckBenchmark {
  @Param({"1000000"})
  int openTickets;

  @Param({"100"})
  int due;

  private SettableClock clock;
  private Helpdesk desk;
  private int expectedBreaches;

  @Setup(Level.Trial)
  public void seed() {
    clock = SettableClock.at("2026-11-23T09:00:00Z");
    FakeDirectory directory = new FakeDirectory().department("tech", "Tech");
    for (int c = 0; c < 1000; c++) {
      directory.customer("c" + c, "Customer " + c, "c" + c + "@example.com");
    }
    desk =
        Helpdesk.builder()
            .store(new InMemoryTicketStore())
            .directory(directory)
            .notifier((key, n) -> {})
            .clock(clock)
            .random(new Random(1))
            .build();
    for (int i = 0; i < openTickets; i++) {
      desk.open(
          OpenTicket.byCustomer(
                  CustomerId.of("c" + (i % 1000)),
                  DepartmentId.of("tech"),
                  "Quiet ticket " + i,
                  "Nothing urgent")
              .withPriority(Priority.LOW));
    }
  }

  /** Opens {@code due} urgent tickets 20 minutes in the past: their 15-minute target is missed. */
  @Setup(Level.Iteration)
  public void makeSomeDue() {
    Instant now = clock.instant();
    clock.set(now.minus(Duration.ofMinutes(20)));
    for (int i = 0; i < due; i++) {
      desk.open(
          OpenTicket.byCustomer(
                  CustomerId.of("c" + i), DepartmentId.of("tech"), "Shop down " + i, "500 errors")
              .withPriority(Priority.URGENT));
    }
    clock.set(now);
    expectedBreaches = due;
  }

  @Benchmark
  public SlaCheckResult runDueSlaChecks() {
    SlaCheckResult result = desk.runDueSlaChecks();
    if (result.breaches() != expectedBreaches) {
      throw new IllegalStateException("expected " + expectedBreaches + " breaches, got " + result);
    }
    return result;
  }
}
