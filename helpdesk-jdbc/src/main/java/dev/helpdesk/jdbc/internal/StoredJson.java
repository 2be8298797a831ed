package dev.helpdesk.jdbc.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.google.common.collect.ImmutableBiMap;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.ServiceLevelEvent;
import dev.helpdesk.event.ServiceLevelEvent.CompensationOwed;
import dev.helpdesk.event.ServiceLevelEvent.FeedbackReceived;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.spi.OutboxMessage;
import dev.helpdesk.ticket.Ticket;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The JSON of every document the JDBC store keeps (tickets, thread entries, events, outbox
 * payloads, incidents, reply templates), through one Jackson mapper configured here, so that core's
 * records stay free of annotations and the stored form is decided in one place.
 *
 * <p>The stored form: a document's first member is {@code "@format":2} ({@link #FORMAT}); a
 * document without it is format 1, written by the hand-made codec of helpdesk 0.1, and is read the
 * same way. A record of a sealed hierarchy carries {@code "@type"} with the stable id from {@link
 * #TYPE_IDS} (today the simple names format 1 used); id records ({@code TicketId}, {@code
 * CustomerId}, {@code Tier}, ...) are their bare value; {@code Instant} and the other {@code
 * java.time} values are their ISO text; empty optionals and empty collections are left out and read
 * back empty; unknown members are ignored. Decoding always runs the records' canonical
 * constructors, so their validation applies. Besides the format member, format 1 differs only in
 * lacking two Ticket members (see {@link #decodeTicket}) and in escaping (format 2 escapes every
 * surrogate and U+2028/U+2029, format 1 only lone surrogates), which reads alike.
 *
 * <p>Internal: public only for helpdesk-benchmarks. Thread-safe.
 */
public final class StoredJson {
  /** The format this version writes. */
  public static final int FORMAT = 2;

  private static final String FORMAT_MEMBER = "{\"@format\":";
  private static final String TYPE_MEMBER = "@type";

  /**
   * The stable {@code "@type"} of every record of a sealed hierarchy the store keeps. These ids are
   * stored data: renaming a core record must keep its id here, and an id must never change.
   */
  public static final ImmutableBiMap<String, Class<? extends Record>> TYPE_IDS =
      ImmutableBiMap.<String, Class<? extends Record>>builder()
          .put("TicketOpened", HelpdeskEvent.TicketOpened.class)
          .put("MessagePosted", HelpdeskEvent.MessagePosted.class)
          .put("ResolutionProposed", HelpdeskEvent.ResolutionProposed.class)
          .put("TicketClosed", HelpdeskEvent.TicketClosed.class)
          .put("TicketReopened", HelpdeskEvent.TicketReopened.class)
          .put("StatusChanged", HelpdeskEvent.StatusChanged.class)
          .put("TicketAssigned", HelpdeskEvent.TicketAssigned.class)
          .put("TicketTransferred", HelpdeskEvent.TicketTransferred.class)
          .put("TicketEscalated", HelpdeskEvent.TicketEscalated.class)
          .put("PriorityChanged", HelpdeskEvent.PriorityChanged.class)
          .put("TicketMerged", HelpdeskEvent.TicketMerged.class)
          .put("MarkedAsSpam", HelpdeskEvent.MarkedAsSpam.class)
          .put("IncidentLinked", HelpdeskEvent.IncidentLinked.class)
          .put("SlaWarningReached", ServiceLevelEvent.SlaWarningReached.class)
          .put("SlaBreached", ServiceLevelEvent.SlaBreached.class)
          .put("CompensationOwed", ServiceLevelEvent.CompensationOwed.class)
          .put("FeedbackReceived", ServiceLevelEvent.FeedbackReceived.class)
          .put("Customer", Actor.Customer.class)
          .put("Agent", Actor.Agent.class)
          .put("System", Actor.System.class)
          .put("Known", Requester.Known.class)
          .put("Unknown", Requester.Unknown.class)
          .put("Notification", Notification.class)
          .put("DurableEvent", OutboxMessage.DurableEvent.class)
          .buildOrThrow();

  /** The sealed roots whose records carry {@code "@type"}. */
  private static final List<Class<?>> SEALED_ROOTS =
      List.of(HelpdeskEvent.class, Actor.class, Requester.class, OutboxMessage.Payload.class);

  private static final ObjectMapper MAPPER = mapper();

  private StoredJson() {}

  /** The stored text of {@code document}, a record, with the format member first. */
  public static String encode(Object document) {
    requireNonNull(document, "document to encode must not be null");
    checkArgument(document instanceof Record, "stored documents are records, got %s", document);
    String body;
    try {
      body = MAPPER.writeValueAsString(document);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot store a " + document.getClass().getName() + ": " + e.getOriginalMessage(), e);
    }
    return FORMAT_MEMBER + FORMAT + (body.length() == 2 ? "}" : "," + body.substring(1));
  }

  /** The stable type id of an event, as the store's {@code events.type} column holds it. */
  public static String typeId(HelpdeskEvent event) {
    String id = TYPE_IDS.inverse().get(event.getClass());
    checkArgument(id != null, "no stored type id for %s", event.getClass().getName());
    return id;
  }

  /**
   * Reads a stored document of any format as a {@code type}.
   *
   * @throws IllegalArgumentException if the text is malformed, from a newer format, or does not
   *     make a valid {@code type}
   */
  public static <T> T decode(String json, Class<T> type) {
    requireNonNull(json, "json must not be null");
    requireNonNull(type, "type must not be null");
    format(json);
    try {
      return MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      throw invalid(type, json, e);
    }
  }

  /**
   * Reads a stored ticket. A format-1 ticket predates its {@code feedbackGiven} and {@code
   * unfixableCompensated} members; for it, {@code legacy} derives them from the ticket's events
   * (see {@link OnceFlags#derive}) instead of defaulting them, since once-only rules read them.
   */
  public static Ticket decodeTicket(String json, Function<Ticket, OnceFlags> legacy) {
    requireNonNull(legacy, "legacy must not be null");
    if (format(json) >= 2) {
      return decode(json, Ticket.class);
    }
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
      Ticket unflagged = MAPPER.treeToValue(flags(tree, new OnceFlags(false, false)), Ticket.class);
      OnceFlags derived = legacy.apply(unflagged);
      return derived.feedbackGiven() || derived.unfixableCompensated()
          ? MAPPER.treeToValue(flags(tree, derived), Ticket.class)
          : unflagged;
    } catch (JacksonException | ClassCastException e) {
      throw invalid(Ticket.class, json, e);
    }
  }

  /**
   * The id of a stored ticket, read without decoding the rest: the store needs the ids of a page's
   * format-1 tickets to load their events before decoding them.
   *
   * @throws IllegalArgumentException if the text is malformed or has no valid top-level {@code id}
   */
  public static TicketId ticketId(String json) {
    try (JsonParser p = MAPPER.createParser(json)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (p.nextToken() == JsonToken.VALUE_STRING && name.equals("id")) {
            return TicketId.parse(p.getText());
          }
          p.skipChildren();
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw invalid(Ticket.class, json, e);
    }
    throw new IllegalArgumentException("stored ticket has no id: " + abbreviate(json));
  }

  private static ObjectNode flags(ObjectNode ticket, OnceFlags flags) {
    return ticket
        .put("feedbackGiven", flags.feedbackGiven())
        .put("unfixableCompensated", flags.unfixableCompensated());
  }

  /**
   * The format of a stored document: the number of its leading {@code "@format"} member, or 1.
   *
   * @throws IllegalArgumentException for a format newer than {@link #FORMAT}
   */
  public static int format(String json) {
    if (!json.startsWith(FORMAT_MEMBER)) {
      return 1;
    }
    int end = FORMAT_MEMBER.length();
    while (end < json.length() && Character.isDigit(json.charAt(end))) {
      end++;
    }
    int format;
    try {
      format = Integer.parseInt(json.substring(FORMAT_MEMBER.length(), end));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "stored document has a malformed @format: " + abbreviate(json), e);
    }
    checkArgument(
        format >= 2 && format <= FORMAT,
        "stored document has format %s, but this helpdesk-jdbc reads formats 1 to %s: %s",
        format,
        FORMAT,
        abbreviate(json));
    return format;
  }

  private static IllegalArgumentException invalid(Class<?> type, String json, Exception e) {
    String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      why = cause.getMessage();
    }
    String path = e instanceof JsonMappingException m ? m.getPathReference() : "";
    return new IllegalArgumentException(
        "cannot read a stored "
            + type.getSimpleName()
            + " ("
            + path
            + "): "
            + why
            + " in "
            + abbreviate(json),
        e);
  }

  private static String abbreviate(String json) {
    return json.length() > 200 ? json.substring(0, 200) + "..." : json;
  }

  /**
   * The two once-only flags of a ticket, which format 1 did not store.
   *
   * @param feedbackGiven the customer rated the ticket since it was last closed
   * @param unfixableCompensated the credit for a problem declared unfixable was owed already
   */
  public record OnceFlags(boolean feedbackGiven, boolean unfixableCompensated) {
    /** The event types {@link #derive} reads, to load no others. */
    public static final List<String> EVENT_TYPES =
        List.of(typeIdOf(FeedbackReceived.class), typeIdOf(CompensationOwed.class));

    /**
     * The flags as the ticket's events imply: feedback given when the ticket is closed and a {@code
     * FeedbackReceived} is at or after its closing; unfixable compensated when a {@code
     * CompensationOwed} carries the unfixable once-key of the ticket.
     */
    public static OnceFlags derive(Ticket ticket, List<HelpdeskEvent> events) {
      String unfixableKey = "compensation:unfixable:" + ticket.id();
      boolean feedback = false;
      boolean compensated = false;
      for (HelpdeskEvent e : events) {
        feedback |=
            e instanceof FeedbackReceived
                && ticket.status() == TicketStatus.CLOSED
                && ticket.closedAt().isPresent()
                && !e.at().isBefore(ticket.closedAt().get());
        compensated |= e instanceof CompensationOwed c && c.idempotencyKey().equals(unfixableKey);
      }
      return new OnceFlags(feedback, compensated);
    }
  }

  private static String typeIdOf(Class<? extends Record> type) {
    return TYPE_IDS.inverse().get(type);
  }

  // ---------------------------------------------------------------- the mapper

  private static ObjectMapper mapper() {
    requireEveryRecordHasATypeId();
    SimpleModule module = new SimpleModule("helpdesk-stored-json");
    id(module, TicketId.class, UUID.class, TicketId::value, TicketId::new);
    id(module, EntryId.class, UUID.class, EntryId::value, EntryId::new);
    id(module, IncidentId.class, UUID.class, IncidentId::value, IncidentId::new);
    id(module, TicketRef.class, String.class, TicketRef::value, TicketRef::new);
    id(module, CustomerId.class, String.class, CustomerId::value, CustomerId::new);
    id(module, AgentId.class, String.class, AgentId::value, AgentId::new);
    id(module, DepartmentId.class, String.class, DepartmentId::value, DepartmentId::new);
    id(module, OrganizationId.class, String.class, OrganizationId::value, OrganizationId::new);
    id(module, PlanId.class, String.class, PlanId::value, PlanId::new);
    id(module, Category.class, String.class, Category::value, Category::new);
    id(module, Tier.class, Integer.class, Tier::level, Tier::new);
    text(module, Instant.class, Instant::parse);
    text(module, Duration.class, Duration::parse);
    text(module, LocalDate.class, LocalDate::parse);
    text(module, LocalTime.class, LocalTime::parse);
    text(module, ZoneId.class, ZoneId::of);
    // Sets keep the order of the text, as format 1 did; the records copy them into immutable sets.
    module.addAbstractTypeMapping(Set.class, LinkedHashSet.class);
    JsonMapper.Builder b =
        JsonMapper.builder(new JsonFactory().setCharacterEscapes(new SafeEscapes()))
            .addModule(new Jdk8Module())
            .addModule(module)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(
                LogicalType.Textual,
                c ->
                    c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    for (Class<?> root : SEALED_ROOTS) {
      b.addMixIn(root, TypedMixin.class);
    }
    TYPE_IDS.forEach((id, type) -> b.registerSubtypes(new NamedType(type, id)));
    // Empty collections are left out of the text and read back empty, as format 1 did.
    for (Class<?> c : List.of(Collection.class, List.class, Set.class, Map.class)) {
      b.withConfigOverride(
          c,
          o -> {
            o.setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
            o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
          });
    }
    return b.build();
  }

  /** Fails fast when core gains a record in a sealed hierarchy that has no stable type id yet. */
  private static void requireEveryRecordHasATypeId() {
    List<Class<?>> missing = new ArrayList<>();
    for (Class<?> root : SEALED_ROOTS) {
      collectRecords(root, missing);
    }
    missing.removeAll(TYPE_IDS.values());
    checkState(missing.isEmpty(), "StoredJson.TYPE_IDS needs a stable type id for %s", missing);
  }

  /** Every record below the sealed interface {@code sealed}, added to {@code into}. */
  private static void collectRecords(Class<?> sealed, Collection<Class<?>> into) {
    for (Class<?> sub : sealed.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        into.add(sub);
      } else {
        collectRecords(sub, into);
      }
    }
  }

  /** Puts the type id of a sealed hierarchy's records in their {@code "@type"} member. */
  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.PROPERTY,
      property = TYPE_MEMBER)
  private interface TypedMixin {}

  /** Writes the id record {@code type} as its single value and reads it through its constructor. */
  private static <T, V> void id(
      SimpleModule module,
      Class<T> type,
      Class<V> valueType,
      Function<T, V> value,
      Function<V, T> create) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T id, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            Object v = value.apply(id);
            if (v instanceof Integer i) {
              gen.writeNumber(i);
            } else {
              gen.writeString(v.toString());
            }
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            V v = ctx.readValue(p, valueType);
            try {
              return create.apply(v);
            } catch (IllegalArgumentException | NullPointerException e) {
              return ctx.reportInputMismatch(type, "%s", e.getMessage());
            }
          }
        });
  }

  /** Writes {@code type} as its {@code toString()} and reads it with {@code parse}. */
  private static <T> void text(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = ctx.readValue(p, String.class);
            try {
              return parse.apply(text);
            } catch (RuntimeException e) {
              return ctx.reportInputMismatch(
                  type, "expected a %s, got '%s'", type.getSimpleName(), text);
            }
          }
        });
  }

  /**
   * Escapes surrogates and the JavaScript line separators besides the control characters JSON
   * requires: a lone surrogate would make the text invalid UTF-8, which PostgreSQL refuses.
   */
  private static final class SafeEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (Character.isSurrogate((char) ch) || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
