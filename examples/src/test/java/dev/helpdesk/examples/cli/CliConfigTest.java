package dev.helpdesk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.domain.CustomerId;
import dev.helpdesk.domain.DepartmentId;
import dev.helpdesk.mail.IntakeResult;
import dev.helpdesk.mail.MailServer;
import dev.helpdesk.mail.Mailbox;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The config file: a real desk's settings, and an error naming the bad key and its line. */
class CliConfigTest {
  @TempDir Path dir;

  private static final String GOOD =
      """
      # Example Hosting
      department.tech.name=Technical
      department.billing.name=Billing
      mailbox.support@example.com=tech
      mailbox.billing@example.com=billing
      mailbox.billing@example.com.unknown-senders=refuse
      agent.tina=Tina,1,tech+billing
      agent.omar=Omar (outsourced),2,tech
      plan.vps=VPS,email+web+phone,2000,EUR
      plan.vps.sla=30m,2h,1d
      plan.vps.sla.urgent=PT10M,20m,-
      customer.alice=Alice,alice@example.net,vps
      hours.zone=Europe/Berlin
      hours.mon=09:00-12:00+13:00-17:00
      hours.fri=09:00-15:00
      hours.holidays=2026-12-25,2026-12-26
      smtp.host=127.0.0.1
      smtp.port=2526
      imap.host=127.0.0.1
      imap.user=support
      imap.password=secret
      imap.poll-seconds=30
      secret=a secret of at least sixteen bytes
      """;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("helpdesk.properties");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void theReadmesExample_isAValidFile() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("```properties\n");
    assertThat(start).as("README shows a config file").isNotNegative();
    String example =
        readme.substring(start + "```properties\n".length(), readme.indexOf("```", start + 3));

    CliConfig c = CliConfig.load(write(example));

