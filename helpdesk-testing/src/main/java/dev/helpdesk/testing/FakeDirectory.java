package dev.helpdesk.testing;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.Channel;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.OrganizationId;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.Tier;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Directory;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory the test (or the demo) fills by hand, standing in for the host application's
 * accounts. Thread-safe.
 */
public final class FakeDirectory implements Directory {
  private final Map<CustomerId, CustomerProfile> customers = new ConcurrentHashMap<>();
  private final Map<AgentId, AgentProfile> agents = new ConcurrentHashMap<>();
  private final Map<DepartmentId, Department> departments = new ConcurrentHashMap<>();
  private final Map<PlanId, Plan> plans = new ConcurrentHashMap<>();

  /** The plan every customer added without one gets: web, mail and chat, 10.00 EUR a month. */
  public static final PlanId STANDARD = PlanId.of("standard");

  public FakeDirectory() {
    plan(
        new Plan(
            STANDARD,
            "Standard",
            EnumSet.of(Channel.WEB, Channel.EMAIL, Channel.CHAT, Channel.API),
            1_000,
            Currency.getInstance("EUR")));
  }

  /** Adds or replaces a department. */
  public FakeDirectory department(String id, String name) {
    DepartmentId key = DepartmentId.of(id);
    departments.put(key, new Department(key, name, Optional.empty()));
    return this;
  }

  /** Adds or replaces a department with a lead. */
  public FakeDirectory department(Department department) {
    departments.put(department.id(), requireNonNull(department, "department must not be null"));
    return this;
  }

  /** Adds or replaces a plan. */
  public FakeDirectory plan(Plan plan) {
    plans.put(plan.id(), requireNonNull(plan, "plan must not be null"));
    return this;
  }

  /** Adds or replaces a customer on the standard plan with no organization. */
  public FakeDirectory customer(String id, String name, String email) {
    return customer(
        new CustomerProfile(CustomerId.of(id), name, email, Optional.empty(), false, STANDARD));
  }

  /** Adds or replaces a customer. */
  public FakeDirectory customer(CustomerProfile profile) {
    customers.put(profile.id(), requireNonNull(profile, "profile must not be null"));
    return this;
  }

  /** Adds or replaces a customer who shares tickets with their organization. */
  public FakeDirectory organizationMember(
      String id, String name, String email, String organization) {
    return customer(
        new CustomerProfile(
            CustomerId.of(id),
            name,
            email,
            Optional.of(OrganizationId.of(organization)),
            true,
            STANDARD));
  }

  /** Adds or replaces an agent working at {@code tier} in the given departments. */
  public FakeDirectory agent(String id, String name, int tier, String... departmentIds) {
    Set<DepartmentId> reach =
        java.util.Arrays.stream(departmentIds)
            .map(DepartmentId::of)
            .collect(java.util.stream.Collectors.toSet());
    AgentId key = AgentId.of(id);
    agents.put(key, new AgentProfile(key, name, id + "@staff.example", reach, Tier.of(tier)));
    return this;
  }

  /** Removes a customer, as when the host deletes an account. */
  public FakeDirectory removeCustomer(String id) {
    customers.remove(CustomerId.of(id));
    return this;
  }

  @Override
  public Optional<CustomerProfile> customer(CustomerId id) {
    return Optional.ofNullable(customers.get(id));
  }

  @Override
  public Optional<CustomerProfile> customerByEmail(String email) {
    String wanted = email.toLowerCase(Locale.ROOT);
    return customers.values().stream()
        .filter(c -> c.email().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  @Override
  public Optional<AgentProfile> agent(AgentId id) {
    return Optional.ofNullable(agents.get(id));
  }

  @Override
  public Optional<Department> department(DepartmentId id) {
    return Optional.ofNullable(departments.get(id));
  }

  @Override
  public Optional<Plan> plan(PlanId id) {
    return Optional.ofNullable(plans.get(id));
  }
}
