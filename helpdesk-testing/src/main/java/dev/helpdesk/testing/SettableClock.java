package dev.helpdesk.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand, so time-dependent behaviour is tested without sleeping. */
public final class SettableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static SettableClock at(Instant start) {
    return new SettableClock(
        new AtomicReference<>(requireNonNull(start, "start must not be null")), ZoneOffset.UTC);
  }

  /** A clock standing at the given ISO-8601 instant, such as {@code 2026-11-23T09:00:00Z}. */
  public static SettableClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /** Moves the clock forward (or back, with a negative amount). */
  public SettableClock advance(Duration amount) {
    requireNonNull(amount, "amount must not be null");
    now.updateAndGet(t -> t.plus(amount));
    return this;
  }

  /** Puts the clock at an instant. */
  public SettableClock set(Instant instant) {
    now.set(requireNonNull(instant, "instant must not be null"));
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time seen in another zone: both clocks advance together. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(now, requireNonNull(zone, "zone must not be null"));
  }
}
