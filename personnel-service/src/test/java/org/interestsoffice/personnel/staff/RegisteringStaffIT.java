package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.StaffRegistration;
import org.interestsoffice.platform.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** The staff register over HTTP, for a mission personnel learnt about from the missions service. */
@PersonnelServiceUnderTest
class RegisteringStaffIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  @Test
  void aRegisteredStaffMemberCanBeLookedUpAndIsAnnouncedWithTheirContactDetails() {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    StaffRegistration consul = aDiplomat().in(embassy).speaking("es");

    Response created = personnel.register(consul);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.contentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    UUID id = UUID.fromString(created.json().path("id").asString());
    assertThat(created.location()).endsWith("/api/staff/" + id);

    Response found = personnel.get(URI.create(created.location()).getPath());
    assertThat(found.status()).isEqualTo(200);
    JsonNode member = found.json();
    assertThat(member.path("id").asString()).isEqualTo(id.toString());
    assertThat(member.path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(member.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(member.path("fullName").asString()).isEqualTo(consul.fullName());
    assertThat(member.path("category").asString()).isEqualTo("DIPLOMATIC_AGENT");
    assertThat(member.path("nationality").asString()).isEqualTo("US");
    assertThat(member.path("email").asString()).isEqualTo(consul.email());
    assertThat(member.path("phone").asString()).isEqualTo(consul.phone());
    assertThat(member.path("preferredLanguage").asString()).isEqualTo("es");
    assertThat(member.path("status").asString()).isEqualTo("ACCREDITED");
    assertThat(member.path("departureDeadlineId").isMissingNode() || member.path("departureDeadlineId").isNull())
        .as("nobody has ordered them out").isTrue();

    // Notifications keeps its own copy of the contact details: they travel in the event.
    eventually().until(() -> published.received("StaffRegistered", id).size() == 1);
    EventEnvelope announced = published.received("StaffRegistered", id).get(0);
    assertThat(announced.officeCode()).isEqualTo("CCS");
    assertThat(announced.version()).isEqualTo(1);
    JsonNode payload = announced.payload();
    assertThat(payload.path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(payload.path("fullName").asString()).isEqualTo(consul.fullName());
    assertThat(payload.path("category").asString()).isEqualTo("DIPLOMATIC_AGENT");
    assertThat(payload.path("email").asString()).isEqualTo(consul.email());
    assertThat(payload.path("phone").asString()).isEqualTo(consul.phone());
    assertThat(payload.path("preferredLanguage").asString()).isEqualTo("es");
    assertThat(payload.has("principalId")).as("nobody's family member: no principal").isFalse();
    assertThat(messaging.written("StaffRegistered", id)).isEqualTo(1);
  }

  @Test
  void aFamilyMemberIsRegisteredWithThePrincipalTheyBelongTo() {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    UUID diplomat = personnel.registers(aDiplomat().in(embassy));

    UUID spouse = personnel.registers(aFamilyMemberOf(diplomat).in(embassy));

    JsonNode member = personnel.staffMember(spouse);
    assertThat(member.path("category").asString()).isEqualTo("FAMILY_MEMBER");
    assertThat(member.path("principalId").asString()).isEqualTo(diplomat.toString());
    // Missions keeps a register of who belongs to whom, from this event.
    eventually().until(() -> published.received("StaffRegistered", spouse).size() == 1);
    JsonNode payload = published.received("StaffRegistered", spouse).get(0).payload();
    assertThat(payload.path("principalId").asString()).isEqualTo(diplomat.toString());
    assertThat(payload.path("staffId").asString()).isEqualTo(spouse.toString());
    assertThat(payload.path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(payload.path("fullName").asString()).isEqualTo(member.path("fullName").asString());
  }

  @Test
  void staffAreListedByMissionAndByStatus() {
    Mission embassy = aMission().inCaracas();
    Mission washington = aMission().inWashington();
    messaging.awaitProcessed(missionsService.registers(embassy));
    messaging.awaitProcessed(missionsService.registers(washington));
    UUID diplomat = personnel.registers(aDiplomat().in(embassy));
    UUID driver = personnel.registers(aLocalHire().in(embassy));
    UUID venezuelanDiplomat = personnel.registers(aDiplomat().ofNationality("VE").in(washington));

    // A rupture gives the embassy's staff two different statuses to filter by.
    missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    eventually().until(() -> !personnel.staff(embassy, "DEPARTURE_ORDERED").isEmpty());

    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"))).containsExactly(diplomat);
    assertThat(personnel.idsOf(personnel.staff(embassy))).containsExactlyInAnyOrder(diplomat, driver);
    assertThat(personnel.idsOf(personnel.staff(embassy, "ACCREDITED"))).containsExactly(driver);
    assertThat(personnel.idsOf(personnel.staff(washington))).containsExactly(venezuelanDiplomat);
    assertThat(personnel.staff(washington, "DEPARTURE_ORDERED")).isEmpty();
  }
}
