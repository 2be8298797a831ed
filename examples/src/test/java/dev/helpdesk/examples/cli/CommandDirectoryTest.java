package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.StoreException;
import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.spi.CustomerProfile;
import dev.helpdesk.spi.Directory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customers from the host's own program ({@code directory.command}), run as a real process the way
 * a control panel's lookup script would be.
 */
class CommandDirectoryTest {
  @TempDir Path dir;

  /** A lookup script that knows bob and logs every question it is asked. */
  private Path script(String body) throws Exception {
    Path s = dir.resolve("lookup.sh");
    Files.writeString(
        s,
        "#!/bin/sh\necho \"$1 $2\" >> " + dir.resolve("asked.log") + "\n" + body + "\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
    return s;
  }

  private static final String PANEL =
      """
      case "$1 $2" in
        "customer-by-email bob@example.net"|"customer c-42") echo "c-42,Bob Panel,bob@example.net,vps,acme" ;;
        "customer-by-email broken@example.net") echo "c-43,Broken" ;;
        "customer-by-email down@example.net") exit 3 ;;
      esac
      """;

  private CliConfig config(Path lookup) throws Exception {
    Path f = dir.resolve("helpdesk.properties");
    Files.writeString(
        f,
        "department.tech.name=Tech\nmailbox.support@example.com=tech\n"
            + "plan.vps=VPS,email+web,2000,EUR\ncustomer.alice=Alice,alice@example.net\n"
            + "directory.command="
            + lookup
            + "\n",
        StandardCharsets.UTF_8);
    return CliConfig.load(f);
  }

  private List<String> asked() throws Exception {
    Path log = dir.resolve("asked.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void aPanelCustomer_isFoundOnce_andKeptForAMinute() throws Exception {
    Directory d = config(script(PANEL)).directory();

    Optional<CustomerProfile> bob = d.customerByEmail("Bob@Example.net");
    Optional<CustomerProfile> again = d.customerByEmail("bob@example.net");

    assertThat(bob)
        .get()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo(CustomerId.of("c-42"));
              assertThat(p.displayName()).isEqualTo("Bob Panel");
              assertThat(p.plan().value()).isEqualTo("vps");
              assertThat(p.organization()).get().extracting(o -> o.value()).isEqualTo("acme");
            });
    assertThat(again).isEqualTo(bob);
    assertThat(asked()).containsExactly("customer-by-email bob@example.net");
    assertThat(d.customer(CustomerId.of("c-42"))).isEqualTo(bob);
  }

  @Test
  void theConfigFilesCustomers_comeFirst_andStrangersAreUnknown() throws Exception {
    Directory d = config(script(PANEL)).directory();

    assertThat(d.customerByEmail("alice@example.net")).isPresent();
    assertThat(d.customerByEmail("eve@elsewhere.test")).isEmpty();
    assertThat(asked()).containsExactly("customer-by-email eve@elsewhere.test");
  }

  @Test
  void aFailingOrConfusedProgram_isATemporaryFailure_notAnUnknownCustomer() throws Exception {
    Directory d = config(script(PANEL)).directory();

    assertThatThrownBy(() -> d.customerByEmail("down@example.net"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTemporary()).isTrue())
        .hasMessageContaining("exited 3");
    assertThatThrownBy(() -> d.customerByEmail("broken@example.net"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isTemporary()).isTrue())
        .hasMessageContaining("'c-43,Broken'")
        .hasMessageContaining("expected ID,Name,email");
  }

  @Test
  void mailFromAPanelCustomer_opensTheirTicket_andAFailingLookupAsksTheMtaToRetry()
      throws Exception {
    CliConfig c = config(script(PANEL));
    DeskSession.Options options =
        new DeskSession.Options(
            Optional.of("jdbc:h2:file:" + dir.resolve("desk")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(5));
    try (DeskSession s = DeskSession.open(c, options)) {
      IntakeResult bobs =
          s.intake()
              .accept(
                  new ByteArrayInputStream(
                      CliProcess.message(
                          "bob@example.net", "support@example.com", "<b1@x>", "Site down")),
                  "test");
      IntakeResult down =
          s.intake()
              .accept(
                  new ByteArrayInputStream(
                      CliProcess.message(
                          "down@example.net", "support@example.com", "<d1@x>", "Hello")),
                  "test");

      assertThat(bobs).isInstanceOf(IntakeResult.Created.class);
      assertThat(s.store().ticketStore().ticketsOf(CustomerId.of("c-42"), 10)).hasSize(1);
      assertThat(down).isInstanceOf(IntakeResult.TemporaryFailure.class);
      assertThat(down.sysexit()).isEqualTo(Sysexits.TEMPFAIL);
    }
  }

  @Test
  void anEmptyCommand_isAConfigErrorNamingTheKey() throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "directory.command=  \n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CliConfig.load(f))
        .hasMessageContaining("line 1")
        .hasMessageContaining("'directory.command'");
  }
}
