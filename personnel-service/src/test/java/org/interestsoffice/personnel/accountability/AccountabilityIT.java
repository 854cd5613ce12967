package org.interestsoffice.personnel.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.DeadlineEvent;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.NotificationsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** {@code GET /api/missions/{id}/accountability}: the crisis cell's head count. */
@PersonnelServiceUnderTest
class AccountabilityIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;
  @Autowired NotificationsService notifications;

  final TestTokens tokens = TestTokens.get();

  @Test
  void countsByStatusTheOverdueAndTheTimeLeft() {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    UUID first = personnel.registers(aDiplomat().in(embassy));
    UUID second = personnel.registers(aDiplomat().in(embassy));
    personnel.registers(aDiplomat().in(embassy));
    personnel.registers(aLocalHire().in(embassy));

    JsonNode before = personnel.as(tokens.officeViewer("CCS")).accountability(embassy);
    assertThat(before.path("total").asInt()).isEqualTo(4);
    assertThat(before.path("byStatus").path("ACCREDITED").asInt()).isEqualTo(4);
    assertThat(before.path("byStatus").path("OVERDUE").asInt()).isZero();
    assertThat(before.path("timeLeft").isMissingNode() || before.path("timeLeft").isNull()).as("no deadline yet").isTrue();

    Instant dueAt = Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Rupture rupture = missionsService.severs(embassy, dueAt);
    messaging.awaitProcessed(rupture.envelope());
    JsonNode running = personnel.accountability(embassy);
    Duration left = Duration.parse(running.path("timeLeft").asString());
    assertThat(left).isBetween(Duration.ofHours(71), Duration.ofHours(72));
    assertThat(running.path("departureDeadline").path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(running.path("byStatus").path("DEPARTURE_ORDERED").asInt()).isEqualTo(3);

    assertThat(personnel.recordDeparture(first, Instant.now()).status()).isEqualTo(200);
    messaging.awaitProcessed(
        missionsService.expires(new DeadlineEvent(embassy, rupture.deadlineId(), 1, dueAt, rupture.envelope()), "DEPARTURE"));

    JsonNode after = personnel.accountability(embassy);
    assertThat(after.path("total").asInt()).isEqualTo(4);
    assertThat(after.path("byStatus").path("ACCREDITED").asInt()).isEqualTo(1);
    assertThat(after.path("byStatus").path("DEPARTED").asInt()).isEqualTo(1);
    assertThat(after.path("byStatus").path("OVERDUE").asInt()).isEqualTo(2);
    assertThat(after.path("byStatus").path("DEPARTURE_ORDERED").asInt()).isZero();
    assertThat(after.path("overdue").size()).isEqualTo(2);
    assertThat(after.path("overdue").toString()).contains(second.toString()).doesNotContain(first.toString()).doesNotContain("@");
    assertThat(after.path("departureDeadline").path("status").asString()).isEqualTo("EXPIRED");
  }

  @Test
  void listsWhoHasNotAcknowledgedTheAlertOfTheDeadlineTheyAreOrderedOutOnNow() {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    UUID consul = personnel.registers(aDiplomat().in(embassy));
    UUID driver = personnel.registers(aLocalHire().in(embassy));
    Instant dueAt = Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Rupture rupture = missionsService.severs(embassy, dueAt);
    messaging.awaitProcessed(rupture.envelope());

    JsonNode nobodyYet = personnel.accountability(embassy).path("unacknowledged");
    assertThat(ids(nobodyYet)).containsExactlyInAnyOrder(ambassador.toString(), consul.toString()).doesNotContain(driver.toString());
    JsonNode entry = nobodyYet.get(0);
    assertThat(entry.path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(entry.path("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(Duration.parse(entry.path("timeLeft").asString())).isBetween(Duration.ofHours(71), Duration.ofHours(72));
    assertThat(nobodyYet.toString()).as("no contact details").doesNotContain("@");

    EventEnvelope acknowledged = notifications.acknowledges(embassy, ambassador, rupture.deadlineId(), 1);
    messaging.awaitProcessed(acknowledged);
    notifications.redelivers(acknowledged);
    assertThat(ids(personnel.accountability(embassy).path("unacknowledged"))).containsExactly(consul.toString());

    // The deadline is extended: the order moves to version 2, and an acknowledgement of version 1
    // no longer covers it, nor does one of version 1 arriving late.
    Instant extended = dueAt.plus(Duration.ofHours(24));
    messaging.awaitProcessed(missionsService.extendsDeadline(embassy, rupture.deadlineId(), "DEPARTURE", extended, 2).envelope());
    messaging.awaitProcessed(notifications.acknowledges(embassy, consul, rupture.deadlineId(), 1));
    JsonNode afterExtension = personnel.accountability(embassy).path("unacknowledged");
    assertThat(ids(afterExtension)).containsExactlyInAnyOrder(ambassador.toString(), consul.toString());
    assertThat(afterExtension.get(0).path("deadlineVersion").asInt()).isEqualTo(2);
    assertThat(afterExtension.get(0).path("dueAt").asString()).isEqualTo(extended.toString());

    messaging.awaitProcessed(notifications.acknowledges(embassy, consul, rupture.deadlineId(), 2));
    assertThat(ids(personnel.accountability(embassy).path("unacknowledged"))).containsExactly(ambassador.toString());

    // Someone who left is no longer chased.
    assertThat(personnel.recordDeparture(ambassador, Instant.now()).status()).isEqualTo(200);
    assertThat(personnel.accountability(embassy).path("unacknowledged").size()).isZero();
  }

  private static List<String> ids(JsonNode entries) {
    List<String> ids = new ArrayList<>();
    entries.forEach(entry -> ids.add(entry.path("staffId").asString()));
    return ids;
  }

  @Test
  void anotherOfficeAndUnknownMissionsAreNotFound() {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    personnel.registers(aDiplomat().in(embassy));

    for (String token : new String[] {tokens.officeHead("WAS"), tokens.officeViewer("WAS")}) {
      assertThat(personnel.as(token).get("/api/missions/" + embassy.id() + "/accountability").status()).isEqualTo(404);
    }
    assertThat(personnel.get("/api/missions/" + UUID.randomUUID() + "/accountability").status()).isEqualTo(404);
    assertThat(personnel.get("/api/missions/not-a-mission/accountability").status()).isEqualTo(400);
  }
}
