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

  /** The instant (epoch nanos) of a local date-time given as nanos since 1970-01-01T00:00 local. */
  long toInstant(long local) {
    int index = lastAtOrBefore(localLow, local);
    if (index < 0) {
      return local - firstOffset;
    }
    if (local < localHigh[index]) {
      boolean gap = offsetAfter[index] > offsetBefore[index];
      return gap ? transitionAt[index] : local - offsetBefore[index];
    }
    return local - offsetAfter[index];
  }

  /**
   * The offset valid for every local time in {@code [fromLocal, toLocal]} when no transition
   * touches that span, else {@link Long#MIN_VALUE}.
   */
  long steadyOffset(long fromLocal, long toLocal) {
    int index = lastAtOrBefore(localLow, fromLocal);
    if (index >= 0 && fromLocal < localHigh[index]) {
      return Long.MIN_VALUE;
    }
    if (index + 1 < localLow.length && localLow[index + 1] <= toLocal) {
      return Long.MIN_VALUE;
    }
    return index < 0 ? firstOffset : offsetAfter[index];
  }

  private static int lastAtOrBefore(long[] sorted, long value) {
    int index = Arrays.binarySearch(sorted, value);
    return index >= 0 ? index : -index - 2;
  }
}
