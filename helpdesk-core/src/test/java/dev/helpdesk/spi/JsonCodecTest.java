package dev.helpdesk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.IncidentLinked;
import dev.helpdesk.event.HelpdeskEvent.MarkedAsSpam;
import dev.helpdesk.event.HelpdeskEvent.MessagePosted;
import dev.helpdesk.event.HelpdeskEvent.PriorityChanged;
import dev.helpdesk.event.HelpdeskEvent.ResolutionProposed;
import dev.helpdesk.event.HelpdeskEvent.StatusChanged;
import dev.helpdesk.event.HelpdeskEvent.TicketAssigned;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketEscalated;
import dev.helpdesk.event.HelpdeskEvent.TicketMerged;
import dev.helpdesk.event.HelpdeskEvent.TicketOpened;
import dev.helpdesk.event.HelpdeskEvent.TicketReopened;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.event.ServiceLevelEvent;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.sla.SlaTarget;
import dev.helpdesk.ticket.AttachmentRef;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Currency;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCodecTest {

  static final TicketId TICKET =
      new TicketId(UUID.fromString("6f1d2c3b-0a4e-4f5a-9b8c-7d6e5f4a3b2c"));
  static final TicketRef REF = new TicketRef("HD-7KQ2M9XA");
  static final Instant AT = Instant.parse("2026-03-14T09:26:53.589793238Z");
  static final Actor ALICE = Actor.customer(CustomerId.of("c-42"));
  static final Actor BOB = Actor.agent(AgentId.of("agent-bob"));
  static final EntryId ENTRY = new EntryId(UUID.fromString("0e0e0e0e-1111-4222-8333-444455556666"));
  static final IncidentId INCIDENT =
      new IncidentId(UUID.fromString("a1a2a3a4-b1b2-4c1c-8d1d-e1e2e3e4e5e6"));

  /** One realistic instance of every event record the desk has today. */
  static Stream<HelpdeskEvent> events() {
    return Stream.of(
        new TicketOpened(
            TICKET,
            1,
            ALICE,
            AT,
            REF,
            new Requester.Known(CustomerId.of("c-42")),
            Optional.of(OrganizationId.of("acme")),
            DepartmentId.of("billing"),
            Priority.HIGH,
            Optional.of(Category.of("invoices")),
            Channel.EMAIL,
            "Invoice \"March\" is wrong – 2× charged 💸",
            Tier.L1,
            ImmutableSet.of("cc@acme.example", "boss@acme.example"),
            ImmutableMap.of("contract", "K-9", "region", "EU"),
            ENTRY,
            Optional.empty()),
        new MessagePosted(
            TICKET,
            2,
            BOB,
            AT.plusSeconds(60),
            ENTRY,
            Visibility.INTERNAL,
            TicketStatus.OPEN,
            TicketStatus.OPEN),
        new ResolutionProposed(TICKET, 3, BOB, AT, ENTRY, TicketStatus.OPEN),
        new TicketClosed(TICKET, 4, ALICE, AT, TicketStatus.RESOLUTION_PROPOSED),
        new TicketReopened(TICKET, 5, ALICE, AT, TicketStatus.CLOSED),
        new StatusChanged(TICKET, 6, BOB, AT, TicketStatus.OPEN, TicketStatus.ON_HOLD),
        new TicketAssigned(
            TICKET, 7, BOB, AT, Optional.empty(), Optional.of(AgentId.of("agent-bob"))),
        new TicketTransferred(
            TICKET,
            8,
            BOB,
            AT,
            DepartmentId.of("billing"),
            DepartmentId.of("tech"),
            "needs a developer",
            Optional.of(AgentId.of("agent-bob"))),
        new TicketEscalated(
            TICKET, 9, Actor.system("sla"), AT, Tier.L1, Tier.of(2), "breach", Optional.empty()),
        new PriorityChanged(TICKET, 10, BOB, AT, Priority.NORMAL, Priority.URGENT),
        new TicketMerged(
            TICKET, 11, BOB, AT, new TicketId(UUID.randomUUID()), TicketStatus.WAITING_ON_CUSTOMER),
        new MarkedAsSpam(TICKET, 12, BOB, AT, TicketStatus.OPEN),
        new IncidentLinked(TICKET, 13, BOB, AT, Optional.empty(), Optional.of(INCIDENT)),
        new ServiceLevelEvent.SlaWarningReached(
            TICKET, 14, Actor.system("sla"), AT, SlaTarget.FIRST_RESPONSE, 1, AT.plusSeconds(60)),
        new ServiceLevelEvent.SlaBreached(
            TICKET, 15, Actor.system("sla"), AT, SlaTarget.NEXT_RESPONSE, 2, AT),
        new ServiceLevelEvent.CompensationOwed(
            TICKET,
            16,
            Actor.system("sla"),
            AT,
            CustomerId.of("alice"),
            250,
            java.util.Currency.getInstance("EUR"),
            "first response missed",
            "sla:x:FIRST_RESPONSE:1:BREACH"),
        new ServiceLevelEvent.FeedbackReceived(TICKET, 17, ALICE, AT, 4, 9, "quick, thanks"));
  }

  static Ticket ticket() {
    return new Ticket(
        TICKET,
        REF,
        17,
        new Requester.Unknown("stranger@example.org"),
        Optional.of(OrganizationId.of("acme")),
        DepartmentId.of("billing"),
        Priority.URGENT,
        Optional.of(Category.of("refunds")),
        Channel.WEB,
        "Refund\tplease\n\u0000\u001f\\ \u2028 ünïcödé 𝄞",
        Tier.of(3),
        Optional.of(AgentId.of("agent-bob")),
        TicketStatus.ON_HOLD,
        ImmutableSet.of("z@example.org", "a@example.org"),
        ImmutableMap.of("z", "last", "a", "first", "", "empty key"),
        Optional.of(INCIDENT),
        Optional.empty(),
        Optional.of(new TicketId(UUID.randomUUID())),
        2,
        1,
        true,
        false,
        AT,
        AT.plusNanos(1),
        Optional.empty(),
        new SlaState(
            Optional.of(AT.plus(Duration.ofHours(4))),
            Optional.of(AT.plusSeconds(1)),
            Optional.empty(),
            List.of()));
  }

  @ParameterizedTest
  @MethodSource("events")
  void encode_anyEvent_decodesEqualThroughTheSealedRoot(HelpdeskEvent event) {
    String json = JsonCodec.encode(event);

    assertThat(json).startsWith("{\"@type\":\"" + event.getClass().getSimpleName() + "\"");
    assertThat(JsonCodec.decode(json, HelpdeskEvent.class)).isEqualTo(event);
    assertThat(JsonCodec.decode(json, event.getClass())).isEqualTo(event);
  }

  @Test
  void events_sampleList_coversEveryEventRecord() {
    Set<Class<?>> records = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(HelpdeskEvent.class));
    while (!todo.isEmpty()) {
      for (Class<?> sub : todo.pop().getPermittedSubclasses()) {
        if (sub.isRecord()) {
          records.add(sub);
        } else {
          todo.push(sub);
        }
      }
    }

    assertThat(events().map(Object::getClass))
        .as("add a sample to events() for every new event record")
        .containsExactlyInAnyOrderElementsOf(records);
  }

  @Test
  void encode_ticket_roundTripsWithEveryFieldKept() {
    Ticket ticket = ticket();

    Ticket decoded = JsonCodec.decode(JsonCodec.encode(ticket), Ticket.class);

    assertThat(decoded).isEqualTo(ticket);
    assertThat(decoded.participants()).containsExactly("z@example.org", "a@example.org");
    assertThat(decoded.customFields().keySet()).containsExactly("z", "a", "");
    assertThat(decoded.updatedAt().getNano()).isEqualTo(589793239);
  }

  @Test
  void encode_ticket_writesIdsAsBareValuesAndOmitsEmptyOptionals() {
    String json = JsonCodec.encode(ticket());

    assertThat(json)
        .contains("\"id\":\"6f1d2c3b-0a4e-4f5a-9b8c-7d6e5f4a3b2c\"")
        .contains("\"reference\":\"HD-7KQ2M9XA\"")
        .contains("\"tier\":3")
        .contains("\"requester\":{\"@type\":\"Unknown\",\"email\":\"stranger@example.org\"}")
        .contains("\"updatedAt\":\"2026-03-14T09:26:53.589793239Z\"")
        .doesNotContain("mergedInto")
        .doesNotContain("closedAt");
  }

  @Test
  void encode_controlCharactersAndSeparators_areEscaped() {
    String json = JsonCodec.encode(ticket());

    assertThat(json)
        .contains("Refund\\tplease\\n\\u0000\\u001f\\\\ \\u2028 ünïcödé 𝄞")
        .doesNotContain("\n")
        .doesNotContain("\u0000");
  }

  @Test
  void encode_loneSurrogate_isEscapedAndRoundTrips() {
    Labelled value = new Labelled("a\uD800b\uDC00", 1);

    String json = JsonCodec.encode(value);

    assertThat(json).isEqualTo("{\"label\":\"a\\ud800b\\udc00\",\"count\":1}");
    assertThat(JsonCodec.decode(json, Labelled.class)).isEqualTo(value);
  }

  @Test
  void encode_threadEntry_roundTrips() {
    ThreadEntry entry =
        new ThreadEntry(
            ENTRY,
            TICKET,
            AT,
            ALICE,
            Visibility.PUBLIC,
            Channel.EMAIL,
            "Please see the attached invoice.\r\n-- \r\nAlice",
            ImmutableList.of(
                new AttachmentRef("ab".repeat(32), "invoice.pdf", "application/pdf", 48_213),
                new AttachmentRef("0f".repeat(32), "screen shot.png", "image/png", 0)),
            Optional.of("<CAF=abc@mail.example>"));

    assertThat(JsonCodec.decode(JsonCodec.encode(entry), ThreadEntry.class)).isEqualTo(entry);
  }

  @Test
  void encode_outboxMessageWithNotification_roundTrips() {
    OutboxMessage message =
        new OutboxMessage(
            "confirmation:" + TICKET,
            TICKET,
            AT,
            new Notification(
                Notification.Kind.CONFIRMATION,
                TICKET,
                REF,
                "alice@acme.example",
                "Alice Ämmerle",
                "[HD-7KQ2M9XA] We received your request",
                "Hello Alice,\n\nwe received ...",
                Optional.of(ENTRY)));

    String json = JsonCodec.encode(message);

    assertThat(json).contains("\"payload\":{\"@type\":\"Notification\"");
    assertThat(JsonCodec.decode(json, OutboxMessage.class)).isEqualTo(message);
  }

  @Test
  void encode_outboxMessageWithDurableEvent_roundTrips() {
    HelpdeskEvent event = events().findFirst().orElseThrow();
    OutboxMessage message =
        new OutboxMessage(
            "event:" + TICKET + ":1", TICKET, AT, new OutboxMessage.DurableEvent(event));

    String json = JsonCodec.encode(message);

    assertThat(json).contains("{\"@type\":\"DurableEvent\",\"event\":{\"@type\":\"TicketOpened\"");
    assertThat(JsonCodec.decode(json, OutboxMessage.class)).isEqualTo(message);
  }

  @Test
  void encode_incidentTemplateAndSlaState_roundTrip() {
    Incident open =
        new Incident(INCIDENT, "Mail delivery delayed", AgentId.of("ops"), AT, Optional.empty());
    Incident resolved =
        new Incident(
            INCIDENT,
            "Mail delivery delayed",
            AgentId.of("ops"),
            AT,
            Optional.of(AT.plusSeconds(3600)));
    ReplyTemplate template =
        new ReplyTemplate("greeting", "Hello {{customer_name}}, about {{ticket_reference}}: ");
    SlaState sla = new SlaState(Optional.of(AT), Optional.empty(), Optional.empty(), List.of());

    assertThat(JsonCodec.decode(JsonCodec.encode(open), Incident.class)).isEqualTo(open);
    assertThat(JsonCodec.decode(JsonCodec.encode(resolved), Incident.class)).isEqualTo(resolved);
    assertThat(JsonCodec.decode(JsonCodec.encode(template), ReplyTemplate.class))
        .isEqualTo(template);
    assertThat(JsonCodec.decode(JsonCodec.encode(sla), SlaState.class)).isEqualTo(sla);
    assertThat(JsonCodec.encode(SlaState.NONE)).isEqualTo("{}");
    assertThat(JsonCodec.decode("{}", SlaState.class)).isEqualTo(SlaState.NONE);
  }

  @Test
  void encode_everySupportedValueType_roundTrips() {
    Everything value =
        new Everything(
            true,
            -7,
            Long.MIN_VALUE,
            -0.1e-300,
            Integer.MAX_VALUE,
            Duration.ofMillis(-1500),
            LocalDate.of(2024, 2, 29),
            LocalTime.of(23, 59, 0, 1),
            ZoneId.of("Europe/Berlin"),
            Currency.getInstance("EUR"),
            UUID.randomUUID(),
            ImmutableMap.of(Priority.URGENT, 1, Priority.LOW, 4),
            ImmutableMap.of(AgentId.of("b"), Tier.of(2), AgentId.of("a"), Tier.L1),
            ImmutableMap.of(TICKET, List.of(Optional.of(ENTRY))),
            ImmutableList.of(ImmutableSet.of(ALICE, BOB), ImmutableSet.of()),
            Optional.of(false));

    String json = JsonCodec.encode(value);

    assertThat(JsonCodec.decode(json, Everything.class)).isEqualTo(value);
    assertThat(json).contains("\"byAgent\":{\"b\":2,\"a\":1}");
  }

  @Test
  void encode_nonFiniteDouble_fails() {
    Everything value =
        new Everything(
            true,
            0,
            0,
            Double.NaN,
            0,
            Duration.ZERO,
            LocalDate.MIN,
            LocalTime.MIDNIGHT,
            ZoneId.of("UTC"),
            Currency.getInstance("USD"),
            UUID.randomUUID(),
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(),
            Optional.empty());

    assertThatThrownBy(() -> JsonCodec.encode(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void decode_unknownMember_isIgnored() {
    String json =
        "{\"future\":{\"nested\":[1,2,{\"x\":null}]},\"label\":\"kept\",\"count\":3,\"more\":true}";

    assertThat(JsonCodec.decode(json, Labelled.class)).isEqualTo(new Labelled("kept", 3));
  }

  @Test
  void decode_missingOptionalMemberOrNull_isEmpty() {
    Incident incident =
        JsonCodec.decode(
            "{\"id\":\""
                + INCIDENT.value()
                + "\",\"title\":\"Outage\",\"openedBy\":\"ops\","
                + "\"openedAt\":\"2026-01-01T00:00:00Z\",\"resolvedAt\":null}",
            Incident.class);

    assertThat(incident.resolvedAt()).isEmpty();
    assertThat(JsonCodec.decode("{\"nextCheck\":\"2026-01-01T00:00:00Z\"}", SlaState.class))
        .isEqualTo(
            new SlaState(
                Optional.empty(),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                Optional.empty(),
                List.of()));
  }

  @Test
  void decode_missingRequiredMember_namesTypeAndMember() {
    assertThatThrownBy(() -> JsonCodec.decode("{\"label\":\"x\"}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Labelled is missing the member 'count'");
  }

  @Test
  void decode_explicitNullForRequiredMember_isRejectedByTheConstructor() {
    String json = JsonCodec.encode(ticket()).replace("\"subject\":\"", "\"subject\":null,\"x\":\"");

    assertThatThrownBy(() -> JsonCodec.decode(json, Ticket.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot create Ticket: subject must not be null");
  }

  @Test
  void decode_nestedBadValue_namesThePath() {
    String json = JsonCodec.encode(ticket()).replace("\"tier\":3", "\"tier\":12");

    assertThatThrownBy(() -> JsonCodec.decode(json, Ticket.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ticket.tier")
        .hasMessageContaining("Tier level must be 1-9, got 12");
  }

  @Test
  void decode_invalidValue_runsTheCanonicalConstructor() {
    String json = JsonCodec.encode(ticket()).replace("HD-7KQ2M9XA", "HD-nope");

    assertThatThrownBy(() -> JsonCodec.decode(json, Ticket.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ticket.reference")
        .hasMessageContaining("TicketRef must look like HD-7KQ2M9XA, got 'HD-nope'");
  }

  @Test
  void decode_wrongKindOfValue_saysWhatWasExpected() {
    assertThatThrownBy(() -> JsonCodec.decode("{\"label\":5,\"count\":1}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Labelled.label: expected a string, got the number 5");
    assertThatThrownBy(() -> JsonCodec.decode("{\"label\":\"x\",\"count\":1.5}", Labelled.class))
        .hasMessage("Labelled.count: expected a whole number, got 1.5");
    assertThatThrownBy(() -> JsonCodec.decode("{\"label\":\"x\",\"count\":1e10}", Labelled.class))
        .hasMessage("Labelled.count: number 1e10 is out of range");
    assertThat(JsonCodec.decode("{\"label\":\"x\",\"count\":1E3}", Labelled.class).count())
        .isEqualTo(1000);
  }

  @Test
  void decode_unknownOrMissingType_listsTheKnownOnes() {
    assertThatThrownBy(() -> JsonCodec.decode("{\"@type\":\"Robot\"}", Actor.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown @type 'Robot' for Actor, expected one of [Customer, Agent, System]");
    assertThatThrownBy(() -> JsonCodec.decode("{\"component\":\"sla\"}", Actor.class))
        .hasMessage("Actor needs a string member '@type', one of [Customer, Agent, System]");
    assertThatThrownBy(
            () ->
                JsonCodec.decode("{\"@type\":\"Agent\",\"component\":\"sla\"}", Actor.System.class))
        .hasMessage("expected @type 'System', got the string 'Agent'");
  }

  @Test
  void decode_nestedSealedInterface_isResolvedFromTheRoot() {
    String json =
        "{\"@type\":\"SlaBreached\",\"ticket\":\""
            + TICKET
            + "\",\"version\":3,"
            + "\"actor\":{\"@type\":\"System\",\"component\":\"sla\"},\"at\":\""
            + AT
            + "\",\"target\":\"RESOLUTION\",\"cycle\":1,\"deadline\":\""
            + AT
            + "\"}";

    assertThat(JsonCodec.decode(json, HelpdeskEvent.class))
        .isEqualTo(
            new ServiceLevelEvent.SlaBreached(
                TICKET, 3, Actor.system("sla"), AT, SlaTarget.RESOLUTION, 1, AT));
  }

  @Test
  void encode_ambiguousSimpleNamesInOneHierarchy_failClearly() {
    assertThatThrownBy(() -> JsonCodec.encode(new Left.Same(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unique simple names below")
        .hasMessageContaining("'Same'");
    assertThatThrownBy(() -> JsonCodec.decode("{\"@type\":\"Same\",\"n\":1}", Clash.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unique simple names below");
  }

  @Test
  void encode_unsupportedType_failsNamingIt() {
    assertThatThrownBy(() -> JsonCodec.encode(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot encode a java.lang.Object");
  }

  @Test
  void decode_malformedJson_namesThePosition() {
    assertThatThrownBy(() -> JsonCodec.decode("{\"label\":\"x\",}", Labelled.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed JSON at position 13: expected a member name in double quotes");
    assertThatThrownBy(() -> JsonCodec.decode("{\"label\":\"x\"", Labelled.class))
        .hasMessage("Malformed JSON at the end (position 12): expected ',' or '}' in an object");
    assertThatThrownBy(() -> JsonCodec.decode("[1,2] x", Labelled.class))
        .hasMessage("Malformed JSON at position 6: unexpected content after the JSON value");
    assertThatThrownBy(() -> JsonCodec.decode("\"a\u0001\"", String.class))
        .hasMessage("Malformed JSON at position 2: unescaped control character U+0001 in a string");
    assertThatThrownBy(() -> JsonCodec.decode("\"\\x\"", String.class))
        .hasMessage("Malformed JSON at position 2: invalid escape 'x'");
    assertThatThrownBy(() -> JsonCodec.decode("01", Long.class))
        .hasMessage("Malformed JSON at position 1: unexpected content after the JSON value");
    assertThatThrownBy(() -> JsonCodec.decode("{\"a\":1,\"a\":2}", Labelled.class))
        .hasMessage("Malformed JSON at position 7: duplicate member 'a'");
    assertThatThrownBy(() -> JsonCodec.decode("[".repeat(1000), Labelled.class))
        .hasMessageContaining("nesting deeper than");
    assertThatThrownBy(() -> JsonCodec.decode("tru", Boolean.class))
        .hasMessage("Malformed JSON at position 0: invalid literal, expected 'true'");
  }

  @Test
  void decode_escapes_areUnderstood() {
    assertThat(JsonCodec.decode(" \"\\u00e9\\/\\\"\\b\\f\\uD834\\uDD1E\" ", String.class))
        .isEqualTo("é/\"\b\f𝄞");
  }

  record Labelled(String label, int count) {}

  record Everything(
      boolean flag,
      int small,
      long big,
      double ratio,
      Integer boxed,
      Duration delay,
      LocalDate day,
      LocalTime time,
      ZoneId zone,
      Currency currency,
      UUID uuid,
      Map<Priority, Integer> byPriority,
      Map<AgentId, Tier> byAgent,
      Map<TicketId, List<Optional<EntryId>>> byTicket,
      List<Set<Actor>> actors,
      Optional<Boolean> maybe) {}

  sealed interface Clash permits Left.Same, Right.Same {}

  static final class Left {
    record Same(int n) implements Clash {}
  }

  static final class Right {
    record Same(int n) implements Clash {}
  }
}
