package dev.helpdesk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.ticket.Ticket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketChangeTest {
  private static final Ticket TICKET = JsonCodecTest.ticket();

  private static TicketChange withOnceKeys(Set<String> keys) {
    return new TicketChange(TICKET, TICKET.version() - 1, List.of(), List.of(), List.of(), keys);
  }

  @Test
  void onceKeys_ofOneAndTwoHundredCharacters_areAccepted() {
    String longest = "k".repeat(TicketChange.ONCE_KEY_MAX);

    assertThat(withOnceKeys(Set.of("k", longest)).onceKeys())
        .containsExactlyInAnyOrder("k", longest);
  }

  @Test
  void onceKey_longerThanTwoHundred_isRejectedNamingItAndItsLength() {
    String key = "sla:" + "x".repeat(197);

    assertThatThrownBy(() -> withOnceKeys(Set.of("ok", key)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-200 characters")
        .hasMessageContaining(key)
        .hasMessageContaining("201 characters");
  }

  @Test
  void onceKey_emptyOrBlank_isRejected() {
    assertThatThrownBy(() -> withOnceKeys(Set.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not blank, got ''");
    assertThatThrownBy(() -> withOnceKeys(Set.of(" \t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("once-key");
  }
}
