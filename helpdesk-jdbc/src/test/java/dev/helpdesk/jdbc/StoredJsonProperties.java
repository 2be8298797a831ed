package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.jdbc.internal.StoredJson;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class StoredJsonProperties {

  private static final int EXAMPLES = 1_000;

  /** Any UTF-16 text: control characters, lone and paired surrogates, supplementary planes. */
  static Gen<String> anyText() {
    return strings()
        .betweenCodePoints(0, 0xFFFF)
        .ofLengthBetween(0, 40)
        .mix(strings().allPossible().ofLengthBetween(0, 20));
  }

  @Test
  void anyString_insideARecord_roundTrips() {
    qt().withExamples(EXAMPLES)
        .forAll(
            anyText(),
            lists().of(anyText()).ofSizeBetween(0, 4),
            maps().of(anyText(), anyText()).ofSizeBetween(0, 4))
        .checkAssert(
            (text, lines, fields) -> {
              Note note = new Note(text, lines, fields);

              String json = StoredJson.encode(note);

              assertThat(StoredJson.decode(json, Note.class)).isEqualTo(note);
              assertIsSafeJsonText(json);
            });
  }

  @Test
  void anyTicket_roundTrips() {
    qt().withExamples(EXAMPLES)
        .forAll(tickets())
        .checkAssert(
            ticket ->
                assertThat(StoredJson.decode(StoredJson.encode(ticket), Ticket.class))
                    .isEqualTo(ticket));
  }

  @Test
  void anyTicket_encodesToParsableJsonThatReEncodesIdentically() {
    qt().withExamples(EXAMPLES)
        .forAll(tickets())
        .checkAssert(
            ticket -> {
              String json = StoredJson.encode(ticket);

              assertThat(parsesAsObject(json)).isTrue();
              assertIsSafeJsonText(json);
              assertThat(StoredJson.encode(StoredJson.decode(json, Ticket.class))).isEqualTo(json);
            });
  }

  /** Whether any JSON parser, not only ours, reads {@code json} as one object. */
  private static boolean parsesAsObject(String json) {
    try {
      return new ObjectMapper().readTree(json).isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** No raw control character and no lone surrogate, so the text is valid JSON and valid UTF-8. */
  private static void assertIsSafeJsonText(String json) {
    assertThat(
            json.codePoints()
                .filter(
                    cp ->
                        cp < 0x20
                            || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)))
        .isEmpty();
  }

  static Gen<Ticket> tickets() {
    Gen<String> ids =
        strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 30).map(s -> "i" + s.strip());
    Gen<TicketId> ticketIds = uuids().map(TicketId::new);
    Gen<TicketRef> refs = longs().all().map(seed -> TicketRef.random(new SplittableRandom(seed)));
    Gen<Requester> requesters =
        Generate.oneOf(
            ids.map(id -> new Requester.Known(CustomerId.of(id))),
            anyText().map(local -> new Requester.Unknown("u" + local + "@example.org")));
    Gen<Tier> tiers = integers().between(1, Tier.MAX_LEVEL).map(Tier::of);
    Gen<SlaState> slas =
        instants()
            .toOptionals(40)
            .zip(
                instants().toOptionals(40),
                (deadline, check) -> new SlaState(deadline, check, Optional.empty(), List.of()));
    Gen<List<String>> participants = lists().of(anyText()).ofSizeBetween(0, 4);
    Gen<Map<String, String>> fields = maps().of(anyText(), anyText()).ofSizeBetween(0, 4);
    Gen<Integer> counts = integers().between(0, 1_000);
    return in ->
        new Ticket(
            ticketIds.generate(in),
            refs.generate(in),
            longs().between(0, Long.MAX_VALUE).generate(in),
            requesters.generate(in),
            ids.map(OrganizationId::of).toOptionals(40).generate(in),
            ids.map(DepartmentId::of).generate(in),
            Generate.enumValues(Priority.class).generate(in),
            ids.map(Category::of).toOptionals(40).generate(in),
            Generate.enumValues(Channel.class).generate(in),
            anyText().generate(in),
            tiers.generate(in),
            ids.map(AgentId::of).toOptionals(40).generate(in),
            Generate.enumValues(TicketStatus.class).generate(in),
            ImmutableSet.copyOf(participants.generate(in)),
            fields.generate(in),
            uuids().map(IncidentId::new).toOptionals(40).generate(in),
            ticketIds.toOptionals(60).generate(in),
            ticketIds.toOptionals(60).generate(in),
            counts.generate(in),
            counts.generate(in),
            booleans().all().generate(in),
            booleans().all().generate(in),
            instants().generate(in),
            instants().generate(in),
            instants().toOptionals(50).generate(in),
            slas.generate(in));
  }

  static Gen<UUID> uuids() {
    return longs().all().zip(longs().all(), UUID::new);
  }

  /** Any instant Java can represent, down to the nanosecond. */
  static Gen<Instant> instants() {
    return longs()
        .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
        .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
  }

  record Note(String text, List<String> lines, Map<String, String> fields) {}
}
