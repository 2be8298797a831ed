package dev.helpdesk.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.Primitives;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns the domain's records into JSON text and back, so adapters can store tickets, events and
 * outbox payloads as text and anyone can rely on one stable wire form. It is generic over records
 * (decoding always runs the canonical constructor, so validation applies), encodes a record that
 * implements a sealed interface with an {@code "@type"} member holding its simple name, writes
 * single-value id records such as {@code TicketId} as their bare value, omits empty {@code
 * Optional} members and ignores unknown members when decoding, for forward compatibility.
 *
 * <p>Supported values: records, sealed interfaces of records, enums, {@code String}, {@code
 * boolean}, {@code int}, {@code long}, {@code double} and their boxes, {@code Instant}, {@code
 * Duration}, {@code LocalDate}, {@code LocalTime}, {@code ZoneId}, {@code UUID}, {@code Currency},
 * {@code Optional}, {@code List}, {@code Set} and {@code Map} (keys: strings, enums, UUIDs, numbers
 * or id records). Collections decode to immutable Guava collections in the order of the text.
 * Thread-safe; reflective metadata is computed once per class.
 */
public final class JsonCodec {

  private static final String TYPE_MEMBER = "@type";

  private static final Map<Class<?>, Function<String, ?>> TEXT_TYPES =
      ImmutableMap.<Class<?>, Function<String, ?>>builder()
          .put(Instant.class, Instant::parse)
          .put(Duration.class, Duration::parse)
          .put(LocalDate.class, LocalDate::parse)
          .put(LocalTime.class, LocalTime::parse)
          .put(ZoneId.class, ZoneId::of)
          .put(UUID.class, UUID::fromString)
          .put(Currency.class, Currency::getInstance)
          .buildOrThrow();

  private static final Set<Class<?>> COMPACT_COMPONENT_TYPES =
      ImmutableSet.of(String.class, UUID.class, long.class, int.class);

  private static final ClassValue<RecordInfo> RECORDS =
      new ClassValue<>() {
        @Override
        protected RecordInfo computeValue(Class<?> type) {
          return new RecordInfo(type);
        }
      };

