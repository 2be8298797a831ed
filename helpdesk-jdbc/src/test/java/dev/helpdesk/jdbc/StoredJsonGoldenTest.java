package dev.helpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.jdbc.internal.StoredJson;
import dev.helpdesk.jdbc.internal.StoredJson.OnceFlags;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.Incident;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored JSON against checked-in fixtures: every document the store writes encodes to exactly
 * its format-2 fixture and decodes from it, and the format-1 fixtures (written by the codec of
 * helpdesk 0.1) still decode to the same values. A renamed record component, type id or enum
 * constant fails here instead of silently changing stored data. To add a document type, add a
 * sample to {@link StoredSamples} and its fixture under {@code stored/format2}.
 */
class StoredJsonGoldenTest {
  private static final String ROOT = "/dev/helpdesk/jdbc/stored/";

  static Stream<String> documents() {
    return StoredSamples.documents().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("documents")
  void encodesToItsFixture(String name) {
    Object sample = StoredSamples.documents().get(name);

    assertThat(StoredJson.encode(sample)).isEqualTo(fixture("format2/" + name));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void decodesItsFixture(String name) {
    Object sample = StoredSamples.documents().get(name);

    assertThat(decode(fixture("format2/" + name), type(name))).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("documents")
  void decodesItsFormat1Fixture(String name) {
    String format1 = fixture("format1/" + name);
    assertThat(StoredJson.format(format1)).isEqualTo(1);

    assertThat(decode(format1, type(name))).isEqualTo(StoredSamples.documents().get(name));
  }

  @Test
  void everyEventTypeHasASampleAndAFixture() {
    List<Class<?>> types = new ArrayList<>();
    collectRecords(HelpdeskEvent.class, types);
    collectRecords(OutboxMessage.Payload.class, types);

    for (Class<?> type : types) {
      assertThat(StoredSamples.documents().values())
          .as("a sample of %s in StoredSamples", type.getName())
          .anyMatch(type::isInstance);
    }
    for (String name : StoredSamples.documents().keySet()) {
      assertThat(StoredJsonGoldenTest.class.getResource(ROOT + "format2/" + name + ".json"))
          .as("the fixture of %s", name)
          .isNotNull();
    }
  }

  @Test
  void aFormat1TicketTakesItsOnceFlagsFromItsEvents() {
    String format1 = fixture("format1/ticket");
    List<HelpdeskEvent> events = List.copyOf(StoredSamples.events().values());

    Ticket derived = StoredJson.decodeTicket(format1, t -> OnceFlags.derive(t, events));
    Ticket withoutEvents = StoredJson.decodeTicket(format1, t -> OnceFlags.derive(t, List.of()));

    assertThat(derived).isEqualTo(StoredSamples.ticket());
    assertThat(withoutEvents.feedbackGiven()).isFalse();
    assertThat(withoutEvents.unfixableCompensated()).isFalse();
  }

  @Test
  void feedbackBeforeTheLastClosingDoesNotCount() {
    Ticket ticket = StoredSamples.ticket();
    HelpdeskEvent early =
        new dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived(
            ticket.id(),
            3,
            StoredSamples.ALICE,
            StoredSamples.CLOSED_AT.minusNanos(1000),
            5,
            10,
            "");

    assertThat(OnceFlags.derive(ticket, List.of(early))).isEqualTo(new OnceFlags(false, false));
  }

  /** Decodes {@code json} as the store reads a document of this fixture name. */
  private static Object decode(String json, Class<?> type) {
    return type == Ticket.class
        ? StoredJson.decodeTicket(
            json, t -> OnceFlags.derive(t, List.copyOf(StoredSamples.events().values())))
        : StoredJson.decode(json, type);
  }

  private static Class<?> type(String name) {
    if (name.startsWith("event/")) {
      return HelpdeskEvent.class;
    } else if (name.startsWith("outbox/")) {
      return OutboxMessage.Payload.class;
    }
    return Map.<String, Class<?>>of(
            "ticket", Ticket.class,
            "thread-entry", ThreadEntry.class,
            "incident", Incident.class,
            "reply-template", ReplyTemplate.class)
        .get(name);
  }

  static void collectRecords(Class<?> sealed, List<Class<?>> into) {
    for (Class<?> sub : sealed.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        into.add(sub);
      } else {
        collectRecords(sub, into);
      }
    }
  }

  static String fixture(String name) {
    try (InputStream in = StoredJsonGoldenTest.class.getResourceAsStream(ROOT + name + ".json")) {
      if (in == null) {
        throw new AssertionError("no fixture " + ROOT + name + ".json");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the format-2 fixtures from the samples; run by hand, then review the diff. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0], "src/test/resources" + ROOT + "format2");
    for (Map.Entry<String, Object> e : StoredSamples.documents().entrySet()) {
      Path file = root.resolve(e.getKey() + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, StoredJson.encode(e.getValue()) + "\n", StandardCharsets.UTF_8);
    }
  }
}
