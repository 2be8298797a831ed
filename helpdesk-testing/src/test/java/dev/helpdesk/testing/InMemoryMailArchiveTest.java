package dev.helpdesk.testing;

import dev.helpdesk.spi.MailArchive;

/** The in-memory archive, which tests and demos stand in for a real one, passes the contract. */
class InMemoryMailArchiveTest implements MailArchiveContract {
  @Override
  public MailArchive newArchive() {
    return new InMemoryMailArchive();
  }
}
