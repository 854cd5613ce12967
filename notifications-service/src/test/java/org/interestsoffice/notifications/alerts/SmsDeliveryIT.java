package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmsProviderServer.SmsRequest;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * SMS through a real HTTP provider: transient failures retried until taken, once; permanent ones
 * dead at once and re-drivable by a ministry administrator; the provider's delivery reports.
 */
@NotificationsServiceUnderTest
class SmsDeliveryIT {

  private static final String REPORT_KEY = "test-delivery-report-key";

  @Autowired Personnel personnel;
  @Autowired SmsProviderServer provider;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired NotificationsApi api;

  final TestTokens tokens = TestTokens.get();

  @Test
  void aProviderAnswering500ThenAcceptingDeliversTheMessageOnceUnderOneIdempotencyKey() {
    StaffMember jane = aDiplomat();
    provider.answer(jane.phone(), 500, 503);
    personnel.registers(jane);
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));

    AlertRow sent = awaitSms(jane, "SENT");
    List<SmsRequest> requests = provider.requestsTo(jane.phone());
    assertThat(requests).extracting(SmsRequest::answeredWith).containsExactly(500, 503, 200);
    assertThat(requests).extracting(SmsRequest::idempotencyKey).containsOnly(sent.id().toString());
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(deliveryLogOf(sent.id()))
        .extracting(attempt -> attempt.path("status").asString())
        .containsExactly("QUEUED", "RETRYING", "RETRYING", "SENT");
    assertThat(deliveryLogOf(sent.id()).get(1).path("error").asString()).startsWith("SMS provider answered HTTP 500");
  }

  @Test
  void aNumberTheProviderRejectsIsDeadAtOnceAndReDrivenByAMinistryAdministratorOnceFixed() {
    StaffMember jane = aDiplomat();
    provider.answer(jane.phone(), 400);
    personnel.registers(jane);
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));

    AlertRow dead = awaitSms(jane, "DEAD");
    assertThat(dead.attempts()).as("no retry for a permanent failure").isEqualTo(1);
    assertThat(provider.requestsTo(jane.phone())).hasSize(1);
    JsonNode listed = deadLetter(dead.id());
    assertThat(listed.path("kind").asString()).isEqualTo("ALERT");
    assertThat(listed.path("queue").asString()).isEqualTo("SMS");
    assertThat(listed.path("type").asString()).isEqualTo("ORDER");
    assertThat(listed.path("reason").asString()).startsWith("SMS provider answered HTTP 400");
    assertThat(listed.path("redrivable").asBoolean()).isTrue();

    // Only ministry administrators may re-drive, and the service checks it itself.
    for (String token : new String[] {tokens.officeHead("CCS"), tokens.officeOfficer("CCS")}) {
      Response refused = api.as(token).post("/api/dead-letters/" + dead.id() + "/redrive");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType().toString()).startsWith("application/problem+json");
    }
    assertThat(alertLog.alertsOf(jane.staffId(), "SMS").get(0).status()).isEqualTo("DEAD");

    // The number is fixed on the provider's side; the administrator re-drives.
    Response redriven = api.post("/api/dead-letters/" + dead.id() + "/redrive");
    assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);
    assertThat(redriven.json().path("status").asString()).isEqualTo("REDRIVEN");
    AlertRow sent = awaitSms(jane, "SENT");
    assertThat(provider.acceptedFor(jane.phone())).hasSize(1);
    assertThat(deliveryLogOf(sent.id()))
        .extracting(attempt -> attempt.path("status").asString() + ":" + attempt.path("error").asString(""))
        .containsExactly("QUEUED:", "DEAD:" + dead.lastError(), "QUEUED:Re-driven by ministry-admin", "SENT:");
    assertThat(api.get("/api/dead-letters").body()).doesNotContain(dead.id().toString());
    // Re-driving what is no longer dead is refused plainly.
    assertThat(api.post("/api/dead-letters/" + dead.id() + "/redrive").status()).isEqualTo(409);
    assertThat(api.post("/api/dead-letters/" + UUID.randomUUID() + "/redrive").status()).isEqualTo(404);
  }

  @Test
  void aNumberThatIsNotE164IsDeadWithoutBotheringTheProvider() {
    StaffMember jane = aDiplomat().reachableAt(aDiplomat().email(), "0212-555-0100");
    personnel.registers(jane);
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));

    AlertRow dead = awaitSms(jane, "DEAD");
    assertThat(dead.lastError()).isEqualTo("Not an E.164 phone number");
    assertThat(provider.requestsTo(jane.phone())).isEmpty();
  }

  @Test
  void theProvidersDeliveryReportMarksTheMessageDeliveredOnce() {
    StaffMember jane = aDiplomat();
    personnel.registers(jane);
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    AlertRow sent = awaitSms(jane, "SENT");
    String providerId = provider.acceptedFor(jane.phone()).get(0).id();
    String report = "{\"id\": \"" + providerId + "\", \"status\": \"DELIVERED\"}";

    Response delivered = api.postJson("/sms/delivery-reports", report, "X-Api-Key", REPORT_KEY);
    assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
    assertThat(delivered.json().path("alertId").asString()).isEqualTo(sent.id().toString());
    assertThat(delivered.json().path("status").asString()).isEqualTo("DELIVERED");
    // The provider sends it again: nothing changes.
    assertThat(api.postJson("/sms/delivery-reports", report, "X-Api-Key", REPORT_KEY).status()).isEqualTo(200);

    assertThat(alertLog.alertsOf(jane.staffId(), "SMS").get(0).status()).isEqualTo("DELIVERED");
    JsonNode alert = api.as(tokens.officeViewer("CCS")).get("/api/alerts/" + sent.id()).json();
    assertThat(alert.path("alert").path("deliveredAt").asString()).isNotBlank();
    assertThat(deliveryLogOf(sent.id())).extracting(attempt -> attempt.path("status").asString()).containsExactly("QUEUED", "SENT", "DELIVERED");
    JsonNode progress = api.get("/api/missions/" + jane.mission().missionId() + "/alert-progress").json();
    assertThat(progress.path("delivered").asLong()).isEqualTo(1);
  }

  @Test
  void aFailureReportedAfterSendingIsVisibleAndReDrivable() {
    StaffMember jane = aDiplomat();
    personnel.registers(jane);
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    AlertRow sent = awaitSms(jane, "SENT");

    Response failed =
        api.postJson(
            "/sms/delivery-reports", "{\"reference\": \"" + sent.id() + "\", \"status\": \"FAILED\", \"error\": \"handset unreachable\"}", "X-Api-Key", REPORT_KEY);
    assertThat(failed.status()).as(failed.body()).isEqualTo(200);

    AlertRow row = alertLog.alertsOf(jane.staffId(), "SMS").get(0);
    assertThat(row.status()).isEqualTo("FAILED");
    assertThat(row.lastError()).isEqualTo("Reported by the SMS provider: handset unreachable");
    assertThat(deadLetter(sent.id()).path("kind").asString()).isEqualTo("ALERT");
  }

  @Test
  void reportsWithoutTheKeyOrAboutNothingAreRefusedAsProblems() {
    String report = "{\"id\": \"unknown\", \"status\": \"DELIVERED\"}";

    Response noKey = api.postJson("/sms/delivery-reports", report, null, null);
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.contentType().toString()).startsWith("application/problem+json");
    assertThat(api.postJson("/sms/delivery-reports", report, "X-Api-Key", "wrong").status()).isEqualTo(401);
    assertThat(api.postJson("/sms/delivery-reports", report, "X-Api-Key", REPORT_KEY).status()).isEqualTo(404);
    Response badStatus = api.postJson("/sms/delivery-reports", "{\"id\": \"x\", \"status\": \"READ\"}", "X-Api-Key", REPORT_KEY);
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().path("errors").toString()).contains("status");
    assertThat(api.postJson("/sms/delivery-reports", "not json", "X-Api-Key", REPORT_KEY).status()).isEqualTo(400);
  }

  private AlertRow awaitSms(StaffMember member, String status) {
    return alertLog.awaitOnly(member.staffId(), "SMS", status);
  }

  private List<JsonNode> deliveryLogOf(UUID alertId) {
    return api.deliveryLogOf(alertId);
  }


  private JsonNode deadLetter(UUID id) {
    for (JsonNode deadLetter : api.get("/api/dead-letters").json()) {
      if (deadLetter.path("id").asString().equals(id.toString())) {
        return deadLetter;
      }
    }
    throw new AssertionError("No dead letter " + id);
  }
}
