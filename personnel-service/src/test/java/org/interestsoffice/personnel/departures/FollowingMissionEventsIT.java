package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.DeadlineEvent;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Departure orders follow the missions service's deadlines, whatever order its events arrive in and
 * however often the broker hands them over.
 */
@PersonnelServiceUnderTest
class FollowingMissionEventsIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  Mission embassy;
  UUID attache;
  UUID secretary;
  Rupture rupture;

  @BeforeEach
  void anAttacheOrderedOut() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    attache = personnel.registers(aDiplomat().in(embassy));
    secretary = personnel.registers(aDiplomat().in(embassy));
    rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());
  }

  @Test
  void anExtensionMovesTheOrdersToTheNewDueInstant() {
    Instant extended = hoursFromNow(120);

    messaging.awaitProcessed(missionsService.extendsDeadline(embassy, rupture.deadlineId(), "DEPARTURE", extended, 2).envelope());

    assertOrderedOutOn(attache, rupture.deadlineId(), 2, extended);
    // The order is announced again, so the person's alerts follow the deadline.
    assertThat(messaging.written("DepartureOrdered", attache)).isEqualTo(2);
    JsonNode order = awaitOrderOfVersion(attache, 2);
    assertThat(order.path("change").asString()).isEqualTo("EXTENDED");
    assertThat(order.path("deadlineStatus").asString()).isEqualTo("RUNNING");
    assertThat(Instant.parse(order.path("dueAt").asString())).isEqualTo(extended);
  }

  @Test
  void aSuspensionIsAnnouncedWithTheOrderAndNoDueInstant() {
    messaging.awaitProcessed(
        missionsService.changesDeadline(embassy, rupture.deadlineId(), null, "DEPARTURE", "SUSPENDED", "SUSPENDED", null, 2));

    JsonNode order = awaitOrderOfVersion(secretary, 2);
    assertThat(order.path("change").asString()).isEqualTo("SUSPENDED");
    assertThat(order.path("deadlineStatus").asString()).isEqualTo("SUSPENDED");
    assertThat(order.path("dueAt").isMissingNode() || order.path("dueAt").isNull()).isTrue();
    assertThat(personnel.statusOf(secretary)).isEqualTo("DEPARTURE_ORDERED");
  }

  private JsonNode awaitOrderOfVersion(UUID staffId, int version) {
    eventually().until(
        () -> published.received("DepartureOrdered", staffId).stream()
            .anyMatch(order -> order.payload().path("deadlineVersion").asInt() == version));
    return published.received("DepartureOrdered", staffId).stream()
        .filter(order -> order.payload().path("deadlineVersion").asInt() == version)
        .findFirst()
        .orElseThrow()
        .payload();
  }

  @Test
  void aReissueMovesTheOrdersToTheNewDeadline() {
    DeadlineEvent reissued = missionsService.reissuesDeadline(embassy, rupture.deadlineId(), "DEPARTURE", hoursFromNow(96), 2);

    messaging.awaitProcessed(reissued.envelope());

    assertOrderedOutOn(attache, reissued.deadlineId(), 2, reissued.dueAt());
  }

  @Test
  void aStaleChangeArrivingAfterANewerOneDoesNotOverwriteIt() {
    DeadlineEvent reissued = missionsService.reissuesDeadline(embassy, rupture.deadlineId(), "DEPARTURE", hoursFromNow(96), 3);
    messaging.awaitProcessed(reissued.envelope());

    // Version 2, an extension of the original deadline, was retried and arrives last.
    EventEnvelope stale =
        missionsService.changesDeadline(embassy, rupture.deadlineId(), null, "DEPARTURE", "EXTENDED", "RUNNING", hoursFromNow(80), 2);
    messaging.awaitProcessed(stale);

    assertOrderedOutOn(attache, reissued.deadlineId(), 3, reissued.dueAt());
    assertThat(messaging.written("DepartureOrdered", attache)).as("on the rupture and on the reissue only").isEqualTo(2);
  }

  @Test
  void twoReissuesArrivingInReverseOrderEndOnTheLatest() {
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    Instant thirdDue = hoursFromNow(150);
    // The third version supersedes the second, which personnel has not heard of yet.
    messaging.awaitProcessed(missionsService.changesDeadline(embassy, third, second, "DEPARTURE", "REISSUED", "RUNNING", thirdDue, 3));
    assertOrderedOutOn(attache, rupture.deadlineId(), 1, rupture.dueAt());

    messaging.awaitProcessed(
        missionsService.changesDeadline(embassy, second, rupture.deadlineId(), "DEPARTURE", "REISSUED", "RUNNING", hoursFromNow(100), 2));

    assertOrderedOutOn(attache, third, 3, thirdDue);
  }

  @Test
  void aRedeliveredChangeIsHandledOnce() {
    DeadlineEvent extended = missionsService.extendsDeadline(embassy, rupture.deadlineId(), "DEPARTURE", hoursFromNow(100), 2);
    messaging.awaitProcessed(extended.envelope());

    missionsService.redelivers(extended.envelope());
    messaging.awaitProcessed(missionsService.registers(aMission().inCaracas()));

    assertThat(messaging.timesRecordedAsProcessed(extended.envelope().eventId())).isEqualTo(1);
    assertOrderedOutOn(attache, rupture.deadlineId(), 2, extended.dueAt());
    assertThat(messaging.written("DepartureOrdered", attache)).isEqualTo(2);
  }

  @Test
  void onExpiryThoseStillOrderedOutAreOverdueOnceEvenIfRedelivered() {
    // The secretary left in time; the newcomer joined after the rupture, was ordered out then, and stayed.
    assertThat(personnel.recordDeparture(secretary, Instant.now()).status()).isEqualTo(200);
    UUID late = personnel.registers(aDiplomat().in(embassy));
    assertThat(personnel.statusOf(late)).isEqualTo("DEPARTURE_ORDERED");

    DeadlineEvent deadline = new DeadlineEvent(embassy, rupture.deadlineId(), 1, rupture.dueAt(), rupture.envelope());
    EventEnvelope expiry = missionsService.expires(deadline, "DEPARTURE");
    messaging.awaitProcessed(expiry);
    missionsService.redelivers(expiry);
    messaging.awaitProcessed(missionsService.registers(aMission().inCaracas()));

    assertThat(personnel.statusOf(attache)).isEqualTo("OVERDUE");
    assertThat(personnel.statusOf(secretary)).isEqualTo("DEPARTED");
    assertThat(personnel.statusOf(late)).isEqualTo("OVERDUE");
    assertThat(messaging.written("StaffOverdue", attache)).isEqualTo(1);
    assertThat(messaging.written("StaffOverdue", late)).isEqualTo(1);
    assertThat(messaging.written("StaffOverdue", embassy)).isEqualTo(2);
    eventually().until(() -> published.received("StaffOverdue", attache).size() == 1);
    JsonNode payload = published.received("StaffOverdue", attache).get(0).payload();
    assertThat(payload.path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(payload.path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(Instant.parse(payload.path("dueAt").asString())).isEqualTo(rupture.dueAt());
  }

  @Test
  void anExpiryOfAVersionAlreadyExtendedMakesNobodyOverdue() {
    messaging.awaitProcessed(missionsService.extendsDeadline(embassy, rupture.deadlineId(), "DEPARTURE", hoursFromNow(100), 2).envelope());

    messaging.awaitProcessed(
        missionsService.expires(new DeadlineEvent(embassy, rupture.deadlineId(), 1, rupture.dueAt(), rupture.envelope()), "DEPARTURE"));

    assertThat(personnel.statusOf(attache)).isEqualTo("DEPARTURE_ORDERED");
    assertThat(messaging.written("StaffOverdue", attache)).isZero();
  }

  @Test
  void onCessationTheRemainingStaffAreOrderedOutWithTheFinalDeadlineOnceEvenIfRedelivered() {
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 7, hoursFromNow(720)).envelope());
    assertThat(personnel.as(TestTokens.get().officeHead("CCS")).designateRemaining(attache).status()).isEqualTo(200);

    DeadlineEvent finalDeparture = missionsService.ceases(embassy, hoursFromNow(792));
    messaging.awaitProcessed(finalDeparture.envelope());
    missionsService.redelivers(finalDeparture.envelope());
    messaging.awaitProcessed(missionsService.registers(aMission().inCaracas()));

    assertOrderedOutOn(attache, finalDeparture.deadlineId(), 1, finalDeparture.dueAt());
    assertThat(personnel.staffMember(attache).path("departureDeadlineKind").asString()).isEqualTo("FINAL_DEPARTURE");
    // Only the remaining staff are ordered out anew; the others keep the deadline they had.
    assertOrderedOutOn(secretary, rupture.deadlineId(), 1, rupture.dueAt());
    assertThat(messaging.written("DepartureOrdered", secretary)).isEqualTo(1);
    assertThat(messaging.written("DepartureOrdered", attache)).as("on the rupture, then on cessation").isEqualTo(2);
    eventually().until(
        () -> published.received("DepartureOrdered", attache).stream()
            .anyMatch(order -> order.payload().path("deadlineKind").asString().equals("FINAL_DEPARTURE")));
    JsonNode order =
        published.received("DepartureOrdered", attache).stream()
            .filter(o -> o.payload().path("deadlineKind").asString().equals("FINAL_DEPARTURE"))
            .findFirst()
            .orElseThrow()
            .payload();
    assertThat(order.path("deadlineId").asString()).isEqualTo(finalDeparture.deadlineId().toString());
    assertThat(Instant.parse(order.path("dueAt").asString())).isEqualTo(finalDeparture.dueAt());
    assertThat(order.path("missionTimeZone").asString()).isEqualTo("America/Caracas");
    // Nobody remains after cessation.
    assertThat(personnel.as(TestTokens.get().officeHead("CCS")).designateRemaining(attache).status()).isEqualTo(409);
  }

  @Test
  void aCessationWithoutNegotiationOrdersOutTheRemainingStaffIfAnyAndLeavesTheOthersOnTheRupturesDeadline() {
    DeadlineEvent finalDeparture = missionsService.ceasesWithoutNegotiation(embassy, hoursFromNow(144));
    messaging.awaitProcessed(finalDeparture.envelope());

    // Nobody could be designated without a negotiation: everyone keeps the rupture's deadline.
    assertOrderedOutOn(attache, rupture.deadlineId(), 1, rupture.dueAt());
    assertOrderedOutOn(secretary, rupture.deadlineId(), 1, rupture.dueAt());
    assertThat(messaging.written("DepartureOrdered", embassy)).isEqualTo(2);
    JsonNode account = personnel.accountability(embassy);
    assertThat(account.path("departureDeadline").path("deadlineId").asString()).isEqualTo(finalDeparture.deadlineId().toString());
    assertThat(account.path("departureDeadline").path("kind").asString()).isEqualTo("FINAL_DEPARTURE");
    assertThat(account.path("orderedOutBy").path("DEPARTURE").asInt()).isEqualTo(2);
    assertThat(personnel.as(TestTokens.get().officeHead("CCS")).designateRemaining(attache).status()).isEqualTo(409);
  }

  @Test
  void aNegotiationForAMissionPersonnelNeverHeardOfIsNotRecordedAsProcessed() {
    Mission unheardOf = aMission().inCaracas();
    DeadlineEvent negotiation = missionsService.opensNegotiation(unheardOf, 7, hoursFromNow(720));
    // The queue is handled in order: once this is processed, the negotiation has been tried (and dead-lettered).
    EventEnvelope marker = missionsService.registers(aMission().inCaracas());
    eventually().until(() -> messaging.processed(marker));

    assertThat(messaging.timesRecordedAsProcessed(negotiation.envelope().eventId())).isZero();
  }

  private void assertOrderedOutOn(UUID staffId, UUID deadlineId, int version, Instant dueAt) {
    JsonNode member = personnel.staffMember(staffId);
    assertThat(member.path("status").asString()).isEqualTo("DEPARTURE_ORDERED");
    assertThat(member.path("departureDeadlineId").asString()).isEqualTo(deadlineId.toString());
    assertThat(member.path("departureDeadlineVersion").asInt()).isEqualTo(version);
    assertThat(Instant.parse(member.path("departureDueAt").asString())).isEqualTo(dueAt);
  }

  private static Instant hoursFromNow(int hours) {
    return Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  }
}
