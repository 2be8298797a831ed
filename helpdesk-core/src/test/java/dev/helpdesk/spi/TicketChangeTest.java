package dev.helpdesk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.sla.SlaState;
import dev.helpdesk.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketChangeTest {
  private static final Instant AT = Instant.parse("2026-03-14T09:26:53Z");
  private static final Ticket TICKET =
      new Ticket(
          new TicketId(UUID.fromString("6f1d2c3b-0a4e-4f5a-9b8c-7d6e5f4a3b2c")),
          new TicketRef("HD-7KQ2M9XA"),
          17,
          new Requester.Unknown("stranger@example.org"),
          Optional.empty(),
          DepartmentId.of("billing"),
          Priority.URGENT,
          Optional.empty(),
          Channel.WEB,
          "Refund please",
          Tier.L1,
          Optional.empty(),
          TicketStatus.OPEN,
          Set.of(),
          Map.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          0,
          0,
          false,
          false,
          AT,
          AT,
          Optional.empty(),
          SlaState.NONE);

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
