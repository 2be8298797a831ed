package dev.helpdesk.domain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Who performs a command or query. Authorization is decided in core from the actor and the host's
 * {@link dev.helpdesk.spi.Directory}, never left to the host.
 */
public sealed interface Actor permits Actor.Customer, Actor.Agent, Actor.System {

  /**
   * A customer of the host, acting for themselves (or their organization, if the directory allows).
   */
  static Customer customer(CustomerId id) {
    return new Customer(id);
  }

  /** A staff member; the directory decides which departments they reach. */
  static Agent agent(AgentId id) {
    return new Agent(id);
  }

  /** The desk itself or an integration acting automatically (mail intake, SLA checks). */
  static System system(String component) {
    return new System(component);
  }

  /** A label for messages and the audit trail, such as {@code customer:c-42}. */
  String label();

  /** A customer actor. */
  record Customer(CustomerId id) implements Actor {
    public Customer {
      requireNonNull(id, "customer id must not be null");
    }

    @Override
    public String label() {
      return "customer:" + id.value();
    }
  }

  /** A staff actor. */
  record Agent(AgentId id) implements Actor {
    public Agent {
      requireNonNull(id, "agent id must not be null");
    }

    @Override
    public String label() {
      return "agent:" + id.value();
    }
  }

  /**
   * An automatic actor, named after the component (for example {@code mail-intake}, {@code sla}).
   */
  record System(String component) implements Actor {
    public System {
      requireNonNull(component, "system component must not be null");
      checkArgument(
          !component.isBlank() && component.length() <= 64,
          "system component must be 1-64 characters, got '%s'",
          component);
    }

    @Override
    public String label() {
      return "system:" + component;
    }
  }
}
