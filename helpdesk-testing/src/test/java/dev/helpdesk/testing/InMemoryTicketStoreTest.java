package dev.helpdesk.testing;

import dev.helpdesk.spi.TicketStore;

class InMemoryTicketStoreTest implements TicketStoreContract {
  @Override
  public TicketStore newStore() {
    return new InMemoryTicketStore();
  }
}
