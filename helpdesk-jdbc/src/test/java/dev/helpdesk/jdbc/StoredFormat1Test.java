package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.Ticket;
import dev.helpdesk.event.HelpdeskEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Rows written by helpdesk 0.1 (format 1, the checked-in fixtures) read through the store. */
class StoredFormat1Test {

  @Test
  void aFormat1Ticket_getsTheOnceFlagsItsEventsImply_andItsEventsRead() {
    String url = "jdbc:h2:mem:format1_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (JdbcStore store = JdbcStore.h2(url, "", "").build()) {
      Ticket expected = StoredSamples.ticket();
      Jdbi.create(url, "", "")
          .useTransaction(
              h -> {
                h.createUpdate(
                        "INSERT INTO tickets (id, reference, department, status, in_queue, queue_due,"
                            + " urgency, opened_at, state, version) VALUES (:id, :ref, 'billing',"
                            + " 'CLOSED', FALSE, :at, 0, :at, :state, 17)")
                    .bind("id", expected.id().toString())
                    .bind("ref", expected.reference().value())
                    .bind("at", OffsetDateTime.ofInstant(expected.openedAt(), ZoneOffset.UTC))
                    .bind("state", StoredJsonGoldenTest.fixture("format1/ticket"))
                    .execute();
                for (Map.Entry<String, HelpdeskEvent> e : StoredSamples.events().entrySet()) {
                  h.createUpdate(
                          "INSERT INTO events (ticket_id, version, type, json)"
                              + " VALUES (:t, :v, :type, :json)")
                      .bind("t", expected.id().toString())
                      .bind("v", e.getValue().version())
                      .bind("type", e.getKey())
                      .bind("json", StoredJsonGoldenTest.fixture("format1/event/" + e.getKey()))
                      .execute();
                }
              });

      assertThat(store.ticketStore().find(expected.id())).contains(expected);
      assertThat(store.ticketStore().findByReference(expected.reference())).contains(expected);
      assertThat(store.ticketStore().events(expected.id()))
          .containsExactlyElementsOf(List.copyOf(StoredSamples.events().values()));
    }
  }
}
