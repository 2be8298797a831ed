package dev.helpdesk.jdbc;

import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.EntryId;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;

/**
 * The argument factories and column mappers the store registers on its {@link Jdbi}, so that its
 * statements bind and read ids and instants as themselves: the id records as their text (VARCHAR),
 * and {@code Instant} as the dialect stores it ({@link Dialect#timestamp}); a null binds as SQL
 * NULL of the column's type.
 */
final class JdbiTypes {
  private JdbiTypes() {}

  static void register(Jdbi jdbi, Dialect dialect) {
    jdbi.registerArgument(
        argument(
            Instant.class,
            dialect == Dialect.MARIADB ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE,
            dialect::timestamp));
    jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> dialect.instant(rs, column));
    id(jdbi, TicketId.class, TicketId::toString, TicketId::parse);
    id(jdbi, EntryId.class, EntryId::toString, EntryId::parse);
    id(jdbi, IncidentId.class, IncidentId::toString, IncidentId::parse);
    id(jdbi, TicketRef.class, TicketRef::value, TicketRef::new);
    id(jdbi, DepartmentId.class, DepartmentId::value, DepartmentId::new);
    id(jdbi, CustomerId.class, CustomerId::value, CustomerId::new);
    id(jdbi, OrganizationId.class, OrganizationId::value, OrganizationId::new);
  }

  private static <T> void id(
      Jdbi jdbi, Class<T> type, Function<T, String> text, Function<String, T> parse) {
    jdbi.registerArgument(
        argument(
            type,
            Types.VARCHAR,
            value -> {
              String s = text.apply(value);
              return (position, statement, ctx) -> statement.setString(position, s);
            }));
    jdbi.registerColumnMapper(
        type,
        (rs, column, ctx) -> {
          String s = rs.getString(column);
          return s == null ? null : parse.apply(s);
        });
  }

  /**
   * Binds values of exactly {@code type} with {@code build}, and null as SQL NULL of {@code
   * sqlType}.
   */
  private static <T> ArgumentFactory.Preparable argument(
      Class<T> type, int sqlType, Function<T, Argument> build) {
    Argument nullValue = (position, statement, ctx) -> statement.setNull(position, sqlType);
    return new ArgumentFactory.Preparable() {
      @Override
      public Optional<Function<Object, Argument>> prepare(Type target, ConfigRegistry config) {
        return GenericTypes.getErasedType(target) == type
            ? Optional.of(value -> value == null ? nullValue : build.apply(type.cast(value)))
            : Optional.empty();
      }
    };
  }
}
