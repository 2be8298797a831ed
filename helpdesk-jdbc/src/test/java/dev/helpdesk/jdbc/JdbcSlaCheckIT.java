package dev.helpdesk.jdbc;

import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.SlaCheckContract;
import org.junit.jupiter.api.Nested;

/**
 * SLA checks on every supported database: the due index, and once-only warnings and breaches with
 * two desks (nodes) checking at the same time.
 */
class JdbcSlaCheckIT {
  /** Each example opens a fresh database; a few dozen schedules keep the suite fast. */
  private static final int EXAMPLES = 20;

  @Nested
  class OnH2 implements SlaCheckContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.h2()).ticketStore();
    }

    @Override
    public int examples() {
      return EXAMPLES;
    }
  }

  @Nested
  class OnPostgresql implements SlaCheckContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.postgresql()).ticketStore();
    }

    @Override
    public int examples() {
      return EXAMPLES;
    }
  }

  @Nested
  class OnMariadb implements SlaCheckContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.mariadb()).ticketStore();
    }

    @Override
    public int examples() {
      return EXAMPLES;
    }
  }
}
