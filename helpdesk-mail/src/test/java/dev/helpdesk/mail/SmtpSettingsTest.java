package dev.helpdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void defaultsAreFiniteTimeoutsWithoutTlsOrAuth() {
    Properties p = SmtpSettings.of("smtp.example.com", 25).toProperties();

    assertThat(p)
        .containsEntry("mail.smtp.host", "smtp.example.com")
        .containsEntry("mail.smtp.port", "25")
        .containsEntry("mail.smtp.connectiontimeout", "10000")
        .containsEntry("mail.smtp.timeout", "30000")
        .containsEntry("mail.smtp.writetimeout", "30000")
        .containsEntry("mail.smtp.auth", "false")
        .containsEntry("mail.smtp.starttls.enable", "false")
        .containsEntry("mail.smtp.starttls.required", "false")
        .containsEntry("mail.smtp.ssl.enable", "false")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
  }

  @Test
  void withersChangeOneThingEach() {
    SmtpSettings s =
        SmtpSettings.of("smtp.example.com", 587)
            .withSecurity(SmtpSettings.Security.STARTTLS_REQUIRED)
            .withCredentials("desk", "s3cret")
            .withConnectTimeout(Duration.ofSeconds(2))
            .withReadTimeout(Duration.ofSeconds(3))
            .withWriteTimeout(Duration.ofMillis(4500));
    Properties p = s.toProperties();

    assertThat(p)
        .containsEntry("mail.smtp.auth", "true")
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.enable", "false")
        .containsEntry("mail.smtp.connectiontimeout", "2000")
        .containsEntry("mail.smtp.timeout", "3000")
        .containsEntry("mail.smtp.writetimeout", "4500");
    assertThat(p.values()).doesNotContain("s3cret");
    assertThat(s.username()).contains("desk");
    assertThat(s.withoutCredentials().username()).isEmpty();
    assertThat(s.withPort(2525).port()).isEqualTo(2525);
    assertThat(s.withHost("relay.example.com").host()).isEqualTo("relay.example.com");
    assertThat(s.withTimeouts(Duration.ofSeconds(1)).readTimeout())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void sslTurnsOnTlsFromTheStart() {
    assertThat(
            SmtpSettings.of("smtp.example.com", 465)
                .withSecurity(SmtpSettings.Security.SSL)
                .toProperties())
        .containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.starttls.enable", "false");
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(SmtpSettings.of("h", 25).withCredentials("desk", "s3cret").toString())
        .contains("desk")
        .doesNotContain("s3cret");
  }

  @Test
  void rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> SmtpSettings.of("smtp.example.com", 0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> SmtpSettings.of("smtp.example.com", 65_536))
        .hasMessageContaining("got 65536");
    assertThatThrownBy(() -> SmtpSettings.of("smtp example.com", 25))
        .hasMessageContaining("'smtp example.com'");
    assertThatThrownBy(() -> SmtpSettings.of("", 25)).hasMessageContaining("got ''");
    assertThatThrownBy(() -> SmtpSettings.of("h", 25).withReadTimeout(Duration.ZERO))
        .hasMessageContaining("readTimeout")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> SmtpSettings.of("h", 25).withConnectTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> SmtpSettings.of("h", 25).withWriteTimeout(Duration.ofNanos(10)))
        .hasMessageContaining("writeTimeout");
    assertThatThrownBy(
            () ->
                new SmtpSettings(
                    "h",
                    25,
                    SmtpSettings.Security.NONE,
                    java.util.Optional.of("desk"),
                    java.util.Optional.empty(),
                    SmtpSettings.DEFAULT_CONNECT_TIMEOUT,
                    SmtpSettings.DEFAULT_READ_TIMEOUT,
                    SmtpSettings.DEFAULT_WRITE_TIMEOUT))
        .hasMessageContaining("together");
  }
}
