package dev.helpdesk.jdbc;

import dev.helpdesk.spi.MailArchive;
import dev.helpdesk.testing.MailArchiveContract;
import org.junit.jupiter.api.Nested;

/**
 * The JDBC mail archive passes the common contract on every supported database, each test on a
 * fresh database so that no test sees another's mail.
 */
class JdbcMailArchiveIT {

  /** The embedded default, so most desks' archive. */
  @Nested
  class OnH2 implements MailArchiveContract {
    @Override
    public MailArchive newArchive() {
      return JdbcStore.create(TestDatabases.h2()).mailArchive();
    }
  }

  /** PostgreSQL, whose failed insert aborts its transaction. */
  @Nested
  class OnPostgresql implements MailArchiveContract {
    @Override
    public MailArchive newArchive() {
      return JdbcStore.create(TestDatabases.postgresql()).mailArchive();
    }
  }

  /** MariaDB, whose DATETIME columns keep UTC wall time. */
  @Nested
  class OnMariadb implements MailArchiveContract {
    @Override
    public MailArchive newArchive() {
      return JdbcStore.create(TestDatabases.mariadb()).mailArchive();
    }
  }
}
