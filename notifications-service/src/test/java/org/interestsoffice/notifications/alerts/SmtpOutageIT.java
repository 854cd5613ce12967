package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.util.List;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.notifications.fixtures.MovableClock;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SMTP server goes away for a while: the alert waits, retrying, and goes out once when it is back. */
@NotificationsServiceUnderTest
@ExtendWith(OutputCaptureExtension.class)
class SmtpOutageIT {

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void anAlertRetriesWhileTheSmtpServerIsDownAndIsSentOnceWhenItIsBack(CapturedOutput output) {
    StaffMember jane = personnel.registers(aDiplomat());
    AlertRow retrying;
    smtp.down();
    try {
      personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));

      // Failed more than once: it keeps retrying rather than giving up or being forgotten.
      retrying =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> alertLog.alertsOf(jane.staffId(), "EMAIL"),
                  rows -> rows.size() == 1 && rows.get(0).status().equals("RETRYING") && rows.get(0).attempts() >= 2)
              .get(0);
      assertThat(retrying.lastError()).isNotBlank();
      // The SMS channel does not wait for the mail server.
      assertThat(alertLog.alertsOf(jane.staffId(), "SMS")).singleElement().satisfies(row -> assertThat(row.status()).isEqualTo("SENT"));
    } finally {
      smtp.up();
    }

    ReceivedEmail email = smtp.awaitEmailTo(jane.email());
    assertThat(email.subject()).startsWith("Departure order: leave by ");
    AlertRow sent =
        await().until(() -> alertLog.alertsOf(jane.staffId(), "EMAIL"), rows -> rows.get(0).status().equals("SENT")).get(0);
    assertThat(sent.attempts()).isGreaterThan(retrying.attempts());
    assertThat(sent.lastError()).isNull();
    // SENT is final for the dispatcher, so this one email is the only one there will be.
    assertThat(smtp.emailsTo(jane.email())).hasSize(1);

    // The delivery log holds every attempt: queued, the failed ones with their error, then sent.
    List<String> log =
        jdbc.sql("select status || ':' || coalesce(error, '') from delivery_attempt where alert_id = :id order by id")
            .param("id", sent.id())
            .query(String.class)
            .list();
    assertThat(log).first().isEqualTo("QUEUED:");
    assertThat(log).last().isEqualTo("SENT:");
    assertThat(log.subList(1, log.size() - 1))
        .hasSize(sent.attempts() - 1)
        .allSatisfy(attempt -> assertThat(attempt).startsWith("RETRYING:").hasSizeGreaterThan("RETRYING:".length()));

    // The failures were logged (by alert id), without the person's contact details.
    assertThat(output.getAll())
        .contains(retrying.id().toString())
        .doesNotContain(jane.email())
        .doesNotContain(jane.phone().substring(1));
  }
}
