package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.notifications.alerts.AlertLog.AlertRow;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton of notifications against the real broker, database and SMTP server:
 * personnel's events in, one email per departure order out, in the person's language.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "platform.messaging.consumer.max-retries=1",
      "platform.messaging.consumer.initial-interval=100ms",
      "notifications.alerts.poll-interval=100ms",
      "notifications.alerts.initial-backoff=200ms",
      "notifications.alerts.max-backoff=1s",
      // GreenMail stands in for a remote mail server and logs the addresses it creates mailboxes
      // for; only the service's own log lines are under test.
      "logging.level.com.icegreen=warn"
    })
@RealInfrastructure(database = "notifications")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DepartureAlertsIT {

  // The 72 hours given to US diplomats in Caracas on 23 January 2019.
  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");

  // One SMTP server for the whole class: the application context is built once, on its port.
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> smtp.getSmtp().getBindTo());
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired JsonMapper json;
  @Autowired MessagingNames names;
  @Autowired JdbcClient jdbc;
  @Autowired EventSubscription personnelEvents;

  Personnel personnel;
  Mailbox mailbox;
  AlertLog alertLog;

  @BeforeEach
  void setUp() {
    personnel = new Personnel(rabbit, json, names);
    mailbox = new Mailbox(smtp);
    alertLog = new AlertLog(jdbc);
  }

  @Test
  void anEnglishSpeakerReceivesOneEmailStatingTheDeadlineInUtcAndInTheMissionsLocalTime() {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Doe").speaking("en"));

    personnel.ordersDeparture(jane, DUE);

    ReceivedEmail email = mailbox.awaitEmailTo(jane.email());
    assertThat(email.subject()).isEqualTo("Departure order: leave by 2019-01-26 20:00 UTC");
    assertThat(email.body())
        .contains("Dear Jane Doe,")
        .contains("Mission: Embassy of the United States in Caracas")
        .contains("Deadline: 2019-01-26 20:00 UTC")
        .contains("Local time: 2019-01-26 16:00 (America/Caracas)");
    // The row is SENT, so the dispatcher will never pick it up again: one email, for good.
    await().until(() -> alertLog.alertsOf(jane.staffId()), rows -> rows.stream().allMatch(row -> row.status().equals("SENT")));
    assertThat(alertLog.alertsOf(jane.staffId()))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.channel()).isEqualTo("EMAIL");
              assertThat(alert.slot()).isEqualTo("ORDER");
              assertThat(alert.attempts()).isEqualTo(1);
            });
    assertThat(mailbox.emailsTo(jane.email())).hasSize(1);
  }

  @Test
  void aSpanishSpeakerReceivesSpanishTextWithTheSameInstantsAndTheAccentsIntact() {
    StaffMember jose = personnel.registers(aDiplomat().named("José Gregorio Peña Muñoz").speaking("es"));

    personnel.ordersDeparture(jose, DUE);

    ReceivedEmail email = mailbox.awaitEmailTo(jose.email());
    assertThat(email.contentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(email.subject()).isEqualTo("Orden de salida: debe salir antes del 2019-01-26 20:00 UTC");
    assertThat(email.body())
        .contains("Estimado/a José Gregorio Peña Muñoz:")
        .contains("relaciones diplomáticas")
        .contains("Misión: Embassy of the United States in Caracas")
        .contains("Plazo: 2019-01-26 20:00 UTC")
        .contains("Hora local: 2019-01-26 16:00 (America/Caracas)")
        .contains("Póngase en contacto")
        .doesNotContain("Deadline");
  }

  @Test
  void anOrderTheBrokerDeliversTwiceSendsOneEmail() {
    StaffMember jane = personnel.registers(aDiplomat());
    DepartureOrder order = personnel.ordersDeparture(jane, DUE);
    personnel.redelivers(order);
    personnel.redelivers(order);

    mailbox.awaitEmailTo(jane.email());
    allEarlierEventsAndAlertsAreDone();

    assertThat(mailbox.emailsTo(jane.email())).hasSize(1);
    assertThat(alertLog.alertsOf(jane.staffId())).hasSize(1);
  }

  @Test
  void anOrderPublishedAgainAsANewEventForTheSameDeadlineVersionSendsOneEmail() {
    StaffMember jane = personnel.registers(aDiplomat());
    DepartureOrder order = personnel.ordersDeparture(jane, DUE);
    DepartureOrder again = personnel.ordersAgain(order);

    mailbox.awaitEmailTo(jane.email());
    allEarlierEventsAndAlertsAreDone();

    // The inbox handled both events (different ids); the alert's own key kept it to one.
    assertThat(again.eventId()).isNotEqualTo(order.eventId());
    assertThat(processed(order.eventId())).isTrue();
    assertThat(processed(again.eventId())).isTrue();
    assertThat(mailbox.emailsTo(jane.email())).hasSize(1);
    assertThat(alertLog.alertsOf(jane.staffId())).hasSize(1);
  }

  @Test
  void aReissuedDeadlineSendsASecondEmailWithTheNewDeadline() {
    StaffMember jane = personnel.registers(aDiplomat());
    DepartureOrder order = personnel.ordersDeparture(jane, DUE);
    mailbox.awaitEmailTo(jane.email());

    // March 2019: a new 72-hour deadline for the remaining staff.
    personnel.reissues(order, Instant.parse("2019-03-14T22:00:00Z"));

    List<ReceivedEmail> emails = mailbox.awaitEmailsTo(jane.email(), 2);
    assertThat(emails).hasSize(2);
    assertThat(emails)
        .extracting(ReceivedEmail::subject)
        .containsExactlyInAnyOrder(
            "Departure order: leave by 2019-01-26 20:00 UTC", "Departure order: leave by 2019-03-14 22:00 UTC");
    assertThat(emails)
        .anySatisfy(email -> assertThat(email.body()).contains("Local time: 2019-03-14 18:00 (America/Caracas)"));
    assertThat(alertLog.alertsOf(jane.staffId())).extracting(AlertRow::deadlineVersion).containsExactly(1, 2);
  }

  @Test
  void anOrderForSomeoneNeverRegisteredIsRetriedThenDeadLetteredAndLaterOrdersStillGoOut() {
    StaffMember stranger = aDiplomat();
    DepartureOrder orphan = personnel.ordersDeparture(stranger, DUE);

    EventEnvelope deadLettered = awaitDeadLetter(orphan.eventId());
    assertThat(deadLettered.type()).isEqualTo("DepartureOrdered");
    assertThat(processed(orphan.eventId())).as("a failed event is not recorded as processed").isFalse();
    assertThat(alertLog.alertsOf(stranger.staffId())).isEmpty();

    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, DUE);

    assertThat(mailbox.awaitEmailTo(jane.email()).subject()).isEqualTo("Departure order: leave by 2019-01-26 20:00 UTC");
    assertThat(mailbox.emailsTo(stranger.email())).isEmpty();
  }

  @Test
  void theLogsOfAFullFlowCarryNeitherTheEmailAddressNorThePhoneNumber(CapturedOutput output) {
    StaffMember jose = personnel.registers(aDiplomat().named("José Peña").speaking("es"));
    DepartureOrder order = personnel.ordersDeparture(jose, DUE);
    // A duplicate makes the inbox log (with the event id), so the capture is known to hold this flow.
    personnel.redelivers(order);

    mailbox.awaitEmailTo(jose.email());
    await().until(() -> output.getAll().contains(order.eventId().toString()));

    assertThat(output.getAll())
        .doesNotContain(jose.email())
        .doesNotContain(jose.phone())
        .doesNotContain(jose.phone().substring(1));
  }

  /**
   * One consumer takes personnel's queue in order and the dispatcher sends alerts in the order
   * they were queued: once a marker published now has produced its email, everything published
   * before it has been handled and sent.
   */
  private void allEarlierEventsAndAlertsAreDone() {
    StaffMember marker = personnel.registers(aDiplomat().named("Marker"));
    personnel.ordersDeparture(marker, DUE);
    mailbox.awaitEmailTo(marker.email());
  }

  private EventEnvelope awaitDeadLetter(UUID eventId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Message message = rabbit.receive(personnelEvents.deadLetterQueueName(), 500);
              return message == null ? null : json.readValue(message.getBody(), EventEnvelope.class);
            },
            envelope -> envelope != null && envelope.eventId().equals(eventId));
  }

  private boolean processed(UUID eventId) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :eventId")
            .param("eventId", eventId)
            .query(Integer.class)
            .single()
        > 0;
  }
}
