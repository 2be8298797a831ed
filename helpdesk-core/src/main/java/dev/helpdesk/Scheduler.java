package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional scheduler: one daemon thread that runs the SLA checks and delivers the outbox every
 * period. The desk starts it only when asked; closing the handle waits for a run in progress, so
 * nothing of the desk runs after close().
 */
final class Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private Scheduler() {}

  static AutoCloseable start(Duration period, Runnable slaChecks, Runnable outbox) {
    requireNonNull(period, "period must not be null");
    checkArgument(
        !period.isNegative() && !period.isZero(), "period must be positive, got %s", period);
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "helpdesk-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            slaChecks.run();
            outbox.run();
          } catch (RuntimeException e) {
            log.error("scheduled SLA check or outbox delivery failed; next run in {}", period, e);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      executor.shutdownNow();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    };
  }
}
