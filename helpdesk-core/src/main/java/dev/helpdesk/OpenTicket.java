package dev.helpdesk;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.helpdesk.domain.Actor;
import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Category;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Priority;
import dev.helpdesk.domain.Requester;
import dev.helpdesk.ticket.AttachmentRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command that opens a ticket. Only what routing needs is required (R2): a department (or a
 * category whose default names one), a subject and a description. Start from a factory and refine
 * with the {@code with...} methods.
 *
 * @param openedBy who submits it: the customer, an agent taking a phone call, or mail intake
 * @param requester who the ticket is for; an {@link Requester.Unknown} address is resolved through
 *     the directory when the desk knows it
 * @param priority empty: the category's default, else {@link Priority#NORMAL}
 */
public record OpenTicket(
    Actor openedBy,
    Requester requester,
    Optional<DepartmentId> department,
    String subject,
    String body,
    Channel channel,
    Optional<Priority> priority,
    Optional<Category> category,
    Set<String> participants,
    Map<String, String> customFields,
    List<AttachmentRef> attachments,
    Optional<String> messageId) {

  public OpenTicket {
    requireNonNull(openedBy, "openedBy must not be null");
    requireNonNull(requester, "requester must not be null");
    requireNonNull(department, "department must not be null");
    Checks.subject(subject);
    Checks.body(body);
    requireNonNull(channel, "channel must not be null");
    requireNonNull(priority, "priority must not be null");
    requireNonNull(category, "category must not be null");
    checkArgument(
        department.isPresent() || category.isPresent(),
        "a ticket needs a department, or a category whose default names one");
    participants = ImmutableSet.copyOf(Checks.participants(participants));
    customFields = ImmutableMap.copyOf(Checks.customFields(customFields));
    attachments = ImmutableList.copyOf(requireNonNull(attachments, "attachments must not be null"));
    requireNonNull(messageId, "messageId must not be null");
  }

  /** A customer opens a ticket themselves, from the web form of the panel. */
  public static OpenTicket byCustomer(
      CustomerId customer, DepartmentId department, String subject, String body) {
    return new OpenTicket(
        Actor.customer(customer),
        new Requester.Known(customer),
        Checks.present(department, "department"),
        subject,
        body,
        Channel.WEB,
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        Map.of(),
        List.of(),
        Optional.empty());
  }

  /** An agent opens a ticket for a customer, for example while on the phone with them. */
  public static OpenTicket byAgent(
      AgentId agent, CustomerId customer, DepartmentId department, String subject, String body) {
    return byCustomer(customer, department, subject, body)
        .withOpenedBy(Actor.agent(agent))
        .withChannel(Channel.PHONE);
  }

  /** Mail intake opens a ticket for a sender address; the desk looks the address up. */
  public static OpenTicket fromEmail(
      String sender, DepartmentId department, String subject, String body) {
    return new OpenTicket(
        Actor.system("mail-intake"),
        new Requester.Unknown(Checks.email(sender)),
        Checks.present(department, "department"),
        subject,
        body,
        Channel.EMAIL,
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        Map.of(),
        List.of(),
        Optional.empty());
  }

  public OpenTicket withOpenedBy(Actor actor) {
    return new OpenTicket(
        actor,
        requester,
        department,
        subject,
        body,
        channel,
        priority,
        category,
        participants,
        customFields,
        attachments,
        messageId);
  }

  public OpenTicket withChannel(Channel value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        value,
        priority,
        category,
        participants,
        customFields,
        attachments,
        messageId);
  }

  public OpenTicket withPriority(Priority value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        channel,
        Checks.present(value, "priority"),
        category,
        participants,
        customFields,
        attachments,
        messageId);
  }

  /** Sets the category; its defaults apply where department or priority were not given. */
  public OpenTicket withCategory(Category value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        channel,
        priority,
        Checks.present(value, "category"),
        participants,
        customFields,
        attachments,
        messageId);
  }

  /** Leaves the department to the category's default. */
  public OpenTicket withoutDepartment() {
    return new OpenTicket(
        openedBy,
        requester,
        Optional.empty(),
        subject,
        body,
        channel,
        priority,
        category,
        participants,
        customFields,
        attachments,
        messageId);
  }

  public OpenTicket withParticipants(Set<String> value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        channel,
        priority,
        category,
        value,
        customFields,
        attachments,
        messageId);
  }

  public OpenTicket withCustomFields(Map<String, String> value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        channel,
        priority,
        category,
        participants,
        value,
        attachments,
        messageId);
  }

  public OpenTicket withAttachments(List<AttachmentRef> value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        channel,
        priority,
        category,
        participants,
        customFields,
        value,
        messageId);
  }

  /** The mail Message-ID the ticket arrived with, so replies to it thread into this ticket. */
  public OpenTicket withMessageId(String value) {
    return new OpenTicket(
        openedBy,
        requester,
        department,
        subject,
        body,
        channel,
        priority,
        category,
        participants,
        customFields,
        attachments,
        Checks.present(value, "messageId"));
  }
}
