package dev.helpdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTemplateTest {
  @Test
  void render_fillsPlaceholders_andKeepsDollarSignsLiteral() {
    ReplyTemplate t =
        new ReplyTemplate("refund", "Hi {{ customer_name }}, $5 refunded on {{ticket_reference}}.");
    assertThat(t.render(Map.of("customer_name", "A$1ice", "ticket_reference", "HD-7KQ2M9XA")))
        .isEqualTo("Hi A$1ice, $5 refunded on HD-7KQ2M9XA.");
  }

  @Test
  void create_unknownPlaceholder_namesItAndTheKnownOnes() {
    assertThatThrownBy(() -> new ReplyTemplate("x", "{{customer_name}} {{password}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password")
        .hasMessageContaining("customer_name");
  }

  @Test
  void create_badName_isRejected() {
    assertThatThrownBy(() -> new ReplyTemplate("Bad Name", "body"))
        .hasMessageContaining("Bad Name");
  }
}
