package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aServiceStaffMember;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.anAdministrativeAndTechnicalStaffMember;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** A rupture announced by the missions service, through the broker, turns into departure orders. */
@PersonnelServiceUnderTest
class OrderingDeparturesIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  @Test
  void aRuptureOrdersOutEveryoneWithPrivilegesAndTheirFamiliesButNotLocalStaff() {
    Mission embassy = aMission().inCaracas();
    Mission consulate = aMission().inCaracas().aConsulateIn("Maracaibo");
    messaging.awaitProcessed(missionsService.registers(embassy));
    messaging.awaitProcessed(missionsService.registers(consulate));
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    UUID ambassadorsSpouse = personnel.registers(aFamilyMemberOf(ambassador).in(embassy));
    // VCDR art. 44: family members leave with their principal whatever their nationality.
    UUID ambassadorsVenezuelanSon = personnel.registers(aFamilyMemberOf(ambassador).ofNationality("VE").in(embassy));
    UUID attache = personnel.registers(anAdministrativeAndTechnicalStaffMember().in(embassy));
    UUID cook = personnel.registers(aServiceStaffMember().in(embassy));
    UUID venezuelanCounsellor = personnel.registers(aDiplomat().ofNationality("VE").in(embassy));
    UUID receptionist = personnel.registers(aLocalHire().in(embassy));
    // A local hire stays whatever their nationality, and so does their family.
    UUID colombianDriver = personnel.registers(aLocalHire().ofNationality("CO").in(embassy));
    UUID driversDaughter = personnel.registers(aFamilyMemberOf(colombianDriver).ofNationality("CO").in(embassy));
    UUID consul = personnel.registers(aDiplomat().in(consulate));
    Set<UUID> leaving = Set.of(ambassador, ambassadorsSpouse, ambassadorsVenezuelanSon, attache, cook);
    Set<UUID> staying = Set.of(venezuelanCounsellor, receptionist, colombianDriver, driversDaughter);
    Instant dueAt = in72Hours();

    Rupture rupture = missionsService.severs(embassy, dueAt);

    // Everyone is ordered out in one transaction: once anyone is, all are.
    eventually().until(() -> !personnel.staff(embassy, "DEPARTURE_ORDERED").isEmpty());
    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"))).containsExactlyInAnyOrderElementsOf(leaving);
    for (UUID person : leaving) {
      JsonNode member = personnel.staffMember(person);
      assertThat(member.path("departureDeadlineId").asString()).as("deadline of %s", person).isEqualTo(rupture.deadlineId().toString());
      assertThat(Instant.parse(member.path("departureDueAt").asString())).as("due instant of %s", person).isEqualTo(dueAt);
    }
    assertThat(personnel.idsOf(personnel.staff(embassy, "ACCREDITED"))).containsExactlyInAnyOrderElementsOf(staying);
    assertThat(personnel.statusOf(consul)).as("the consulate's relations were not severed").isEqualTo("ACCREDITED");

    eventually().until(() -> published.received("DepartureOrdered", embassy).size() >= leaving.size());
    List<EventEnvelope> orders = published.received("DepartureOrdered", embassy);
    assertThat(orders).extracting(order -> UUID.fromString(order.payload().path("staffId").asString()))
        .containsExactlyInAnyOrderElementsOf(leaving);
    for (EventEnvelope order : orders) {
      assertThat(order.officeCode()).isEqualTo("CCS");
      // Traceable to the rupture that caused it.
      assertThat(order.correlationId()).isEqualTo(rupture.envelope().correlationId());
      assertThat(order.causationId()).isEqualTo(rupture.envelope().eventId().toString());
      JsonNode payload = order.payload();
      assertThat(payload.path("missionId").asString()).isEqualTo(embassy.id().toString());
      assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
      assertThat(payload.path("missionName").asString()).isEqualTo(embassy.name());
      assertThat(payload.path("missionTimeZone").asString()).isEqualTo("America/Caracas");
      assertThat(payload.path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
      assertThat(payload.path("deadlineVersion").asInt()).isEqualTo(1);
      assertThat(Instant.parse(payload.path("dueAt").asString())).isEqualTo(dueAt);
    }
    assertThat(messaging.written("DepartureOrdered", embassy)).isEqualTo(leaving.size());
    assertThat(messaging.written("DepartureOrdered", consulate)).isZero();
  }

  @Test
  void aRuptureDeliveredTwiceOrdersEachPersonOnce() {
    Mission embassy = aMission().inWashington();
    messaging.awaitProcessed(missionsService.registers(embassy));
    UUID ambassador = personnel.registers(aDiplomat().ofNationality("VE").in(embassy));
    UUID spouse = personnel.registers(aFamilyMemberOf(ambassador).ofNationality("VE").in(embassy));
    UUID consul = personnel.registers(aDiplomat().ofNationality("VE").in(embassy));
    Set<UUID> leaving = Set.of(ambassador, spouse, consul);

    Rupture rupture = missionsService.severs(embassy, in72Hours());
    eventually().until(() -> !personnel.staff(embassy, "DEPARTURE_ORDERED").isEmpty());
    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"))).containsExactlyInAnyOrderElementsOf(leaving);
    // Someone joins after the rupture was handled: ordered out at registration, once. A second
    // pass of the rupture must not order them (or anyone) out again.
    UUID newcomer = personnel.registers(aDiplomat().ofNationality("VE").in(embassy));
    assertThat(personnel.statusOf(newcomer)).isEqualTo("DEPARTURE_ORDERED");
    missionsService.redelivers(rupture.envelope());
    // The queue is handled in order: once this is done, so is the redelivery before it.
    messaging.awaitProcessed(missionsService.registers(aMission().inWashington()));

    assertThat(messaging.timesRecordedAsProcessed(rupture.envelope().eventId())).isEqualTo(1);
    for (UUID person : leaving) {
      assertThat(messaging.written("DepartureOrdered", person)).as("orders written for %s", person).isEqualTo(1);
    }
    assertThat(messaging.written("DepartureOrdered", newcomer)).as("ordered out when registered, only then").isEqualTo(1);

    eventually().until(() -> messaging.unpublished(embassy) == 0);
    // Published means confirmed by the broker, so every order is on the tap by now.
    List<EventEnvelope> orders = published.received("DepartureOrdered", embassy);
    assertThat(orders.stream().collect(Collectors.groupingBy(order -> order.payload().path("staffId").asString(), Collectors.counting())))
        .as("orders per person on the broker")
        .containsOnlyKeys(Stream.concat(leaving.stream(), Stream.of(newcomer)).map(UUID::toString).toList())
        .allSatisfy((person, count) -> assertThat(count).as("orders for %s", person).isEqualTo(1L));
  }

  private static Instant in72Hours() {
    // Whole seconds: the database keeps microseconds, the clock may have nanoseconds.
    return Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  }
}
