package dev.helpdesk;

import static dev.helpdesk.DeskFixture.ALICE;
import static dev.helpdesk.DeskFixture.BILL;
import static dev.helpdesk.DeskFixture.BILLING;
import static dev.helpdesk.DeskFixture.BOB;
import static dev.helpdesk.DeskFixture.CAROL;
import static dev.helpdesk.DeskFixture.DAVE;
import static dev.helpdesk.DeskFixture.OLGA;
import static dev.helpdesk.DeskFixture.TECH;
import static dev.helpdesk.DeskFixture.TINA;
import static dev.helpdesk.DeskFixture.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.ActionNotPermittedException;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.IllegalTransitionException;
import dev.helpdesk.domain.IncidentId;
import dev.helpdesk.domain.Limits;
import dev.helpdesk.domain.NotEntitledException;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.domain.TicketRef;
import dev.helpdesk.domain.TicketStatus;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.domain.Visibility;
import dev.helpdesk.event.HelpdeskEvent;
import dev.helpdesk.event.HelpdeskEvent.TicketClosed;
import dev.helpdesk.event.HelpdeskEvent.TicketTransferred;
import dev.helpdesk.spi.Notification;
import dev.helpdesk.testing.InMemoryTicketStore;
import dev.helpdesk.testing.RecordingNotifier;
import dev.helpdesk.ticket.AttachmentRef;
import dev.helpdesk.ticket.ReplyTemplate;
import dev.helpdesk.ticket.ThreadEntry;
import dev.helpdesk.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HelpdeskTest {
  private final DeskFixture f = new DeskFixture();
  private final Helpdesk desk = f.desk;

  // ------------------------------------------------------------ building

  @Test
  void build_withoutPorts_namesEveryMissingOne() {
    assertThatThrownBy(() -> Helpdesk.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store")
        .hasMessageContaining("directory")
        .hasMessageContaining("notifier");
  }

  @Test
  void build_categoryDefaultingToUnknownDepartment_isRejected() {
    Helpdesk.Builder b =
        Helpdesk.builder()
            .store(new InMemoryTicketStore())
            .directory(f.directory)
            .notifier(new RecordingNotifier())
            .category(Category.of("x"), DepartmentId.of("nowhere"), Priority.LOW);
    assertThatThrownBy(b::build).hasMessageContaining("nowhere");
  }

  // ------------------------------------------------------------ opening (R1, R2, R3, R14)

  @Test
  void open_byCustomer_confirmsWithContentAndReference() {
    TicketRef ref = f.openByAlice("Site down");
    Ticket t = f.ticket(ref);
    assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(t.customer()).contains(ALICE.id());
    assertThat(t.tier()).isEqualTo(Tier.L1);

    desk.deliverOutbox();
    List<Notification> confirmations = f.notifier.sent(Notification.Kind.CONFIRMATION);
    assertThat(confirmations).hasSize(1);
    Notification n = confirmations.get(0);
    assertThat(n.recipientEmail()).isEqualTo("alice@example.com");
    assertThat(n.subject()).contains(ref.value()).contains("Site down");
    assertThat(n.body()).contains(ref.value()).contains("My site shows a 500 error.");
  }

  @Test
  void open_references_areRandomAndDistinct() {
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      refs.add(f.openByAlice("Ticket " + i).value());
    }
    assertThat(refs).hasSize(200).allMatch(r -> r.matches("HD-[0-9A-Z]{8}"));
  }

  @Test
  void open_unknownDepartment_isRejectedNamingIt() {
    assertThatThrownBy(
            () ->
                desk.open(
                    OpenTicket.byCustomer(ALICE.id(), DepartmentId.of("legal"), "Hi", "Body")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("legal");
  }

  @Test
  void open_blankSubjectOrOversizedBody_isRejected() {
    assertThatThrownBy(() -> OpenTicket.byCustomer(ALICE.id(), TECH, "  ", "Body"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject");
    String huge = "x".repeat(Limits.BODY_MAX + 1);
    assertThatThrownBy(() -> OpenTicket.byCustomer(ALICE.id(), TECH, "Hi", huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body")
        .hasMessageContaining(String.valueOf(Limits.BODY_MAX));
    assertThatThrownBy(() -> OpenTicket.byCustomer(null, TECH, "Hi", "Body"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void open_byCategoryOnly_takesTheCategoryDefaults() {
    TicketRef ref =
        desk.open(
            OpenTicket.byCustomer(ALICE.id(), TECH, "Charged twice", "Two charges this month.")
                .withCategory(Category.of("billing-problem"))
                .withoutDepartment());
    Ticket t = f.ticket(ref);
    assertThat(t.department()).isEqualTo(BILLING);
    assertThat(t.priority()).isEqualTo(Priority.HIGH);
  }

  @Test
  void open_forAnotherCustomer_byCustomer_isRejected() {
    OpenTicket forBob = OpenTicket.byCustomer(BOB.id(), TECH, "Hi", "Body").withOpenedBy(ALICE);
    assertThatThrownBy(() -> desk.open(forBob)).isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void open_fromEmailOfKnownCustomer_isFiledUnderThem() {
    TicketRef known =
        desk.open(OpenTicket.fromEmail("Alice@Example.com", TECH, "Mail", "From mail"));
    TicketRef stranger = desk.open(OpenTicket.fromEmail("x@spam.example", TECH, "Win", "Prize"));
    assertThat(f.ticket(known).customer()).contains(ALICE.id());
    assertThat(f.ticket(stranger).requester()).isEqualTo(new Requester.Unknown("x@spam.example"));
    assertThat(f.ticket(known).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void open_byAgentOnPhone_recordsThePhoneChannel() {
    TicketRef ref =
        desk.open(OpenTicket.byAgent(TINA.id(), BOB.id(), TECH, "Call", "Customer called"));
    assertThat(f.ticket(ref).channel()).isEqualTo(Channel.PHONE);
    assertThat(desk.view(ref, BOB).thread()).hasSize(1);
  }

  @Test
  void open_onAChannelThePlanLacks_isRefusedNamingPlanAndChannel() {
    OpenTicket phone = OpenTicket.byAgent(TINA.id(), ALICE.id(), TECH, "Call", "Customer called");
    assertThatThrownBy(() -> desk.open(phone))
        .isInstanceOf(NotEntitledException.class)
        .hasMessageContaining("standard")
        .hasMessageContaining("PHONE");
  }

  // ------------------------------------------------------------ closure (R9)

  @Test
  void close_byAgent_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.close(ref, TINA))
        .isInstanceOf(ActionNotPermittedException.class)
        .hasMessageContaining("agent:tina")
        .hasMessageContaining("close")
        .hasMessageContaining(ref.value());
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void close_bySystem_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.close(ref, Actor.system("sla")))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void close_byOrganizationColleague_isRejected_onlyTheRequesterDecides() {
    TicketRef ref =
        desk.open(OpenTicket.byCustomer(CAROL.id(), TECH, "Acme down", "All sites down"));
    assertThat(desk.view(ref, DAVE).ticket().reference()).isEqualTo(ref);
    assertThatThrownBy(() -> desk.close(ref, DAVE)).isInstanceOf(ActionNotPermittedException.class);
    desk.close(ref, CAROL);
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.CLOSED);
  }

  @Test
  void close_byOtherCustomer_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.close(ref, BOB)).isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void proposeResolution_thenCustomerCloses_asksForFeedback() {
    TicketRef ref = f.openByAlice("Down");
    desk.proposeResolution(ref, TINA, "Restarted PHP-FPM; please confirm.");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.RESOLUTION_PROPOSED);
    desk.close(ref, ALICE);
    Ticket t = f.ticket(ref);
    assertThat(t.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(t.closedAt()).contains(f.clock.instant());
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.FEEDBACK_REQUEST)).hasSize(1);
    assertThat(f.listener.events(TicketClosed.class))
        .singleElement()
        .extracting(HelpdeskEvent::actor)
        .isEqualTo(ALICE);
  }

  @Test
  void proposeResolution_byCustomer_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.proposeResolution(ref, ALICE, "solved myself"))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void reply_byCustomerOnProposedResolution_reopensForWork() {
    TicketRef ref = f.openByAlice("Down");
    desk.proposeResolution(ref, TINA, "Fixed?");
    desk.reply(ref, ALICE, "Still down.");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.REOPENED))
        .singleElement()
        .satisfies(n -> assertThat(n.body()).contains(ref.value()).contains("open again"));
  }

  @Test
  void proposeResolution_mailsHowToConfirmByClosingOrReplyToReopen() {
    TicketRef ref = f.openByAlice("Down");
    desk.proposeResolution(ref, TINA, "Restarted PHP-FPM.");
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.RESOLUTION_PROPOSED))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.recipientEmail()).isEqualTo("alice@example.com");
              assertThat(n.body())
                  .startsWith("Restarted PHP-FPM.")
                  .contains("closing ticket " + ref)
                  .contains("reply to this message");
            });
    assertThat(f.notifier.sent(Notification.Kind.STAFF_REPLY)).isEmpty();
  }

  @Test
  void reopen_byTheCustomer_tellsThemTheTicketIsBackInTheQueue() {
    TicketRef ref = f.openByAlice("Down");
    desk.proposeResolution(ref, TINA, "Fixed?");
    desk.reopen(ref, ALICE);
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.REOPENED)).hasSize(1);
  }

  @Test
  void reply_byStaff_waitsOnCustomer_andNotifiesRequesterAndParticipants() {
    TicketRef ref =
        desk.open(
            OpenTicket.byCustomer(ALICE.id(), TECH, "Down", "500 error")
                .withParticipants(Set.of("dev@agency.example")));
    desk.reply(ref, TINA, "Looking into it.");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.STAFF_REPLY))
        .extracting(Notification::recipientEmail)
        .containsExactlyInAnyOrder("alice@example.com", "dev@agency.example");
  }

  @Test
  void reply_byCustomerWithinReopenWindow_reopensAndCountsIt() {
    TicketRef ref = f.openByAlice("Down");
    desk.close(ref, ALICE);
    f.clock.advance(Duration.ofDays(13));
    TicketRef landed = desk.reply(ref, ALICE, "It broke again.");
    assertThat(landed).isEqualTo(ref);
    Ticket t = f.ticket(ref);
    assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(t.reopens()).isEqualTo(1);
    assertThat(t.closedAt()).isEmpty();
  }

  @Test
  void reply_byCustomerAfterReopenWindow_opensNewLinkedTicket() {
    TicketRef ref = f.openByAlice("Down");
    desk.close(ref, ALICE);
    f.clock.advance(Duration.ofDays(15));
    TicketRef landed = desk.reply(ref, ALICE, "Down again, new problem?");
    assertThat(landed).isNotEqualTo(ref);
    Ticket followUp = f.ticket(landed);
    assertThat(followUp.previous()).contains(f.ticket(ref).id());
    assertThat(followUp.subject()).isEqualTo("Re: Down");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.CLOSED);
    assertThatThrownBy(() -> desk.reopen(ref, ALICE))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void reply_toSpam_isAnIllegalTransition() {
    TicketRef ref = desk.open(OpenTicket.fromEmail("x@spam.example", TECH, "Win", "Prize"));
    desk.markSpam(ref, TINA);
    assertThatThrownBy(() -> desk.reply(ref, TINA, "Hello?"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("SPAM");
  }

  // ------------------------------------------------------------ merge and spam (R9 exception)

  @Test
  void merge_duplicateIntoOriginal_messagesLandInTheOriginal() {
    TicketRef original = f.openByAlice("Site down");
    f.clock.advance(Duration.ofMinutes(5));
    TicketRef duplicate = f.openByAlice("Site STILL down");
    desk.merge(duplicate, TINA, original);
    assertThat(f.ticket(duplicate).status()).isEqualTo(TicketStatus.MERGED);
    assertThat(f.ticket(duplicate).mergedInto()).contains(f.ticket(original).id());
    TicketRef landed = desk.reply(duplicate, ALICE, "Any news?");
    assertThat(landed).isEqualTo(original);
    assertThat(desk.view(original, ALICE).thread())
        .extracting(ThreadEntry::body)
        .contains("Any news?");
  }

  @Test
  void merge_originalIntoNewer_isRejected() {
    TicketRef original = f.openByAlice("Site down");
    f.clock.advance(Duration.ofMinutes(5));
    TicketRef duplicate = f.openByAlice("Site STILL down");
    assertThatThrownBy(() -> desk.merge(original, TINA, duplicate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("older");
  }

  @Test
  void merge_intoAnotherCustomersTicket_isRejectedAndBothStayTheirOwners() {
    TicketRef bobs =
        desk.open(OpenTicket.byCustomer(BOB.id(), TECH, "Mail down", "No mail since noon."));
    f.clock.advance(Duration.ofMinutes(5));
    TicketRef alices = f.openByAlice("Mail down too");
    assertThatThrownBy(() -> desk.merge(alices, TINA, bobs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(alices.toString())
        .hasMessageContaining("same requester");
    assertThat(f.ticket(alices).status()).isEqualTo(TicketStatus.OPEN);
    assertThat(f.ticket(alices).mergedInto()).isEmpty();
    assertThat(desk.reply(alices, TINA, "Looking into it.")).isEqualTo(alices);
    assertThat(desk.view(alices, ALICE).thread())
        .extracting(ThreadEntry::body)
        .contains("Looking into it.");
    assertThat(desk.view(bobs, BOB).thread())
        .extracting(ThreadEntry::body)
        .doesNotContain("Looking into it.");
  }

  @Test
  void deliverOutbox_failingNotifier_retriesWithADoublingBackoff() {
    f.notifier.failNext(2);
    f.openByAlice("Site down");

    assertThat(desk.deliverOutbox()).isZero();
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(desk.deliverOutbox()).isZero();
    f.clock.advance(Duration.ofMinutes(3));
    assertThat(desk.deliverOutbox()).isZero();
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(desk.deliverOutbox()).isEqualTo(1);
    assertThat(f.notifier.sent(Notification.Kind.CONFIRMATION)).hasSize(1);
  }

  @Test
  void deliverOutbox_recipientRefusedPermanently_isRecordedOnTheTicketAndNotRetried() {
    f.notifier.refuse("alice@example.com");
    TicketRef ref = f.openByAlice("Site down");

    assertThat(desk.deliverOutbox()).isZero();
    f.clock.advance(Duration.ofHours(1));
    desk.deliverOutbox();

    assertThat(f.notifier.refusals()).isEqualTo(1);
    ThreadEntry note = desk.view(ref, TINA).thread().get(1);
    assertThat(note.visibility()).isEqualTo(Visibility.INTERNAL);
    assertThat(note.body()).contains("alice@example.com").contains("550 5.1.1");
    assertThat(f.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void sixteenAgentsReplyingToOneTicketAtOnce_allLand() throws Exception {
    TicketRef ref = f.openByAlice("Site down");
    java.util.concurrent.ExecutorService agents =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int a = 0; a < 16; a++) {
        int agent = a;
        done.add(
            agents.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 25; i++) {
                    desk.note(ref, TINA, "agent " + agent + " note " + i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> d : done) {
        d.get();
      }
    } finally {
      agents.shutdownNow();
    }
    assertThat(desk.view(ref, TINA).thread()).hasSize(1 + 16 * 25);
  }

  @Test
  void merge_byCustomer_isRejected() {
    TicketRef original = f.openByAlice("Site down");
    f.clock.advance(Duration.ofMinutes(5));
    TicketRef duplicate = f.openByAlice("Site STILL down");
    assertThatThrownBy(() -> desk.merge(duplicate, ALICE, original))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void markSpam_knownCustomer_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.markSpam(ref, TINA))
        .isInstanceOf(ActionNotPermittedException.class)
        .hasMessageContaining("known customer");
  }

  // ------------------------------------------------------------ visibility (R4, R5)

  @Test
  void view_byCustomer_neverShowsInternalNotes() {
    TicketRef ref = f.openByAlice("Down");
    desk.note(ref, TINA, "Customer's plugin is outdated; don't tell yet");
    desk.reply(ref, TINA, "We are on it.");
    assertThat(desk.view(ref, ALICE).thread())
        .extracting(ThreadEntry::visibility)
        .containsOnly(Visibility.PUBLIC)
        .hasSize(2);
    assertThat(desk.view(ref, TINA).thread()).hasSize(3);
  }

  @Test
  void view_anotherCustomersTicket_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.view(ref, BOB))
        .isInstanceOf(ActionNotPermittedException.class)
        .hasMessageContaining("customer:bob")
        .hasMessageContaining(ref.value());
  }

  @Test
  void note_byCustomer_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.note(ref, ALICE, "psst"))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void outsourcedTeam_seesOnlyItsOwnDepartment() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.view(ref, OLGA)).isInstanceOf(ActionNotPermittedException.class);
    assertThatThrownBy(() -> desk.queue(OLGA, TECH, Optional.empty(), 10))
        .isInstanceOf(ActionNotPermittedException.class);
    desk.transfer(new Transfer(ref, TINA, DeskFixture.OUTSOURCED, "night shift takes over"));
    assertThat(desk.view(ref, OLGA).ticket().department()).isEqualTo(DeskFixture.OUTSOURCED);
    assertThatThrownBy(() -> desk.view(ref, TINA)).isInstanceOf(ActionNotPermittedException.class);
  }

  @Test
  void ticketsOf_organizationMember_seesColleaguesTickets_customerOnlyOwn() {
    TicketRef carols =
        desk.open(OpenTicket.byCustomer(CAROL.id(), TECH, "Acme mail", "Mail bounces"));
    TicketRef alices = f.openByAlice("Down");
    assertThat(desk.ticketsOf(DAVE, 10)).extracting(Ticket::reference).containsExactly(carols);
    assertThat(desk.ticketsOf(ALICE, 10)).extracting(Ticket::reference).containsExactly(alices);
  }

  @Test
  void history_byCustomer_isRejected_byStaff_listsEveryChange() {
    TicketRef ref = f.openByAlice("Down");
    desk.assign(ref, TINA, TINA.id());
    desk.changePriority(ref, TINA, Priority.URGENT);
    assertThatThrownBy(() -> desk.history(ref, ALICE))
        .isInstanceOf(ActionNotPermittedException.class);
    List<HelpdeskEvent> trail = desk.history(ref, TINA);
    assertThat(trail).hasSize(3);
    assertThat(trail.get(2))
        .isEqualTo(
            new HelpdeskEvent.PriorityChanged(
                f.ticket(ref).id(), 3, TINA, f.clock.instant(), Priority.NORMAL, Priority.URGENT));
  }

  // ------------------------------------------------------------ routing (R7, R8)

  @Test
  void transfer_keepsHistory_countsTransfers_andUnassigns() {
    TicketRef ref = f.openByAlice("Charged twice");
    desk.assign(ref, TINA, TINA.id());
    desk.transfer(new Transfer(ref, TINA, BILLING, "a billing question"));
    Ticket t = f.ticket(ref);
    assertThat(t.department()).isEqualTo(BILLING);
    assertThat(t.assignee()).isEmpty();
    assertThat(t.transfers()).isEqualTo(1);
    assertThat(desk.view(ref, BILL).thread()).hasSize(1);
    assertThat(f.listener.events(TicketTransferred.class))
        .singleElement()
        .extracting(TicketTransferred::reason)
        .isEqualTo("a billing question");
    desk.transfer(new Transfer(ref, BILL, TECH, "actually a server issue"));
    assertThat(f.ticket(ref).transfers()).isEqualTo(2);
  }

  @Test
  void transfer_toUnknownDepartment_isRejectedNamingIt() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.transfer(new Transfer(ref, TINA, DepartmentId.of("legal"), "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("legal");
  }

  @Test
  void escalate_toL2_unassignsAndOnlyL2CanTakeIt() {
    TicketRef ref = f.openByAlice("Hacked site");
    desk.assign(ref, TINA, TINA.id());
    desk.escalate(new Escalation(ref, TINA, Tier.of(2), "malware cleanup needs L2"));
    Ticket t = f.ticket(ref);
    assertThat(t.tier()).isEqualTo(Tier.of(2));
    assertThat(t.assignee()).isEmpty();
    assertThatThrownBy(() -> desk.assign(ref, TINA, TINA.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("L1");
    desk.assign(ref, TINA, TOM.id());
    assertThat(f.ticket(ref).assignee()).contains(TOM.id());
  }

  @Test
  void assign_agentOfAnotherDepartment_isRejected() {
    TicketRef ref = f.openByAlice("Down");
    assertThatThrownBy(() -> desk.assign(ref, TINA, BILL.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bill");
  }

  @Test
  void queue_takesUrgentFirst_thenArrival_andLeavesOutProposed() {
    TicketRef first = f.openByAlice("normal, first");
    f.clock.advance(Duration.ofMinutes(1));
    TicketRef urgent =
        desk.open(
            OpenTicket.byCustomer(BOB.id(), TECH, "urgent, later", "Shop down")
                .withPriority(Priority.URGENT));
    f.clock.advance(Duration.ofMinutes(1));
    TicketRef second = f.openByAlice("normal, second");
    TicketRef proposed = f.openByAlice("proposed");
    desk.proposeResolution(proposed, TINA, "done?");
    List<Ticket> page1 = desk.queue(TINA, TECH, Optional.empty(), 2);
    assertThat(page1).extracting(Ticket::reference).containsExactly(urgent, first);
    List<Ticket> page2 = desk.queue(TINA, TECH, Optional.of(page1.get(1).queueKey()), 2);
    assertThat(page2).extracting(Ticket::reference).containsExactly(second);
  }

  // ------------------------------------------------------------ incidents (R20)

  @Test
  void incident_oneUpdateReachesEveryLinkedCustomer_andOneProposalForAll() {
    IncidentId incident = desk.openIncident(TINA, "Panel update broke Apache on web7");
    TicketRef a = f.openByAlice("Site down");
    TicketRef b = desk.open(OpenTicket.byCustomer(BOB.id(), TECH, "Also down", "503"));
    TicketRef unrelated = desk.open(OpenTicket.byCustomer(BOB.id(), TECH, "DNS", "question"));
    desk.linkToIncident(a, TINA, incident);
    desk.linkToIncident(b, TINA, incident);
    List<TicketRef> updated =
        desk.postIncidentUpdate(incident, TINA, "We are rolling back the update.");
    assertThat(updated).containsExactlyInAnyOrder(a, b);
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.INCIDENT_UPDATE))
        .extracting(Notification::recipientEmail)
        .containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
    assertThat(desk.view(unrelated, BOB).thread()).hasSize(1);

    List<TicketRef> proposed =
        desk.proposeIncidentResolution(incident, TINA, "Rolled back; please confirm.");
    assertThat(proposed).containsExactlyInAnyOrder(a, b);
    assertThat(f.ticket(a).status()).isEqualTo(TicketStatus.RESOLUTION_PROPOSED);
    assertThat(f.store.incident(incident).orElseThrow().resolvedAt()).isPresent();
  }

  // ------------------------------------------------------------ chat (R12)

  @Test
  void chatTranscript_isKeptInTheThread_andMailedToTheCustomer() {
    TicketRef ref =
        desk.open(
            OpenTicket.byCustomer(ALICE.id(), TECH, "Chat", "Can you help?")
                .withChannel(Channel.CHAT));
    desk.recordChatTranscript(
        ref, TINA, "alice: site down?\ntina: restarted nginx, try now\nalice: works!");
    ThreadEntry transcript = desk.view(ref, ALICE).thread().get(1);
    assertThat(transcript.channel()).isEqualTo(Channel.CHAT);
    assertThat(transcript.body()).contains("restarted nginx");
    desk.deliverOutbox();
    assertThat(f.notifier.sent(Notification.Kind.CHAT_TRANSCRIPT))
        .singleElement()
        .satisfies(n -> assertThat(n.body()).contains("restarted nginx"));
    assertThatThrownBy(() -> desk.recordChatTranscript(ref, ALICE, "fake"))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  // ------------------------------------------------------------ templates (R18)

  @Test
  void template_unknownPlaceholder_isRejectedAtCreation() {
    assertThatThrownBy(() -> new ReplyTemplate("greet", "Hi {{customer_nmae}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customer_nmae");
  }

  @Test
  void replyWithTemplate_fillsEveryPlaceholder() {
    desk.saveTemplate(
        TINA,
        new ReplyTemplate(
            "ack",
            "Hello {{customer_name}}, {{agent_name}} here about {{ticket_reference}} ({{department_name}})."));
    TicketRef ref = f.openByAlice("Down");
    desk.replyWithTemplate(ref, TINA, "ack");
    List<ThreadEntry> thread = desk.view(ref, ALICE).thread();
    assertThat(thread.get(1).body())
        .isEqualTo(
            "Hello Alice Example, Tina L1 here about " + ref.value() + " (Technical support).");
    assertThatThrownBy(() -> desk.saveTemplate(ALICE, new ReplyTemplate("x", "y")))
        .isInstanceOf(ActionNotPermittedException.class);
  }

  // ------------------------------------------------------------ events, outbox, attachments

  @Test
  void listener_thatFails_cannotStopTheDesk() {
    DeskFixture failing =
        new DeskFixture(
            Helpdesk.builder()
                .listener(
                    e -> {
                      throw new IllegalStateException("plugin bug");
                    }));
    TicketRef ref = failing.openByAlice("Down");
    assertThat(failing.ticket(ref).status()).isEqualTo(TicketStatus.OPEN);
    assertThat(failing.listener.events()).hasSize(1);
  }

  @Test
  void deliverOutbox_failedSend_isRetriedLater_andSentOnce() {
    f.notifier.failNext(1);
    f.openByAlice("Down");
    assertThat(desk.deliverOutbox()).isZero();
    assertThat(desk.deliverOutbox()).isZero();
    f.clock.advance(Duration.ofMinutes(3));
    assertThat(desk.deliverOutbox()).isEqualTo(1);
    assertThat(desk.deliverOutbox()).isZero();
    assertThat(f.notifier.sent()).hasSize(1);
  }

  @Test
  void attachment_isStreamedBack_toThoseWhoSeeTheEntry() throws Exception {
    byte[] log = "error.log contents".getBytes(StandardCharsets.UTF_8);
    AttachmentRef stored =
        f.attachments.put("error.log", "text/plain", new ByteArrayInputStream(log));
    TicketRef t =
        desk.open(
            OpenTicket.byCustomer(ALICE.id(), TECH, "Log", "attached")
                .withAttachments(List.of(stored)));
    try (var in = desk.attachment(t, ALICE, stored.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo(log);
    }
    assertThatThrownBy(() -> desk.attachment(t, BOB, stored.sha256()))
        .isInstanceOf(ActionNotPermittedException.class);
    assertThatThrownBy(() -> desk.attachment(t, ALICE, "0".repeat(64)))
        .isInstanceOf(ActionNotPermittedException.class);
  }
}
