package dev.helpdesk.sla;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

/** Closed dates, addressed by epoch day so a calendar can skip whole holiday-free weeks. */
interface HolidayCalendar {

  boolean isHoliday(long epochDay);

  /** Whether any date in {@code [fromDay, toDay)} is a holiday. */
  boolean anyBetween(long fromDay, long toDay);

  static HolidayCalendar ofDates(Set<LocalDate> dates) {
    return new ByDates(dates.stream().mapToLong(LocalDate::toEpochDay).sorted().toArray());
  }

  /** A fixed set of dates, searched in a sorted array. */
  final class ByDates implements HolidayCalendar {
    private final long[] days;

    ByDates(long[] sortedDays) {
      this.days = sortedDays;
    }

    @Override
    public boolean isHoliday(long epochDay) {
      return Arrays.binarySearch(days, epochDay) >= 0;
    }

    @Override
    public boolean anyBetween(long fromDay, long toDay) {
      int index = Arrays.binarySearch(days, fromDay);
      int next = index >= 0 ? index : -index - 1;
      return next < days.length && days[next] < toDay;
    }

    @Override
    public String toString() {
      return days.length + " holiday dates";
    }
  }

  /** A host-supplied rule; asked once per date examined. */
  final class ByPredicate implements HolidayCalendar {
    private final Predicate<LocalDate> rule;

    ByPredicate(Predicate<LocalDate> rule) {
      this.rule = requireNonNull(rule, "holiday predicate must not be null");
    }

    @Override
    public boolean isHoliday(long epochDay) {
      return rule.test(LocalDate.ofEpochDay(epochDay));
    }

    @Override
    public boolean anyBetween(long fromDay, long toDay) {
      for (long day = fromDay; day < toDay; day++) {
        if (isHoliday(day)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "holidays by rule";
    }
  }
}