    assertThat(c.departments()).containsOnlyKeys("tech", "billing");
    assertThat(c.directory().customerByEmail("alice@example.net")).isPresent();
    assertThat(c.imap()).get().extracting(MailServer::port).isEqualTo(993);
  }

  @Test
  void aGoodFile_configuresTheDesk() throws Exception {
    CliConfig c = CliConfig.load(write(GOOD));

    assertThat(c.departments()).containsOnlyKeys("tech", "billing");
    assertThat(c.mailboxes())
        .containsExactly(
            Mailbox.of("support@example.com", DepartmentId.of("tech")),
            Mailbox.of("billing@example.com", DepartmentId.of("billing"))
                .withUnknownSenders(Mailbox.UnknownSenders.REFUSE));
    assertThat(c.directory().customerByEmail("alice@example.net"))
        .get()
        .extracting(p -> p.plan().value())
        .isEqualTo("vps");
    assertThat(c.supportHours().isOpen(java.time.Instant.parse("2026-12-07T09:30:00Z")))
        .as("Monday 10:30 in Berlin")
        .isTrue();
    assertThat(c.supportHours().isOpen(java.time.Instant.parse("2026-12-06T10:00:00Z")))
        .as("Sunday")
        .isFalse();
    assertThat(c.supportHours().isOpen(java.time.Instant.parse("2026-12-25T10:00:00Z")))
        .as("a holiday, Friday")
        .isFalse();
    assertThat(c.directory().agent(dev.helpdesk.domain.AgentId.of("omar"))).isPresent();
    assertThat(c.smtp().port()).isEqualTo(2526);
    assertThat(c.imap()).get().extracting(MailServer::port).isEqualTo(143);
    assertThat(c.imapPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.secret()).isPresent();
  }

  @Test
  void theDeskFollowsTheFile() throws Exception {
    CliConfig c = CliConfig.load(write(GOOD));
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
      IntakeResult known =
          s.intake()
              .accept(
                  new ByteArrayInputStream(
                      CliProcess.message(
                          "alice@example.net", "billing@example.com", "<a1@x>", "Invoice?")),
                  "test");
      IntakeResult stranger =
          s.intake()
              .accept(
                  new ByteArrayInputStream(
                      CliProcess.message(
                          "eve@elsewhere.test", "billing@example.com", "<e1@x>", "Hi")),
                  "test");

      assertThat(known).isInstanceOf(IntakeResult.Created.class);
      dev.helpdesk.ticket.Ticket alices =
          s.store().ticketStore().ticketsOf(CustomerId.of("alice"), 10).get(0);
      assertThat(alices.department().value()).isEqualTo("billing");
      assertThat(alices.sla().policy()).as("the plan's targets").contains("plan-vps");
      assertThat(stranger)
          .isInstanceOfSatisfying(
              IntakeResult.Ignored.class,
              i -> assertThat(i.why()).isEqualTo(IntakeResult.Ignored.Why.REFUSED_SENDER));
    }
  }

  @Test
  void plansCarryTheirOwnTargets_aPrioritysLineOutranksThePlans() throws Exception {
    CliConfig c = CliConfig.load(write(GOOD));
    dev.helpdesk.sla.SlaPolicies p = c.slaPolicies();
    DepartmentId tech = DepartmentId.of("tech");
    Optional<dev.helpdesk.domain.PlanId> vps = Optional.of(dev.helpdesk.domain.PlanId.of("vps"));

    dev.helpdesk.sla.SlaPolicy normal =
        p.select(tech, dev.helpdesk.domain.Priority.NORMAL, vps).get();
    dev.helpdesk.sla.SlaPolicy urgent =
        p.select(tech, dev.helpdesk.domain.Priority.URGENT, vps).get();
    dev.helpdesk.sla.SlaPolicy noPlan =
        p.select(tech, dev.helpdesk.domain.Priority.NORMAL, Optional.empty()).get();

    assertThat(normal.name()).isEqualTo("plan-vps");
    assertThat(normal.targets())
        .isEqualTo(
            dev.helpdesk.sla.SlaTargets.of(
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofDays(1)));
    assertThat(urgent.name()).isEqualTo("plan-vps-urgent");
    assertThat(urgent.targets().firstResponse()).isEqualTo(Duration.ofMinutes(10));
    assertThat(urgent.targets().resolution()).isEmpty();
    assertThat(noPlan.name()).isEqualTo("default-normal");
    assertThat(normal.hours()).isSameAs(c.supportHours());
  }

  private void bad(String text, String key, int line, String why) throws Exception {
    Path f = write(text);
    assertThatThrownBy(() -> CliConfig.load(f))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(78))
        .hasMessageContaining("line " + line + ":")
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining(why);
  }

  @Test
  void badFiles_nameTheKeyAndLine() throws Exception {
    bad(
        "department.tech.name=Tech\nmailbox.support@example.com=tehc\n",
        "mailbox.support@example.com",
        2,
        "unknown department 'tehc'");
    bad(
        "department.tech.name=Tech\n\nagent.tina=Tina,first,tech\n",
        "agent.tina",
        3,
        "the tier must be a number");
    bad("smtp.hots=mail.example.com\n", "smtp.hots", 1, "unknown key");
    bad("secret=short\n", "secret", 1, "at least 16 bytes");
    bad(
        "department.tech.name=Tech\nmailbox.a@example.com=tech\n"
            + "mailbox.b@example.com.unknown-senders=refuse\n",
        "mailbox.b@example.com.unknown-senders",
        3,
        "no mailbox.b@example.com");
    bad("customer.bob=Bob\n", "customer.bob", 1, "expected Name,email");
    bad("customer.bob=Bob,bob@example.net,gold\n", "customer.bob", 1, "unknown plan 'gold'");
    bad("plan.vps=VPS,email+fax,2000,EUR\n", "plan.vps", 1, "unknown channel 'fax'");
    bad("hours.zone=Mars/Olympus\nhours.mon=09:00-17:00\n", "hours.zone", 1, "unknown time zone");
    bad("hours.mon=9-17\n", "hours.mon", 1, "expected HH:MM-HH:MM");
    bad("hours.monday=09:00-17:00\n", "hours.monday", 1, "unknown key");
    bad("imap.host=x\nimap.user=u\nimap.password=p\nimap.port=99999\n", "imap.port", 4, "1-65535");
    bad("plan.gold.sla=1h,2h,1d\n", "plan.gold.sla", 1, "unknown plan 'gold'");
    bad(
        "plan.vps=VPS,email,2000,EUR\nplan.vps.sla.soon=1h,2h,1d\n",
        "plan.vps.sla.soon",
        2,
        "unknown priority 'soon'");
    bad("plan.vps=VPS,email,2000,EUR\nplan.vps.sla=1h,2h\n", "plan.vps.sla", 2, "expected first");
    bad(
        "plan.vps=VPS,email,2000,EUR\nplan.vps.sla=1 hour,2h,1d\n",
        "plan.vps.sla",
        2,
        "expected a duration such as 15m");
    bad("plan.vps=VPS,email,2000,EUR\nplan.vps.sla=2d,2h,1d\n", "plan.vps.sla", 2, "at most PT24H");
    bad(
        "department.tech.name=Tech\ndepartment.tech.name=Technical\n",
        "department.tech.name",
        2,
        "set twice (first on line 1)");
  }

  @Test
  void aBadFile_onTheCommandLine_is78WithoutAStackTrace() throws Exception {
    Path f = write("department.tech.name=Tech\nagent.tina=Tina,1,sales\n");
    CommandLine cl = HelpdeskCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));

    int code =
        cl.execute("tickets", "--config", f.toString(), "--db=jdbc:h2:file:" + dir.resolve("d"));

    assertThat(code).isEqualTo(78);
    assertThat(err.toString())
        .contains("line 2")
        .contains("agent.tina")
        .contains("unknown department 'sales'")
        .doesNotContain("\tat ");
  }
}
