package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * One person declared persona non grata (VCDR art. 9): they and their family leave by a personal
 * deadline, with the same alerts, reminders and overdue handling as a mission's deadline, whatever
 * happens to the mission meanwhile.
 */
@PersonnelServiceUnderTest
class PersonaNonGrataIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  final TestTokens tokens = TestTokens.get();
  Mission embassy;
  UUID attache;
  UUID spouse;
  UUID daughter;
  UUID colleague;

  @BeforeEach
  void anAttacheWithTheirFamily() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    attache = personnel.registers(aDiplomat().in(embassy));
    spouse = personnel.registers(aFamilyMemberOf(attache).in(embassy));
    daughter = personnel.registers(aFamilyMemberOf(attache).ofNationality("VE").in(embassy));
    colleague = personnel.registers(aDiplomat().in(embassy));
  }

  @Test
  void thePersonAndTheirFamilyAreOrderedOutOnThePersonalDeadline() {
    DeadlineEvent declaration = missionsService.declaresPersonaNonGrata(embassy, attache, hoursFromNow(72));
    messaging.awaitProcessed(declaration.envelope());

    for (UUID person : List.of(attache, spouse, daughter)) {
      assertOrderedOutOn(person, "PERSONAL", declaration.deadlineId(), 1, declaration.dueAt());
      JsonNode order = awaitOrder(person, "PERSONAL", 1);
      assertThat(order.has("replaces")).isFalse();
      assertThat(order.path("deadlineStatus").asString()).isEqualTo("RUNNING");
    }
    assertThat(personnel.statusOf(colleague)).isEqualTo("ACCREDITED");
    assertThat(messaging.written("DepartureOrdered", colleague)).isZero();

    // A family member registered afterwards follows the attaché out.
    UUID son = personnel.registers(aFamilyMemberOf(attache).in(embassy));
    assertOrderedOutOn(son, "PERSONAL", declaration.deadlineId(), 1, declaration.dueAt());

    JsonNode account = personnel.accountability(embassy);
    assertThat(account.path("orderedOutBy").path("PERSONAL").asInt()).isEqualTo(4);
  }

  @Test
  void underARuptureTheyMoveToThePersonalDeadlineAndARuptureOrCessationLaterLeavesItAlone() {
    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());

    DeadlineEvent declaration = missionsService.declaresPersonaNonGrata(embassy, attache, hoursFromNow(24));
    messaging.awaitProcessed(declaration.envelope());

    for (UUID person : List.of(attache, spouse, daughter)) {
      assertOrderedOutOn(person, "PERSONAL", declaration.deadlineId(), 1, declaration.dueAt());
      JsonNode replaces = awaitOrder(person, "PERSONAL", 1).path("replaces");
      assertThat(replaces.path("deadlineKind").asString()).as("replaces of %s", person).isEqualTo("DEPARTURE");
      assertThat(replaces.path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
      assertThat(replaces.path("deadlineVersion").asInt()).isEqualTo(1);
    }
    assertOrderedOutOn(colleague, "DEPARTURE", rupture.deadlineId(), 1, rupture.dueAt());

    // The mission ceases without negotiation: the personal order stands.
    DeadlineEvent finalDeparture = missionsService.ceasesWithoutNegotiation(embassy, hoursFromNow(144));
    messaging.awaitProcessed(finalDeparture.envelope());
    assertOrderedOutOn(attache, "PERSONAL", declaration.deadlineId(), 1, declaration.dueAt());
    assertThat(messaging.written("DepartureOrdered", attache)).as("on the rupture, then the personal order").isEqualTo(2);
  }

  @Test
  void aRuptureAfterTheDeclarationLeavesThePersonalOrderAsItIs() {
    DeadlineEvent declaration = missionsService.declaresPersonaNonGrata(embassy, attache, hoursFromNow(24));
    messaging.awaitProcessed(declaration.envelope());

    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());

    for (UUID person : List.of(attache, spouse, daughter)) {
      assertOrderedOutOn(person, "PERSONAL", declaration.deadlineId(), 1, declaration.dueAt());
      assertThat(messaging.written("DepartureOrdered", person)).isEqualTo(1);
    }
    assertOrderedOutOn(colleague, "DEPARTURE", rupture.deadlineId(), 1, rupture.dueAt());
  }

  @Test
  void aDesignatedPersonDeclaredPersonaNonGrataIsNoLongerRemainingStaffAndCannotBeDesignatedAgain() {
    PersonnelApi head = personnel.as(tokens.officeHead("CCS"));
    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 3, hoursFromNow(720)).envelope());
    assertThat(head.designateRemaining(attache).status()).isEqualTo(200);

    DeadlineEvent declaration = missionsService.declaresPersonaNonGrata(embassy, attache, hoursFromNow(48));
    messaging.awaitProcessed(declaration.envelope());

    assertOrderedOutOn(attache, "PERSONAL", declaration.deadlineId(), 1, declaration.dueAt());
    eventually().until(() -> published.received("RemainingStaffWithdrawn", attache).size() == 1);
    assertThat(awaitOrder(attache, "PERSONAL", 1).has("replaces")).as("remaining staff are under no order").isFalse();
    PersonnelApi.Response refused = head.designateRemaining(attache);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("title").asString()).isEqualTo("Declared persona non grata");
    assertThat(personnel.staff(embassy, "REMAINING")).isEmpty();
  }

  @Test
  void thePersonalDeadlineIsFollowedLikeAMissionsDeadline() {
    DeadlineEvent declaration = missionsService.declaresPersonaNonGrata(embassy, attache, hoursFromNow(72));
    messaging.awaitProcessed(declaration.envelope());

    // Extended: the orders are announced again with the change.
    DeadlineEvent extended = missionsService.extendsDeadline(embassy, declaration.deadlineId(), "PERSONAL", hoursFromNow(96), 2);
    messaging.awaitProcessed(extended.envelope());
    for (UUID person : List.of(attache, spouse, daughter)) {
      assertOrderedOutOn(person, "PERSONAL", declaration.deadlineId(), 2, extended.dueAt());
      JsonNode order = awaitOrder(person, "PERSONAL", 2);
      assertThat(order.path("change").asString()).isEqualTo("EXTENDED");
      assertThat(Instant.parse(order.path("dueAt").asString())).isEqualTo(extended.dueAt());
    }

    // The spouse leaves in time; the others are overdue when it expires, once, even if redelivered.
    assertThat(personnel.recordDeparture(spouse, Instant.now()).status()).isEqualTo(200);
    EventEnvelope expiry = missionsService.expires(extended, "PERSONAL");
    messaging.awaitProcessed(expiry);
    missionsService.redelivers(expiry);
    messaging.awaitProcessed(missionsService.registers(aMission().inCaracas()));
    assertThat(personnel.statusOf(attache)).isEqualTo("OVERDUE");
    assertThat(personnel.statusOf(daughter)).isEqualTo("OVERDUE");
    assertThat(personnel.statusOf(spouse)).isEqualTo("DEPARTED");
    assertThat(messaging.written("StaffOverdue", attache)).isEqualTo(1);
    assertThat(messaging.written("StaffOverdue", embassy)).isEqualTo(2);
    JsonNode account = personnel.accountability(embassy);
    assertThat(account.path("overdue").findValuesAsString("deadlineKind")).containsOnly("PERSONAL");

    // Reissued after it ran out: the overdue are ordered out anew, with time to leave.
    DeadlineEvent reissued = missionsService.reissuesDeadline(embassy, declaration.deadlineId(), "PERSONAL", hoursFromNow(48), 3);
    messaging.awaitProcessed(reissued.envelope());
    assertOrderedOutOn(attache, "PERSONAL", reissued.deadlineId(), 3, reissued.dueAt());
    assertThat(awaitOrder(attache, "PERSONAL", 3).path("change").asString()).isEqualTo("REISSUED");
    assertThat(personnel.statusOf(spouse)).isEqualTo("DEPARTED");
    assertThat(personnel.statusOf(colleague)).isEqualTo("ACCREDITED");
  }

  @Test
  void aDeclarationAboutSomeoneNotInTheMissionIsNotRecordedAsProcessed() {
    DeadlineEvent declaration = missionsService.declaresPersonaNonGrata(embassy, UUID.randomUUID(), hoursFromNow(72));
    EventEnvelope marker = missionsService.registers(aMission().inCaracas());
    eventually().until(() -> messaging.processed(marker));

    assertThat(messaging.timesRecordedAsProcessed(declaration.envelope().eventId())).isZero();
    assertThat(personnel.statusOf(attache)).isEqualTo("ACCREDITED");
  }

  private void assertOrderedOutOn(UUID staffId, String kind, UUID deadlineId, int version, Instant dueAt) {
    JsonNode member = personnel.staffMember(staffId);
    assertThat(member.path("status").asString()).as("status of %s", staffId).isEqualTo("DEPARTURE_ORDERED");
    assertThat(member.path("departureDeadlineKind").asString()).as("kind of %s", staffId).isEqualTo(kind);
    assertThat(member.path("departureDeadlineId").asString()).isEqualTo(deadlineId.toString());
    assertThat(member.path("departureDeadlineVersion").asInt()).isEqualTo(version);
    assertThat(Instant.parse(member.path("departureDueAt").asString())).isEqualTo(dueAt);
  }

  private JsonNode awaitOrder(UUID staffId, String kind, int version) {
    eventually().until(() -> orderOf(staffId, kind, version) != null);
    return orderOf(staffId, kind, version);
  }

  private JsonNode orderOf(UUID staffId, String kind, int version) {
    return published.received("DepartureOrdered", staffId).stream()
        .map(EventEnvelope::payload)
        .filter(o -> o.path("deadlineKind").asString().equals(kind) && o.path("deadlineVersion").asInt() == version)
        .findFirst()
        .orElse(null);
  }

  private static Instant hoursFromNow(int hours) {
    return Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  }
}
