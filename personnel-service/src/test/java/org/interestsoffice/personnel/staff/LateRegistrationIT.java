package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.DeadlineEvent;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.MessagingRecords.OutboxRow;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Nobody escapes a departure order by being entered late: whoever is registered while an order runs
 * in their mission falls under it in the registering transaction, and is told at once.
 */
@PersonnelServiceUnderTest
class LateRegistrationIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  Mission embassy;

  @BeforeEach
  void anEmbassy() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    personnel.registers(aDiplomat().in(embassy));
  }

  @Test
  void someoneRegisteredAfterTheRuptureIsOrderedOutAtOnceInTheSameTransaction() {
    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());

    Response created = personnel.register(aDiplomat().in(embassy));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode member = created.json();
    UUID newcomer = UUID.fromString(member.path("id").asString());
    assertThat(member.path("status").asString()).as("the answer already says so").isEqualTo("DEPARTURE_ORDERED");
    assertThat(member.path("departureDeadlineKind").asString()).isEqualTo("DEPARTURE");
    assertThat(member.path("departureDeadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(personnel.statusOf(newcomer)).isEqualTo("DEPARTURE_ORDERED");
    // Registered, then ordered out: two events of one transaction, in that order.
    List<OutboxRow> written = messaging.outboxAbout(newcomer);
    assertThat(written).extracting(OutboxRow::type).containsExactly("StaffRegistered", "DepartureOrdered");
    assertThat(written.get(1).transactionStartedAt()).as("one transaction").isEqualTo(written.get(0).transactionStartedAt());
    // Within seconds, on the broker, for notifications to alert them.
    eventually().until(() -> published.received("DepartureOrdered", newcomer).size() == 1);
    EventEnvelope order = published.received("DepartureOrdered", newcomer).get(0);
    assertThat(order.payload().path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(order.payload().path("deadlineKind").asString()).isEqualTo("DEPARTURE");
    assertThat(Instant.parse(order.payload().path("dueAt").asString())).isEqualTo(rupture.dueAt());
    assertThat(order.payload().path("missionName").asString()).isEqualTo(embassy.name());
    assertThat(order.payload().has("change")).isFalse();

    // Their family follows them; a local hire holds no privileges to lose and stays.
    UUID spouse = personnel.registers(aFamilyMemberOf(newcomer).ofNationality("VE").in(embassy));
    UUID driver = personnel.registers(aLocalHire().in(embassy));
    assertThat(personnel.staffMember(spouse).path("departureDeadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(personnel.statusOf(driver)).isEqualTo("ACCREDITED");
    assertThat(messaging.written("DepartureOrdered", driver)).isZero();
  }

  @Test
  void someoneRegisteredAfterAReissueIsOrderedOutOnTheNewestVersion() {
    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());
    DeadlineEvent reissued = missionsService.reissuesDeadline(embassy, rupture.deadlineId(), "DEPARTURE", hoursFromNow(96), 2);
    messaging.awaitProcessed(reissued.envelope());

    JsonNode member = personnel.register(aDiplomat().in(embassy)).json();

    assertThat(member.path("departureDeadlineId").asString()).isEqualTo(reissued.deadlineId().toString());
    assertThat(member.path("departureDeadlineVersion").asInt()).isEqualTo(2);
    assertThat(Instant.parse(member.path("departureDueAt").asString())).isEqualTo(reissued.dueAt());
  }

  @Test
  void someoneRegisteredAfterTheDeadlineRanOutIsOrderedOutAndOverdueAtOnce() {
    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72));
    messaging.awaitProcessed(rupture.envelope());
    messaging.awaitProcessed(
        missionsService.expires(new DeadlineEvent(embassy, rupture.deadlineId(), 1, rupture.dueAt(), rupture.envelope()), "DEPARTURE"));

    UUID late = personnel.registers(aDiplomat().in(embassy));

    assertThat(personnel.statusOf(late)).isEqualTo("OVERDUE");
    assertThat(messaging.outboxAbout(late)).extracting(OutboxRow::type).containsExactly("StaffRegistered", "DepartureOrdered", "StaffOverdue");
    assertThat(personnel.accountability(embassy).path("overdue").findValuesAsString("staffId")).contains(late.toString());
  }

  @Test
  void someoneRegisteredAfterCessationIsOrderedOutOnTheFinalDeparture() {
    messaging.awaitProcessed(missionsService.severs(embassy, hoursFromNow(72)).envelope());
    DeadlineEvent finalDeparture = missionsService.ceasesWithoutNegotiation(embassy, hoursFromNow(144));
    messaging.awaitProcessed(finalDeparture.envelope());

    JsonNode member = personnel.register(aDiplomat().in(embassy)).json();

    assertThat(member.path("status").asString()).isEqualTo("DEPARTURE_ORDERED");
    assertThat(member.path("departureDeadlineKind").asString()).isEqualTo("FINAL_DEPARTURE");
    assertThat(member.path("departureDeadlineId").asString()).isEqualTo(finalDeparture.deadlineId().toString());
  }

  @Test
  void someoneRegisteredInTheInterestsSectionAfterItWasEstablishedIsNotOrderedOut() {
    messaging.awaitProcessed(missionsService.severs(embassy, hoursFromNow(72)).envelope());
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 5, hoursFromNow(720)).envelope());
    messaging.awaitProcessed(missionsService.establishesInterestsSection(embassy, 5));

    UUID sectionStaff = personnel.registers(aDiplomat().in(embassy));

    assertThat(personnel.statusOf(sectionStaff)).isEqualTo("ACCREDITED");
    assertThat(messaging.written("DepartureOrdered", sectionStaff)).isZero();
  }

  @Test
  void beforeAnyOrderNobodyIsOrderedOutAndAnotherOfficeStillCannotRegister() {
    UUID diplomat = personnel.registers(aDiplomat().in(embassy));
    assertThat(personnel.statusOf(diplomat)).isEqualTo("ACCREDITED");

    messaging.awaitProcessed(missionsService.severs(embassy, hoursFromNow(72)).envelope());
    Response refused = personnel.as(TestTokens.get().officeOfficer("WAS")).register(aDiplomat().in(embassy));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(personnel.staff(embassy)).hasSize(2);
  }

  private static Instant hoursFromNow(int hours) {
    return Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  }
}
