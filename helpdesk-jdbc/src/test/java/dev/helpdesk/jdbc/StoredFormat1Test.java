package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.ticket.Ticket;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Rows written by helpdesk 0.1 (format 1, the checked-in fixtures) read through the store. */
class StoredFormat1Test {
  /** The fixture ticket under another id and reference, with no events of its own. */
  private static final String OTHER_ID = "0b0b0b0b-2222-4333-8444-555566667777";

  private static final TicketRef OTHER_REF = new TicketRef("HD-2B2B2B2B");

  @Test
  void format1Tickets_getTheOnceFlagsTheirEventsImply_andTheirEventsRead() {
    String url = "jdbc:h2:mem:format1_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (JdbcStore store = JdbcStore.h2(url, "", "").build()) {
      Ticket expected = StoredSamples.ticket();
      String format1 = StoredJsonGoldenTest.fixture("format1/ticket");
      Jdbi.create(url, "", "")
          .useTransaction(
              h -> {
                insertTicket(h, expected.id().toString(), expected, expected.reference(), format1);
                insertTicket(
                    h,
                    OTHER_ID,
                    expected,
                    OTHER_REF,
                    format1
                        .replace(expected.id().toString(), OTHER_ID)
                        .replace(expected.reference().value(), OTHER_REF.value()));
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
      List<Ticket> page = store.ticketStore().ticketsOfOrganization(OrganizationId.of("acme"), 10);
      assertThat(page).hasSize(2).contains(expected);
      Ticket other = page.get(page.get(0).equals(expected) ? 1 : 0);
      assertThat(other.reference()).isEqualTo(OTHER_REF);
      assertThat(other.feedbackGiven()).isFalse();
      assertThat(other.unfixableCompensated()).isFalse();
    }
  }

  private static void insertTicket(
      Handle h, String id, Ticket sample, TicketRef reference, String state) {
    h.createUpdate(
            "INSERT INTO tickets (id, reference, department, status, in_queue, queue_due,"
                + " urgency, opened_at, organization_id, state, version) VALUES (:id, :ref,"
                + " 'billing', 'CLOSED', FALSE, :at, 0, :at, 'acme', :state, 17)")
        .bind("id", id)
        .bind("ref", reference.value())
        .bind("at", OffsetDateTime.ofInstant(sample.openedAt(), ZoneOffset.UTC))
        .bind("state", state)
        .execute();
  }
}
