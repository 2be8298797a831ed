package dev.helpdesk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.ticket.AttachmentRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands reject a missing value by naming it, as the README promises. */
class OpenTicketTest {
  private static final CustomerId ALICE = CustomerId.of("alice");
  private static final DepartmentId TECH = DepartmentId.of("tech");

  private static OpenTicket valid() {
    return OpenTicket.byCustomer(ALICE, TECH, "Site down", "HTTP 500");
  }

  @Test
  void nullDepartment_isNamed() {
    assertThatThrownBy(() -> OpenTicket.byCustomer(ALICE, null, "Site down", "HTTP 500"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("department must not be null");
    assertThatThrownBy(() -> OpenTicket.fromEmail("a@example.com", null, "Site down", "HTTP 500"))
        .hasMessage("department must not be null");
  }

  @Test
  void nullPriorityCategoryAttachmentsOrMessageId_isNamed() {
    assertThatThrownBy(() -> valid().withPriority(null)).hasMessage("priority must not be null");
    assertThatThrownBy(() -> valid().withCategory(null)).hasMessage("category must not be null");
    assertThatThrownBy(() -> valid().withAttachments(null))
        .hasMessage("attachments must not be null");
    assertThatThrownBy(() -> valid().withMessageId(null)).hasMessage("messageId must not be null");
  }

  @Test
  void postMessage_nullAttachmentsOrMessageId_isNamed() {
    PostMessage reply =
        PostMessage.reply(new TicketRef("HD-7KQ2M9XA"), Actor.customer(ALICE), "More detail.");
    assertThatThrownBy(() -> reply.withAttachments(null))
        .hasMessage("attachments must not be null");
    assertThatThrownBy(() -> reply.withMessageId(null)).hasMessage("messageId must not be null");
    assertThatThrownBy(() -> valid().withAttachments(List.of((AttachmentRef) null)))
        .isInstanceOf(NullPointerException.class);
  }
}
