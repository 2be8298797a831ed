package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.jdbc.internal.StoredJson;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reading rules of {@link StoredJson} that the golden fixtures do not show. */
class StoredJsonTest {
  private static final String TICKET = StoredJson.encode(StoredSamples.ticket());

  record Labelled(String label, int count) {}

  @Test
  void unknownMembers_areIgnored() {
    String json =
        "{\"future\":{\"nested\":[1,2,{\"x\":null}]},\"label\":\"kept\",\"count\":3,\"more\":true}";

    assertThat(StoredJson.decode(json, Labelled.class)).isEqualTo(new Labelled("kept", 3));
  }

  @Test
  void missingOrNullOptionalsAndCollections_areEmpty() {
    Incident incident =
        StoredJson.decode(
            "{\"id\":\""
                + StoredSamples.INCIDENT.value()
                + "\",\"title\":\"Outage\",\"openedBy\":\"ops\","
                + "\"openedAt\":\"2026-01-01T00:00:00Z\",\"resolvedAt\":null}",
            Incident.class);

    assertThat(incident.resolvedAt()).isEmpty();
    assertThat(StoredJson.decode("{\"nextCheck\":\"2026-01-01T00:00:00Z\"}", SlaState.class))
        .isEqualTo(
            new SlaState(
                Optional.empty(),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                Optional.empty(),
                List.of()));
  }

  @Test
  void aMissingPrimitive_isRejected() {
    assertThatThrownBy(() -> StoredJson.decode("{\"label\":\"x\"}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Labelled")
        .hasMessageContaining("count");
  }

  @Test
  void aNullRequiredMember_isRejectedByTheConstructor() {
    String json = TICKET.replace("\"subject\":\"", "\"subject\":null,\"x\":\"");

    assertThatThrownBy(() -> StoredJson.decode(json, Ticket.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject must not be null");
  }

  @Test
  void badValues_runIntoTheRecordsValidation_andNameThePath() {
    assertThatThrownBy(
            () -> StoredJson.decode(TICKET.replace("\"tier\":3", "\"tier\":12"), Ticket.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tier")
        .hasMessageContaining("Tier level must be 1-9, got 12");
    assertThatThrownBy(
            () -> StoredJson.decode(TICKET.replace("HD-7KQ2M9XA", "HD-nope"), Ticket.class))
        .hasMessageContaining("reference")
        .hasMessageContaining("TicketRef must look like HD-7KQ2M9XA, got 'HD-nope'");
  }

  @Test
  void valuesOfTheWrongKind_areNotCoerced() {
    assertThatThrownBy(() -> StoredJson.decode("{\"label\":5,\"count\":1}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredJson.decode("{\"label\":\"x\",\"count\":1.5}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredJson.decode("{\"label\":\"x\",\"count\":\"1\"}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredJson.decode("{\"label\":\"x\",\"count\":1e10}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownMissingOrMismatchedTypeIds_areRejected() {
    assertThatThrownBy(() -> StoredJson.decode("{\"@type\":\"Robot\"}", Actor.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Robot");
    assertThatThrownBy(() -> StoredJson.decode("{\"component\":\"sla\"}", Actor.class))
        .hasMessageContaining("@type");
    assertThatThrownBy(
            () -> StoredJson.decode("{\"@type\":\"Agent\",\"id\":\"bob\"}", Actor.System.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedText_isRejected() {
    for (String json :
        List.of(
            "{\"label\":\"x\",}",
            "{\"label\":\"x\"",
            "{\"label\":\"x\",\"count\":1} x",
            "{\"label\":\"a\",\"label\":\"b\",\"count\":1}")) {
      assertThatThrownBy(() -> StoredJson.decode(json, Labelled.class))
          .as(json)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theFormatMember_comesFirst_andANewerFormatIsRefused() {
    String event = StoredJson.encode(StoredSamples.events().get("TicketClosed"));

    assertThat(event).startsWith("{\"@format\":2,\"@type\":\"TicketClosed\",");
    assertThat(StoredJson.encode(SlaState.NONE)).isEqualTo("{\"@format\":2}");
    assertThat(StoredJson.decode("{\"@format\":2}", SlaState.class)).isEqualTo(SlaState.NONE);
    assertThatThrownBy(
            () ->
                StoredJson.decode(
                    event.replace("\"@format\":2", "\"@format\":3"), HelpdeskEvent.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 3");
  }

  @Test
  void everySealedRecord_hasADistinctTypeId() {
    List<Class<?>> records = new java.util.ArrayList<>();
    StoredJsonGoldenTest.collectRecords(HelpdeskEvent.class, records);
    StoredJsonGoldenTest.collectRecords(Actor.class, records);
    StoredJsonGoldenTest.collectRecords(dev.helpdesk.domain.Requester.class, records);
    StoredJsonGoldenTest.collectRecords(dev.helpdesk.spi.OutboxMessage.Payload.class, records);

    assertThat(List.<Class<?>>copyOf(StoredJson.TYPE_IDS.values()))
        .containsExactlyInAnyOrderElementsOf(records);
  }
}
