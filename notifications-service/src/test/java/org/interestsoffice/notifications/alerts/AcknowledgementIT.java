package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.notifications.fixtures.NotificationsEvents;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acknowledgement link in an alert email, opened and confirmed by a person's browser without
 * an account: a page in their language, one AlertAcknowledged however often they confirm.
 */
@NotificationsServiceUnderTest
class AcknowledgementIT {

  private static final Pattern LINK = Pattern.compile("https://alerts\\.interests-office\\.example(/ack/([A-Za-z0-9_-]{43}))");

  @Autowired Personnel personnel;
  @Autowired SmtpServer mailbox;
  @Autowired AlertLog alertLog;
  @Autowired NotificationsApi api;
  @Autowired NotificationsEvents published;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private Instant due() {
    return clock.instant().plus(Duration.ofHours(72));
  }

  @Test
  void theLinkInTheEmailShowsAConfirmButtonAndConfirmingTwicePublishesOneAlertAcknowledged() {
    StaffMember jane = personnel.registers(aDiplomat());
    DepartureOrder order = personnel.ordersDeparture(jane, due());
    ReceivedEmail email = mailbox.awaitEmailTo(jane.email());
    String path = ackPathIn(email);
    UUID alertId = emailAlertOf(jane);

    Response page = api.browse(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType().toString()).startsWith("text/html");
    assertThat(page.body())
        .contains("<html lang=\"en\">")
        .contains(email.subject())
        .contains("<form method=\"post\"")
        .contains("I confirm I have received it");
    // Only looking changes nothing.
    assertThat(acknowledgedEvents(alertId)).isZero();

    Response confirmed = api.submit(path);
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(confirmed.body()).contains("Your confirmation has been recorded").doesNotContain("<form");
    Response again = api.submit(path);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("Your confirmation has been recorded");

    // Published once through the outbox, and on the broker for whoever listens.
    JsonNode event = onTheBroker(alertId);
    assertThat(acknowledgedEvents(alertId)).isEqualTo(1);
    assertThat(event.path("type").asString()).isEqualTo("AlertAcknowledged");
    assertThat(event.path("officeCode").asString()).isEqualTo("CCS");
    JsonNode payload = event.path("payload");
    assertThat(payload.path("staffId").asString()).isEqualTo(jane.staffId().toString());
    assertThat(payload.path("missionId").asString()).isEqualTo(jane.mission().missionId().toString());
    assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(payload.path("deadlineId").asString()).isEqualTo(order.deadlineId().toString());
    assertThat(payload.path("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(payload.path("acknowledgedAt").asString()).isNotBlank();

    // The office sees it.
    Response alert = api.as(TestTokens.get().officeViewer("CCS")).get("/api/alerts/" + alertId);
    assertThat(alert.json().path("alert").path("acknowledgedAt").asString()).isNotBlank();
    Response progress = api.as(TestTokens.get().officeViewer("CCS")).get("/api/missions/" + jane.mission().missionId() + "/alert-progress");
    assertThat(progress.json().path("acknowledged").asLong()).isEqualTo(1);
  }

  @Test
  void aSpanishSpeakerGetsTheLinkAndThePageInSpanish() {
    StaffMember jose = personnel.registers(aDiplomat().named("José Peña").speaking("es"));
    personnel.ordersDeparture(jose, due());
    ReceivedEmail email = mailbox.awaitEmailTo(jose.email());
    assertThat(email.body()).contains("Confirme que ha recibido esta orden: https://alerts.interests-office.example/ack/");
    String path = ackPathIn(email);

    Response page = api.browse(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<html lang=\"es\">")
        .contains("Orden de salida")
        .contains("Confirmo que la he recibido")
        .doesNotContain("I confirm");
    Response confirmed = api.submit(path);
    assertThat(confirmed.body()).contains("Su confirmación ha quedado registrada");
  }

  @Test
  void anUnknownLinkGetsAClearPageInEnglishNotAnErrorDump() {
    String madeUp = "/ack/" + "A".repeat(43);
    for (Response response : new Response[] {api.browse(madeUp), api.submit(madeUp), api.browse("/ack/short"), api.submit("/ack/not-a-token")}) {
      assertThat(response.status()).as(response.body()).isEqualTo(404);
      assertThat(response.contentType().toString()).startsWith("text/html");
      assertThat(response.body())
          .contains("<html lang=\"en\">")
          .contains("This link is not valid")
          .doesNotContain("<form")
          .doesNotContain("Exception");
    }
  }

  @Test
  void theDatabaseKeepsOnlyAHashOfTheToken() throws Exception {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, due());
    String token = ackPathIn(mailbox.awaitEmailTo(jane.email())).substring("/ack/".length());

    UUID alertId = emailAlertOf(jane);
    String body = jdbc.sql("select body from alert where id = :id").param("id", alertId).query(String.class).single();
    byte[] hash = jdbc.sql("select ack_token_hash from alert where id = :id").param("id", alertId).query(byte[].class).single();
    assertThat(body).doesNotContain(token);
    assertThat(hash).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    // The raw token was kept only until the message went out.
    assertThat(jdbc.sql("select unsent_ack_token is null from alert where id = :id").param("id", alertId).query(Boolean.class).single()).isTrue();
  }

  @Test
  void anExpiredLinkSaysSoInThePersonsLanguageAndRecordsNothing() {
    StaffMember jose = personnel.registers(aDiplomat().named("José Peña").speaking("es"));
    personnel.ordersDeparture(jose, due());
    String path = ackPathIn(mailbox.awaitEmailTo(jose.email()));
    UUID alertId = emailAlertOf(jose);
    // The link's validity has run out (30 days by default).
    jdbc.sql("update alert set ack_expires_at = now() - interval '1 minute' where id = :id").param("id", alertId).update();

    for (Response response : new Response[] {api.browse(path), api.submit(path)}) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType().toString()).startsWith("text/html");
      assertThat(response.body()).contains("<html lang=\"es\">").contains("Este enlace ha caducado").doesNotContain("<form");
    }
    assertThat(acknowledgedEvents(alertId)).isZero();
    assertThat(jdbc.sql("select acknowledged_at is null from alert where id = :id").param("id", alertId).query(Boolean.class).single())
        .isTrue();
  }

  private static String ackPathIn(ReceivedEmail email) {
    Matcher link = LINK.matcher(email.body());
    assertThat(link.find()).as("an acknowledgement link in %s", email.body()).isTrue();
    return link.group(1);
  }

  private long acknowledgedEvents(UUID alertId) {
    return alertLog.acknowledgedEvents(alertId);
  }

  /** The AlertAcknowledged of this alert, as it arrived on the broker. */
  private JsonNode onTheBroker(UUID alertId) {
    UUID staffId = jdbc.sql("select staff_id from alert where id = :id").param("id", alertId).query(UUID.class).single();
    EventEnvelope event =
        await().until(
                () -> published.received("AlertAcknowledged", staffId).stream()
                    .filter(envelope -> envelope.payload().path("alertId").asString().equals(alertId.toString()))
                    .toList(),
                events -> events.size() == 1)
            .get(0);
    return json.valueToTree(event);
  }

  /** The person's email alert (the SMS alert has a link of its own). */
  private UUID emailAlertOf(StaffMember member) {
    return await().until(() -> alertLog.alertsOf(member.staffId(), "EMAIL"), rows -> rows.size() == 1 && rows.get(0).status().equals("SENT")).get(0).id();
  }
}
