package dev.helpdesk;

import com.google.common.collect.AbstractIterator;
import dev.helpdesk.spi.TimeCursor;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset paging over the store's time-ordered ticket indexes (due checks, opening time): each page
 * starts after the (time, id) of the previous page's last ticket, so no page is read twice while
 * tickets change, no cap applies, and only one page is held at a time.
 */
final class Pages {
  private Pages() {}

  /** One page of tickets after a cursor. */
  @FunctionalInterface
  interface Fetch {
    List<Ticket> page(Optional<TimeCursor> after, int limit);
  }

  /**
   * The non-empty pages, fetched lazily as they are iterated; {@code position} is the time the
   * index orders a ticket by.
   */
  static Iterable<List<Ticket>> of(Fetch fetch, int size, Function<Ticket, Instant> position) {
    return () ->
        new AbstractIterator<>() {
          private Optional<TimeCursor> after = Optional.empty();

          @Override
          protected List<Ticket> computeNext() {
            List<Ticket> page = fetch.page(after, size);
            if (page.isEmpty()) {
              return endOfData();
            }
            Ticket last = page.get(page.size() - 1);
            after = Optional.of(new TimeCursor(position.apply(last), last.id()));
            return page;
          }
        };
  }
}
