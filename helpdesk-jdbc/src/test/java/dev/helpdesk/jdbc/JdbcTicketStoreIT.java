package dev.helpdesk.jdbc;

import dev.helpdesk.spi.TicketStore;
import dev.helpdesk.testing.TicketStoreContract;
import org.junit.jupiter.api.Nested;

/** The JDBC ticket store passes the common contract on every supported database. */
class JdbcTicketStoreIT {

  @Nested
  class OnH2 implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.h2()).ticketStore();
    }
  }

  @Nested
  class OnPostgresql implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.postgresql()).ticketStore();
    }
  }

  @Nested
  class OnMariadb implements TicketStoreContract {
    @Override
    public TicketStore newStore() {
      return JdbcStore.create(TestDatabases.mariadb()).ticketStore();
    }
  }
}
