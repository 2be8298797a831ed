package dev.helpdesk.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A zone's offset transitions between two instants, precomputed as arrays of epoch nanos so that
 * converting between local and instant time is a binary search without allocation. Local times in a
 * gap map to the transition instant and local times in an overlap to their first occurrence, which
 * keeps the mapping monotonic.
 */
final class ZoneTable {
  static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long firstOffset;
  private final long[] transitionAt;
  private final long[] offsetBefore;
  private final long[] offsetAfter;
  private final long[] localLow;
  private final long[] localHigh;

  ZoneTable(ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    this.firstOffset = rules.getOffset(from).getTotalSeconds() * NANOS_PER_SECOND;
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    for (ZoneOffsetTransition next = rules.nextTransition(from);
        next != null && next.getInstant().isBefore(to);
        next = rules.nextTransition(next.getInstant())) {
      transitions.add(next);
    }
    int n = transitions.size();
    transitionAt = new long[n];
    offsetBefore = new long[n];
    offsetAfter = new long[n];
    localLow = new long[n];
    localHigh = new long[n];
    for (int i = 0; i < n; i++) {
      ZoneOffsetTransition t = transitions.get(i);
      transitionAt[i] = t.getInstant().getEpochSecond() * NANOS_PER_SECOND;
      offsetBefore[i] = t.getOffsetBefore().getTotalSeconds() * NANOS_PER_SECOND;
      offsetAfter[i] = t.getOffsetAfter().getTotalSeconds() * NANOS_PER_SECOND;
      localLow[i] = transitionAt[i] + Math.min(offsetBefore[i], offsetAfter[i]);
      localHigh[i] = transitionAt[i] + Math.max(offsetBefore[i], offsetAfter[i]);
    }
  }

  /** The zone offset, in nanos, at an instant given in epoch nanos. */
  long offsetAt(long instant) {
    int index = lastAtOrBefore(transitionAt, instant);
    return index < 0 ? firstOffset : offsetAfter[index];
  }

  /** A cursor for converting ascending local times of one computation; not thread-safe. */
  Cursor cursor() {
    return new Cursor();
  }

  /**
   * Converts local date-times (nanos since 1970-01-01T00:00 local) to instants (epoch nanos),
   * remembering the stretch of local time with one unambiguous offset so that walking forward day
   * by day rarely searches the table.
   */
  final class Cursor {
    private long steadyFrom = 1;
    private long steadyTo = 0;
    private long offset;

    long toInstant(long local) {
      if (local >= steadyFrom && local < steadyTo) {
        return local - offset;
      }
      int index = lastAtOrBefore(localLow, local);
      if (index >= 0 && local < localHigh[index]) {
        boolean gap = offsetAfter[index] > offsetBefore[index];
        return gap ? transitionAt[index] : local - offsetBefore[index];
      }
      steadyFrom = index < 0 ? Long.MIN_VALUE : localHigh[index];
      steadyTo = index + 1 < localLow.length ? localLow[index + 1] : Long.MAX_VALUE;
      offset = index < 0 ? firstOffset : offsetAfter[index];
      return local - offset;
    }

    /** Whether every local time in {@code [from, to]} has one offset, the one of {@code from}. */
    boolean steady(long from, long to) {
      toInstant(from);
      return from >= steadyFrom && to < steadyTo;
    }
  }

  private static int lastAtOrBefore(long[] sorted, long value) {
    int index = Arrays.binarySearch(sorted, value);
    return index >= 0 ? index : -index - 2;
  }
}
