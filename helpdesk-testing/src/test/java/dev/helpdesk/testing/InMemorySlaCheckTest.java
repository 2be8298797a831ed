package dev.helpdesk.testing;

import dev.helpdesk.spi.TicketStore;

class InMemorySlaCheckTest implements SlaCheckContract {
  @Override
  public TicketStore newStore() {
    return new InMemoryTicketStore();
  }

  @Override
  public int examples() {
    return 1_000;
  }
}