  private static final ClassValue<Map<String, Class<?>>> SEALED_SUBTYPES =
      new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> type) {
          Map<String, Class<?>> byName = new LinkedHashMap<>();
          collectRecords(type, type, byName);
          return ImmutableMap.copyOf(byName);
        }
      };

  private JsonCodec() {}

  /**
   * The JSON text of {@code value}.
   *
   * @throws IllegalArgumentException if the value holds a type the codec does not support, or a
   *     non-finite double
   */
  public static String encode(Object value) {
    requireNonNull(value, "value to encode must not be null");
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  /**
   * Reads {@code json} as a {@code type}, through its canonical constructor if it is a record.
   *
   * @throws IllegalArgumentException if the text is malformed (naming the position), a required
   *     member is missing, or a value does not fit its type or fails the type's validation
   */
  public static <T> T decode(String json, Class<T> type) {
    requireNonNull(type, "type must not be null");
    return Primitives.wrap(type).cast(decode(json, (Type) type));
  }

  /**
   * Reads {@code json} as the generic {@code type}, such as {@code List<Ticket>} obtained from a
   * field or method signature.
   *
   * @throws IllegalArgumentException as {@link #decode(String, Class)} does
   */
  public static Object decode(String json, Type type) {
    requireNonNull(json, "json must not be null");
    requireNonNull(type, "type must not be null");
    return read(JsonText.parse(json), type);
  }

  // ---------------------------------------------------------------- encoding

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      JsonText.writeString(s, out);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Double d) {
      checkArgument(Double.isFinite(d), "JSON has no representation for the double %s", d);
      out.append(d.doubleValue());
    } else if (value instanceof Enum<?> e) {
      JsonText.writeString(e.name(), out);
    } else if (isTextType(value)) {
      JsonText.writeString(value.toString(), out);
    } else if (value instanceof Optional<?> o) {
      write(o.orElse(null), out);
    } else if (value instanceof Collection<?> c) {
      writeArray(c, out);
    } else if (value instanceof Map<?, ?> m) {
      writeMap(m, out);
    } else if (value instanceof Record r) {
      writeRecord(r, out);
    } else {
      throw new IllegalArgumentException(
          "JsonCodec cannot encode a " + value.getClass().getName() + ": " + value);
    }
  }

  private static boolean isTextType(Object value) {
    return value instanceof Instant
        || value instanceof Duration
        || value instanceof LocalDate
        || value instanceof LocalTime
        || value instanceof ZoneId
        || value instanceof UUID
        || value instanceof Currency;
  }

  private static void writeArray(Collection<?> values, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object v : values) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(v, out);
    }
    out.append(']');
  }

  private static void writeMap(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonText.writeString(keyText(e.getKey()), out);
      out.append(':');
      write(e.getValue(), out);
    }
    out.append('}');
  }

  private static String keyText(Object key) {
    if (key instanceof String s) {
      return s;
    } else if (key instanceof Enum<?> e) {
      return e.name();
    } else if (key instanceof UUID || key instanceof Integer || key instanceof Long) {
      return key.toString();
    } else if (key instanceof Record r && RECORDS.get(r.getClass()).compact) {
      return keyText(RECORDS.get(r.getClass()).components.get(0).get(r));
    }
    throw new IllegalArgumentException(
        "JsonCodec cannot use a "
            + (key == null ? "null" : key.getClass().getName())
            + " as a map key: keys must be strings, enums, UUIDs, numbers or single-value records");
  }

  private static void writeRecord(Record record, StringBuilder out) {
    RecordInfo info = RECORDS.get(record.getClass());
    if (info.compact) {
      write(info.components.get(0).get(record), out);
      return;
    }
    out.append('{');
    boolean first = true;
    if (info.typeName != null) {
      JsonText.writeString(TYPE_MEMBER, out);
      out.append(':');
      JsonText.writeString(info.typeName, out);
      first = false;
    }
    for (Component c : info.components) {
      Object v = c.get(record);
      if (v instanceof Optional<?> o && o.isEmpty()) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonText.writeString(c.name, out);
      out.append(':');
      write(v, out);
    }
    out.append('}');
  }

  // ---------------------------------------------------------------- decoding

  private static Object read(Object node, Type type) {
    Class<?> raw = rawType(type);
    if (raw == Optional.class) {
      return node == null ? Optional.empty() : Optional.of(read(node, typeArgument(type, 0)));
    }
    if (node == null) {
      checkArgument(!raw.isPrimitive(), "expected a %s, got null", raw.getName());
      return null;
    }
    if (raw == List.class || raw == Collection.class || raw == ImmutableList.class) {
      ImmutableList.Builder<Object> list = ImmutableList.builder();
      readElements(node, typeArgument(type, 0), list);
      return list.build();
    }
    if (raw == Set.class || raw == ImmutableSet.class) {
      ImmutableSet.Builder<Object> set = ImmutableSet.builder();
      readElements(node, typeArgument(type, 0), set);
      return set.build();
    }
    if (raw == Map.class || raw == ImmutableMap.class) {
      return readMap(node, typeArgument(type, 0), typeArgument(type, 1));
    }
    return readValue(node, raw);
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    } else if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    } else if (type instanceof WildcardType w) {
      return rawType(w.getUpperBounds()[0]);
    }
    throw new IllegalArgumentException("JsonCodec cannot decode the type " + type.getTypeName());
  }

  private static Type typeArgument(Type type, int index) {
    Type t = type instanceof WildcardType w ? w.getUpperBounds()[0] : type;
    checkArgument(
        t instanceof ParameterizedType,
        "JsonCodec needs the type arguments of %s to decode it",
        t.getTypeName());
    return ((ParameterizedType) t).getActualTypeArguments()[index];
  }

  private static void readElements(
      Object node, Type elementType, ImmutableCollection.Builder<Object> into) {
    checkArgument(node instanceof List<?>, "expected an array, got %s", describe(node));
    List<?> elements = (List<?>) node;
    for (int i = 0; i < elements.size(); i++) {
      try {
        Object element = read(elements.get(i), elementType);
        checkArgument(element != null, "expected a value, got null");
        into.add(element);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("[" + i + "]: " + e.getMessage(), e);
      }
    }
  }

  private static Map<Object, Object> readMap(Object node, Type keyType, Type valueType) {
    checkArgument(node instanceof Map<?, ?>, "expected an object, got %s", describe(node));
    Class<?> rawKey = rawType(keyType);
    ImmutableMap.Builder<Object, Object> map = ImmutableMap.builder();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
      String key = (String) e.getKey();
      try {
        Object value = read(e.getValue(), valueType);
        checkArgument(value != null, "expected a value, got null");
        map.put(readKey(key, rawKey), value);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("['" + key + "']: " + ex.getMessage(), ex);
      }
    }
    return map.buildOrThrow();
  }

  private static Object readKey(String key, Class<?> type) {
    if (type == String.class) {
      return key;
    } else if (type.isEnum()) {
      return readEnum(key, type);
    } else if (type == UUID.class) {
      return readText(key, UUID.class);
    } else if (type == Integer.class || type == int.class) {
      return (int) readLong(new JsonText.Number(key), Integer.MIN_VALUE, Integer.MAX_VALUE);
    } else if (type == Long.class || type == long.class) {
      return readLong(new JsonText.Number(key), Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (type.isRecord() && RECORDS.get(type).compact) {
      RecordInfo info = RECORDS.get(type);
      return info.construct(readKey(key, info.components.get(0).rawType));
    }
    throw new IllegalArgumentException(
        "JsonCodec cannot use a "
            + type.getName()
            + " as a map key: keys must be strings, enums, UUIDs, numbers or single-value records");
  }

  private static Object readValue(Object node, Class<?> type) {
    if (type == String.class) {
      return string(node);
    } else if (type == boolean.class || type == Boolean.class) {
      checkArgument(node instanceof Boolean, "expected true or false, got %s", describe(node));
      return node;
    } else if (type == int.class || type == Integer.class) {
      return (int) readLong(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
    } else if (type == long.class || type == Long.class) {
      return readLong(node, Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (type == double.class || type == Double.class) {
      checkArgument(node instanceof JsonText.Number, "expected a number, got %s", describe(node));
      return Double.parseDouble(((JsonText.Number) node).text());
    } else if (type.isEnum()) {
      return readEnum(string(node), type);
    } else if (TEXT_TYPES.containsKey(type)) {
      return readText(string(node), type);
    } else if (type.isRecord()) {
      return readRecord(node, RECORDS.get(type));
    } else if (type.isSealed() && type.isInterface()) {
      return readSealed(node, type);
    }
    throw new IllegalArgumentException("JsonCodec cannot decode a " + type.getName());
  }

  private static String string(Object node) {
    checkArgument(node instanceof String, "expected a string, got %s", describe(node));
    return (String) node;
  }

  private static long readLong(Object node, long min, long max) {
    checkArgument(node instanceof JsonText.Number, "expected a number, got %s", describe(node));
    String text = ((JsonText.Number) node).text();
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        // Integers in exponent form, like 1e3, are valid JSON for whole numbers.
        value = new BigDecimal(text).longValueExact();
      } catch (NumberFormatException | ArithmeticException notIntegral) {
        throw new IllegalArgumentException("expected a whole number, got " + text, notIntegral);
      }
    }
    checkArgument(value >= min && value <= max, "number %s is out of range", text);
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object readEnum(String name, Class<?> type) {
    try {
      return Enum.valueOf((Class) type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + name + "'", e);
    }
  }

  private static Object readText(String text, Class<?> type) {
    try {
      return TEXT_TYPES.get(type).apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "expected a " + type.getSimpleName() + ", got '" + text + "'", e);
    }
  }

  private static Object readSealed(Object node, Class<?> type) {
    checkArgument(
        node instanceof Map<?, ?>,
        "expected an object for %s, got %s",
        type.getSimpleName(),
        describe(node));
    Map<String, Class<?>> subtypes = SEALED_SUBTYPES.get(type);
    Object name = ((Map<?, ?>) node).get(TYPE_MEMBER);
    checkArgument(
        name instanceof String,
        "%s needs a string member '%s', one of %s",
        type.getSimpleName(),
        TYPE_MEMBER,
        subtypes.keySet());
    Class<?> subtype = subtypes.get(name);
    checkArgument(
        subtype != null,
        "unknown %s '%s' for %s, expected one of %s",
        TYPE_MEMBER,
        name,
        type.getSimpleName(),
        subtypes.keySet());
    return readRecord(node, RECORDS.get(subtype));
  }

  private static Object readRecord(Object node, RecordInfo info) {
    if (info.compact) {
      Object value;
      try {
        value = read(node, info.components.get(0).type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(info.name() + ": " + e.getMessage(), e);
      }
      return info.construct(value);
    }
    checkArgument(
        node instanceof Map<?, ?>,
        "expected an object for %s, got %s",
        info.name(),
        describe(node));
    Map<?, ?> members = (Map<?, ?>) node;
    Object typeName = members.get(TYPE_MEMBER);
    checkArgument(
        typeName == null || info.typeName == null || typeName.equals(info.typeName),
        "expected %s '%s', got %s",
        TYPE_MEMBER,
        info.typeName,
        describe(typeName));
    Object[] args = new Object[info.components.size()];
    for (int i = 0; i < args.length; i++) {
      Component c = info.components.get(i);
      Object value = members.get(c.name);
      if (value == null && c.rawType != Optional.class && !members.containsKey(c.name)) {
        throw new IllegalArgumentException(info.name() + " is missing the member '" + c.name + "'");
      }
      try {
        args[i] = read(value, c.type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(info.name() + "." + c.name + ": " + e.getMessage(), e);
      }
    }
    return info.construct(args);
  }

  private static String describe(Object node) {
    if (node == null) {
      return "null";
    } else if (node instanceof String s) {
      return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    } else if (node instanceof JsonText.Number n) {
      return "the number " + n.text();
    } else if (node instanceof Boolean b) {
      return b.toString();
    } else if (node instanceof List<?>) {
      return "an array";
    }
    return "an object";
  }

  // ---------------------------------------------------------------- metadata

  private static void collectRecords(Class<?> root, Class<?> sealed, Map<String, Class<?>> byName) {
    for (Class<?> sub : sealed.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        Class<?> clash = byName.putIfAbsent(sub.getSimpleName(), sub);
        checkArgument(
            clash == null || clash == sub,
            "JsonCodec needs unique simple names below %s, but %s and %s are both '%s'",
            root.getName(),
            clash == null ? "" : clash.getName(),
            sub.getName(),
            sub.getSimpleName());
      } else if (sub.isInterface() && sub.isSealed()) {
        collectRecords(root, sub, byName);
      } else {
        throw new IllegalArgumentException(
            "JsonCodec supports only records and sealed interfaces below "
                + root.getName()
                + ", found "
                + sub.getName());
      }
    }
  }

  /** Every sealed interface {@code type} implements, directly or through others. */
  private static List<Class<?>> sealedSupertypes(Class<?> type) {
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> i : type.getInterfaces()) {
      if (i.isSealed()) {
        found.add(i);
      }
      found.addAll(sealedSupertypes(i));
    }
    return found;
  }

  /** One record component: its name, declared type and accessor. */
  private static final class Component {
    final String name;
    final Type type;
    final Class<?> rawType;
    final Method accessor;

    Component(RecordComponent component) {
      this.name = component.getName();
      this.type = component.getGenericType();
      this.rawType = component.getType();
      this.accessor = component.getAccessor();
      accessor.trySetAccessible();
    }

    Object get(Record record) {
      try {
        return accessor.invoke(record);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("JsonCodec cannot read " + accessor, e);
      } catch (InvocationTargetException e) {
        throw rethrow(e);
      }
    }
  }

  /** What the codec needs to know about one record class, computed once. */
  private static final class RecordInfo {
    final Class<?> type;
    final List<Component> components;
    final Constructor<?> constructor;
    // The "@type" of a record in a sealed hierarchy; null for a record standing alone.
    final String typeName;
    // Written as its single value: one String, UUID, long or int, and no "@type" to carry.
    final boolean compact;

    RecordInfo(Class<?> type) {
      this.type = type;
      RecordComponent[] rc = type.getRecordComponents();
      this.components = Arrays.stream(rc).map(Component::new).toList();
      try {
        this.constructor =
            type.getDeclaredConstructor(
                Arrays.stream(rc).map(RecordComponent::getType).toArray(Class[]::new));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(
            "record " + type.getName() + " has no canonical constructor", e);
      }
      constructor.trySetAccessible();
      List<Class<?>> sealed = sealedSupertypes(type);
      // Computing each hierarchy checks now that this record's simple name is unique in it.
      sealed.forEach(SEALED_SUBTYPES::get);
      this.typeName = sealed.isEmpty() ? null : type.getSimpleName();
      this.compact =
          typeName == null && rc.length == 1 && COMPACT_COMPONENT_TYPES.contains(rc[0].getType());
    }

    String name() {
      return type.getSimpleName();
    }

    Object construct(Object... args) {
      try {
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw new IllegalArgumentException(
              "cannot create " + name() + ": " + cause.getMessage(), cause);
        }
        throw rethrow(e);
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException("JsonCodec cannot create " + type.getName(), e);
      }
    }
  }

  private static RuntimeException rethrow(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(cause);
  }
}
