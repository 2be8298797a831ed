package dev.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.Table;
import dev.helpdesk.Lifecycle.Action;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.TicketStatus;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void table_onlyCloseLeadsToClosed_andOnlyCustomersClose() {
    for (Table.Cell<Action, TicketStatus, TicketStatus> row : Lifecycle.rows().cellSet()) {
      if (row.getValue() == TicketStatus.CLOSED && row.getColumnKey() != TicketStatus.CLOSED) {
        assertThat(row.getRowKey()).as("row %s", row).isEqualTo(Action.CLOSE);
      }
    }
    assertThat(Action.CLOSE.allowed).containsExactly(Lifecycle.Kind.CUSTOMER);
  }

  @Test
  void table_mergedAndSpam_areReachedOnlyByStaffActions() {
    for (Table.Cell<Action, TicketStatus, TicketStatus> row : Lifecycle.rows().cellSet()) {
      if (row.getValue() == TicketStatus.MERGED) {
        assertThat(row.getRowKey()).isEqualTo(Action.MERGE);
      }
      if (row.getValue() == TicketStatus.SPAM) {
        assertThat(row.getRowKey()).isEqualTo(Action.MARK_SPAM);
      }
    }
    assertThat(Action.MERGE.allowed).containsExactly(Lifecycle.Kind.AGENT);
    assertThat(Action.MARK_SPAM.allowed).containsExactly(Lifecycle.Kind.AGENT);
  }

  @Test
  void table_mergedAndSpam_areFinal_nothingLeavesThem() {
    for (Action action : Action.values()) {
      assertThat(Lifecycle.next(action, TicketStatus.MERGED))
          .as("%s from MERGED", action)
          .isEmpty();
      assertThat(Lifecycle.next(action, TicketStatus.SPAM)).as("%s from SPAM", action).isEmpty();
    }
  }

  @Test
  void staffReply_handsTheTurnToTheCustomer_customerMessageReopens() {
    assertThat(Lifecycle.next(Action.STAFF_MESSAGE, TicketStatus.OPEN))
        .contains(TicketStatus.WAITING_ON_CUSTOMER);
    for (TicketStatus s :
        new TicketStatus[] {
          TicketStatus.WAITING_ON_CUSTOMER,
          TicketStatus.ON_HOLD,
          TicketStatus.RESOLUTION_PROPOSED,
          TicketStatus.CLOSED
        }) {
      assertThat(Lifecycle.next(Action.CUSTOMER_MESSAGE, s))
          .as("from %s", s)
          .contains(TicketStatus.OPEN);
    }
    assertThat(Lifecycle.next(Action.STAFF_MESSAGE, TicketStatus.CLOSED)).isEmpty();
  }

  @Test
  void allows_systemActor_cannotCloseOrReopen() {
    Actor system = Actor.system("sla");
    assertThat(Lifecycle.allows(Action.CLOSE, system)).isFalse();
    assertThat(Lifecycle.allows(Action.REOPEN, system)).isFalse();
    assertThat(Lifecycle.allows(Action.ROUTE, system)).isTrue();
  }
}
