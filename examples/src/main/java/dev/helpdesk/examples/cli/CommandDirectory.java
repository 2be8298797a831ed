package dev.helpdesk.examples.cli;

import static java.util.Objects.requireNonNull;

import dev.helpdesk.domain.AgentId;
import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.domain.Plan;
import dev.helpdesk.domain.PlanId;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.spi.AgentProfile;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Department;
import dev.helpdesk.spi.Directory;
import dev.helpdesk.testing.FakeDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Customers looked up by a program the host supplies (config key {@code directory.command}), for
 * hosts whose customers live in a control panel or billing system rather than in the config file.
 * The program is run as {@code COMMAND customer ID} or {@code COMMAND customer-by-email ADDRESS}
 * and prints one line {@code ID,Name,email[,plan[,organization]]}, or nothing when there is no such
 * customer. A program that fails or hangs is a temporary failure (the MTA retries the mail), never
 * "unknown customer". Answers are kept for a minute, so a desk asking several times per message
 * runs the program once. Agents, departments and plans stay in the config file.
 */
final class CommandDirectory implements Directory {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration KEEP = Duration.ofMinutes(1);
  private static final int MAX_OUTPUT_BYTES = 64 * 1024;

  private final List<String> command;
  private final Directory configured;
  private final Clock clock;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  private record Answer(Optional<CustomerProfile> customer, Instant until) {}

  CommandDirectory(List<String> command, Directory configured, Clock clock) {
    this.command = List.copyOf(command);
    this.configured = requireNonNull(configured, "configured must not be null");
    this.clock = requireNonNull(clock, "clock must not be null");
    if (this.command.isEmpty()) {
      throw new IllegalArgumentException("directory.command must name a program");
    }
  }

  @Override
  public Optional<CustomerProfile> customer(CustomerId id) {
    requireNonNull(id, "id must not be null");
    return configured.customer(id).or(() -> lookUp("customer", id.value()));
  }

  @Override
  public Optional<CustomerProfile> customerByEmail(String email) {
    requireNonNull(email, "email must not be null");
    return configured
        .customerByEmail(email)
        .or(() -> lookUp("customer-by-email", email.strip().toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<AgentProfile> agent(AgentId id) {
    return configured.agent(id);
  }

  @Override
  public Optional<Department> department(DepartmentId id) {
    return configured.department(id);
  }

  @Override
  public Optional<Plan> plan(PlanId id) {
    return configured.plan(id);
  }

  private Optional<CustomerProfile> lookUp(String question, String subject) {
    String key = question + " " + subject;
    Instant now = clock.instant();
    Answer kept = answers.get(key);
    if (kept != null && now.isBefore(kept.until())) {
      return kept.customer();
    }
    Optional<CustomerProfile> customer = parse(run(question, subject), key);
    answers.put(key, new Answer(customer, now.plus(KEEP)));
    return customer;
  }

  private String run(String question, String subject) {
    List<String> argv = new ArrayList<>(command);
    argv.add(question);
    argv.add(subject);
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw failure("cannot run directory.command " + command.get(0) + ": " + e.getMessage(), e);
    }
    try (InputStream out = p.getInputStream()) {
      p.getOutputStream().close();
      byte[] bytes = out.readNBytes(MAX_OUTPUT_BYTES);
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure(
            "directory.command did not answer '"
                + question
                + " "
                + subject
                + "' in "
                + TIMEOUT.toSeconds()
                + " s",
            null);
      }
      if (p.exitValue() != 0) {
        throw failure(
            "directory.command exited " + p.exitValue() + " for '" + question + " " + subject + "'",
            null);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("cannot read directory.command's answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while asking directory.command", e);
    } finally {
      p.destroyForcibly();
    }
  }

  /** The one answer line; a line the desk cannot use is the program's fault, so temporary too. */
  private Optional<CustomerProfile> parse(String output, String question) {
    String line = output.strip();
    if (line.isEmpty()) {
      return Optional.empty();
    }
    if (line.contains("\n")) {
      throw failure("directory.command printed several lines for '" + question + "'", null);
    }
    String[] parts = line.split(",", -1);
    if (parts.length < 3 || parts.length > 5) {
      throw failure(
          "directory.command answered '"
              + question
              + "' with '"
              + line
              + "'; expected ID,Name,email[,plan[,organization]]",
          null);
    }
    try {
      Optional<PlanId> plan =
          parts.length > 3 && !parts[3].isBlank()
              ? Optional.of(PlanId.of(parts[3].strip()))
              : Optional.empty();
      if (plan.isPresent() && configured.plan(plan.get()).isEmpty()) {
        throw failure(
            "directory.command answered plan '"
                + plan.get().value()
                + "', which the config has no"
                + " plan."
                + plan.get().value()
                + " for",
            null);
      }
      return Optional.of(
          new CustomerProfile(
              CustomerId.of(parts[0].strip()),
              parts[1].strip(),
              parts[2].strip(),
              parts.length > 4 && !parts[4].isBlank()
                  ? Optional.of(dev.helpdesk.domain.OrganizationId.of(parts[4].strip()))
                  : Optional.empty(),
              false,
              plan.orElse(FakeDirectory.STANDARD)));
    } catch (IllegalArgumentException e) {
      throw failure(
          "directory.command answered '" + question + "' with '" + line + "': " + e.getMessage(),
          e);
    }
  }

  private static StoreException failure(String message, Throwable cause) {
    return new StoreException(message, true, cause);
  }
}
