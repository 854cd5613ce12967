package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.notifications.fixtures.MovableClock;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmsProviderServer.SmsRequest;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personnel's events in, one email and one SMS per departure order out, in the person's language,
 * against the real broker, database, SMTP server and an HTTP SMS provider.
 */
@NotificationsServiceUnderTest
@ExtendWith(OutputCaptureExtension.class)
class DepartureAlertsIT {

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired SmsProviderServer sms;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void anEnglishSpeakerGetsOneEmailAndOneSmsStatingTheDeadlineInUtcAndInTheMissionsLocalTime(CapturedOutput output) {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Doe").speaking("en"));
    // The 72 hours given to US diplomats in Caracas on 23 January 2019, as if it were now.
    Instant due = clock.instant().plus(Duration.ofHours(72));

    personnel.ordersDeparture(jane, due);

    ReceivedEmail email = smtp.awaitEmailTo(jane.email());
    assertThat(email.subject()).isEqualTo("Departure order: leave by " + Times.utc(due));
    assertThat(email.body())
        .contains("Dear Jane Doe,")
        .contains("Mission: Embassy of the United States in Caracas")
        .contains("Deadline: " + Times.utc(due))
        .contains("Local time: " + Times.local(due, "America/Caracas"))
        .contains("Confirm that you have received this order: https://alerts.interests-office.example/ack/");
    SmsRequest text = sms.awaitAcceptedFor(jane.phone(), 1).get(0);
    assertThat(text.text())
        .startsWith("Departure order (Embassy of the United States in Caracas): leave by " + Times.utc(due))
        .contains("local time " + Times.local(due, "America/Caracas"))
        .contains("Confirm receipt: https://alerts.interests-office.example/ack/");
    assertThat(text.apiKey()).isEqualTo(SmsProviderServer.API_KEY);

    // Both rows are SENT, so no dispatcher will pick them up again: one of each, for good.
    List<AlertRow> alerts = awaitAllSent(jane);
    assertThat(alerts).extracting(AlertRow::slot).containsOnly("ORDER");
    assertThat(alerts).extracting(AlertRow::channel).containsExactlyInAnyOrder("EMAIL", "SMS");
    assertThat(alerts).allSatisfy(alert -> assertThat(alert.attempts()).isEqualTo(1));
    // The SMS request names the alert, as its idempotency key and reference.
    AlertRow smsAlert = alerts.stream().filter(alert -> alert.channel().equals("SMS")).findFirst().orElseThrow();
    assertThat(text.idempotencyKey()).isEqualTo(smsAlert.id().toString());
    assertThat(text.reference()).isEqualTo(smsAlert.id().toString());
    assertThat(smtp.emailsTo(jane.email())).hasSize(1);
    assertThat(sms.requestsTo(jane.phone())).hasSize(1);
    // Personal data never reaches the log.
    assertThat(output.getAll()).doesNotContain(jane.email()).doesNotContain(jane.phone().substring(1));
  }

  @Test
  void aSpanishSpeakerGetsSpanishTextInBothChannelsWithTheAccentsIntact() {
    StaffMember jose = personnel.registers(aDiplomat().named("José Gregorio Peña Muñoz").speaking("es"));
    Instant due = clock.instant().plus(Duration.ofHours(72));

    personnel.ordersDeparture(jose, due);

    ReceivedEmail email = smtp.awaitEmailTo(jose.email());
    assertThat(email.contentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(email.subject()).isEqualTo("Orden de salida: debe salir antes del " + Times.utc(due));
    assertThat(email.body())
        .contains("Estimado/a José Gregorio Peña Muñoz:")
        .contains("relaciones diplomáticas")
        .contains("Hora local: " + Times.local(due, "America/Caracas"))
        .contains("Póngase en contacto")
        .doesNotContain("Deadline");
    assertThat(sms.awaitAcceptedFor(jose.phone(), 1).get(0).text())
        .startsWith("Orden de salida (Embassy of the United States in Caracas): debe salir antes del " + Times.utc(due))
        .contains("Confirme la recepción: https://alerts.interests-office.example/ack/");
  }

  @Test
  void anOrderTheBrokerDeliversTwiceOrPersonnelPublishesAgainSendsOneOfEach() {
    StaffMember jane = personnel.registers(aDiplomat());
    DepartureOrder order = personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    personnel.redelivers(order);
    personnel.redelivers(order);
    DepartureOrder again = personnel.ordersAgain(order);

    smtp.awaitEmailTo(jane.email());
    sms.awaitAcceptedFor(jane.phone(), 1);
    // Processed in turn by the consumers; once the last is recorded, all were.
    await().until(() -> processed(again));
    awaitAllSent(jane);

    assertThat(again.eventId()).isNotEqualTo(order.eventId());
    assertThat(processed(order)).isTrue();
    assertThat(smtp.emailsTo(jane.email())).hasSize(1);
    assertThat(sms.requestsTo(jane.phone())).hasSize(1);
    assertThat(alertLog.alertsOf(jane.staffId())).hasSize(2);
  }

  @Test
  void anOrderThatOvertakesTheRegistrationWaitsForTheContactDetailsThenGoesOutOnce() {
    StaffMember late = aDiplomat().named("Late Registration");
    personnel.ordersDeparture(late, clock.instant().plus(Duration.ofHours(72)));

    List<AlertRow> waiting =
        await().until(
            () -> alertLog.alertsOf(late.staffId()),
            rows -> rows.size() == 2 && rows.stream().allMatch(row -> row.status().equals("RETRYING")));
    assertThat(waiting).allSatisfy(row -> assertThat(row.lastError()).isEqualTo("No contact details for this person yet"));
    assertThat(waiting).allSatisfy(row -> assertThat(row.attempts()).as("waiting is not an attempt").isZero());

    // The registration arrives; the alerts are woken at once (they would otherwise wait minutes).
    personnel.registers(late);

    assertThat(smtp.awaitEmailTo(late.email()).body()).contains("Dear Late Registration,");
    sms.awaitAcceptedFor(late.phone(), 1);
    awaitAllSent(late);
    assertThat(smtp.emailsTo(late.email())).hasSize(1);
    assertThat(sms.requestsTo(late.phone())).hasSize(1);
  }

  @Test
  void aNewAddressBeforeTheAlertIsSentIsTheOneUsed() {
    StaffMember jane = aDiplomat();
    StaffMember moved = jane.reachableAt("new-" + jane.email(), "+58212" + jane.phone().substring(5));
    // Registered and changed before the order: the order goes to the details as they are now.
    personnel.registers(jane);
    personnel.changesContactOf(moved);
    personnel.ordersDeparture(moved, clock.instant().plus(Duration.ofHours(72)));

    smtp.awaitEmailTo(moved.email());
    sms.awaitAcceptedFor(moved.phone(), 1);
    assertThat(smtp.emailsTo(jane.email())).isEmpty();
    assertThat(sms.requestsTo(jane.phone())).isEmpty();
  }

  private List<AlertRow> awaitAllSent(StaffMember member) {
    return await()
        .until(
            () -> alertLog.alertsOf(member.staffId()),
            rows -> !rows.isEmpty() && rows.stream().allMatch(row -> row.status().equals("SENT")));
  }

  private boolean processed(DepartureOrder order) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :id")
            .param("id", order.eventId())
            .query(Integer.class)
            .single()
        == 1;
  }
}
