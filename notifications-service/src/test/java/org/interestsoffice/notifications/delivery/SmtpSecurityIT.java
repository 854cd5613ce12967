package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.util.Map;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.notifications.fixtures.AnotherInstance;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SecureSmtpServer;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Departure alerts through an SMTP server that wants TLS and a password (GreenMail with a private
 * CA's certificate): over implicit TLS, over STARTTLS, and not at all with a wrong password or when
 * STARTTLS is required and the server does not offer it. Each case runs an instance of the service
 * configured for it (SMTP_SECURITY, SMTP_USERNAME, SMTP_PASSWORD, SMTP_TRUSTED_CERTIFICATES as its
 * properties) while the test's own instance sends nothing.
 */
@NotificationsServiceUnderTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpSecurityIT {

  @Autowired ConfigurableEnvironment environment;
  @Autowired MovableClock clock;
  @Autowired Personnel personnel;
  @Autowired AlertLog alertLog;
  @Autowired SmtpServer plainSmtp;
  @Autowired Dispatchers ownDispatchers;

  SecureSmtpServer secure;

  @BeforeAll
  void startTheSecureServer() {
    secure = new SecureSmtpServer();
    // Only the instance configured for the case sends.
    ownDispatchers.stop();
  }

  @AfterAll
  void stopTheSecureServer() {
    ownDispatchers.start();
    if (secure != null) {
      secure.close();
    }
  }

  @Test
  void overImplicitTlsWithAPasswordTheAlertArrivesAndAWrongPasswordKeepsItRetrying() {
    try (ConfigurableApplicationContext instance = sendingThrough("tls", secure.smtpsPort())) {
      StaffMember jane = personnel.registers(aDiplomat().named("Jane Doe"));
      personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));

      ReceivedEmail email = secure.awaitEmailTo(jane.email());
      assertThat(email.subject()).startsWith("Departure order: leave by ");
      assertThat(email.body()).contains("Dear Jane Doe,");
      assertThat(email.calendar()).isPresent();
      awaitEmail(jane, "SENT");
      assertThat(plainSmtp.emailsTo(jane.email())).isEmpty();
    }
    // The server's password changes and the service's does not. A connection already open stays
    // logged in, as on any server; an instance that starts now must log in, is refused, sends
    // nothing, and retries (a refused login is not the address's fault).
    secure.changePassword("a new password the service does not know");
    try (ConfigurableApplicationContext instance = sendingThrough("tls", secure.smtpsPort())) {
      try {
        StaffMember john = personnel.registers(aDiplomat().named("John Roe"));
        personnel.ordersDeparture(john, clock.instant().plus(Duration.ofHours(72)));
        AlertRow retrying = awaitRetrying(john);
        assertThat(retrying.lastError()).containsIgnoringCase("authentication");
        assertThat(secure.emailsTo(john.email())).isEmpty();

        // The right password again: the retry goes through.
        secure.changePassword(SecureSmtpServer.PASSWORD);
        secure.awaitEmailTo(john.email());
        AlertRow sent = awaitEmail(john, "SENT");
        assertThat(sent.attempts()).isGreaterThan(retrying.attempts());
      } finally {
        secure.changePassword(SecureSmtpServer.PASSWORD);
      }
    }
  }

  @Test
  void overStarttlsTheAlertArrivesAndWhenTheServerDoesNotOfferItNothingGoesOutInClearText() {
    try (ConfigurableApplicationContext instance = sendingThrough("starttls-required", secure.startTls().port())) {
      StaffMember juan = personnel.registers(aDiplomat().named("Juan Pérez").speaking("es"));
      personnel.ordersDeparture(juan, clock.instant().plus(Duration.ofHours(72)));

      ReceivedEmail email = secure.awaitEmailTo(juan.email());
      assertThat(email.body()).contains("Juan Pérez");
      awaitEmail(juan, "SENT");
      assertThat(secure.startTls().upgradedConnections()).isPositive();
    }
    // A server (or someone in between) that does not offer STARTTLS to a new connection gets
    // nothing over it, not even the login.
    secure.startTls().offerStartTls(false);
    try (ConfigurableApplicationContext instance = sendingThrough("starttls-required", secure.startTls().port())) {
      try {
        StaffMember ana = personnel.registers(aDiplomat().named("Ana Gómez").speaking("es"));
        personnel.ordersDeparture(ana, clock.instant().plus(Duration.ofHours(72)));
        AlertRow retrying = awaitRetrying(ana);
        assertThat(retrying.lastError()).containsIgnoringCase("STARTTLS");
        assertThat(secure.emailsTo(ana.email())).isEmpty();
      } finally {
        secure.startTls().offerStartTls(true);
      }
    }
  }

  private ConfigurableApplicationContext sendingThrough(String security, int port) {
    return AnotherInstance.start(
        environment,
        clock,
        Map.of(
            "notifications.instance-name", "secure-smtp",
            "spring.mail.host", "localhost",
            "spring.mail.port", Integer.toString(port),
            "spring.mail.username", SecureSmtpServer.USERNAME,
            "spring.mail.password", SecureSmtpServer.PASSWORD,
            "notifications.smtp.security", security,
            "notifications.smtp.trusted-certificates", SecureSmtpServer.trustedCertificates().toString()));
  }

  /** Waits until the person's email alert failed more than once, and says it is retrying (not given up on, not sent). */
  private AlertRow awaitRetrying(StaffMember member) {
    AlertRow row =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> alertLog.alertsOf(member.staffId(), "EMAIL"), rows -> rows.size() == 1 && rows.get(0).attempts() >= 2)
            .get(0);
    assertThat(row.status()).isEqualTo("RETRYING");
    return row;
  }

  private AlertRow awaitEmail(StaffMember member, String status) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> alertLog.alertsOf(member.staffId(), "EMAIL"), rows -> rows.size() == 1 && rows.get(0).status().equals(status))
        .get(0);
  }
}
