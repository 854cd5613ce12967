package org.interestsoffice.personnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.anAdministrativeAndTechnicalStaffMember;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.StaffRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Contact details are personal data: they go to the API and the events, never to the logs. */
@PersonnelServiceUnderTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;

  @Test
  void noContactDetailsAreLoggedFromRegistrationToDeparture(CapturedOutput logs) {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    List<StaffRegistration> people = new ArrayList<>();
    StaffRegistration ambassador = aDiplomat().in(embassy);
    UUID ambassadorId = personnel.registers(ambassador);
    people.add(ambassador);
    people.add(aFamilyMemberOf(ambassadorId).in(embassy));
    people.add(anAdministrativeAndTechnicalStaffMember().in(embassy));
    people.add(aLocalHire().in(embassy));
    people.subList(1, people.size()).forEach(personnel::registers);
    // Refused input is personal data too, and refusals are where it tends to end up in logs.
    StaffRegistration mistyped = aDiplomat().in(embassy).withEmail("mistyped.consul.at.state.example").withPhone(String.format("0412-%07d", ThreadLocalRandom.current().nextInt(10_000_000)));
    assertThat(personnel.register(mistyped).status()).isEqualTo(400);
    people.add(mistyped);

    missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    eventually().until(() -> personnel.staff(embassy, "DEPARTURE_ORDERED").size() == 3);
    // New contact details, a refused change, a remaining designation and a group departure.
    StaffRegistration moved = aDiplomat().in(embassy);
    assertThat(personnel.patch("/api/staff/" + ambassadorId, "{\"email\": \"" + moved.email() + "\", \"phone\": \"" + moved.phone() + "\"}").status())
        .isEqualTo(200);
    people.add(moved);
    StaffRegistration badChange = aDiplomat().in(embassy).withEmail("ambassador.at.home.example");
    assertThat(personnel.patch("/api/staff/" + ambassadorId, "{\"email\": \"" + badChange.email() + "\"}").status()).isEqualTo(400);
    people.add(badChange);
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 1, Instant.now().plus(30, ChronoUnit.DAYS)).envelope());
    assertThat(personnel.designateRemaining(ambassadorId).status()).isEqualTo(200);
    UUID flight = personnel.createsGroup(embassy, "Flight", Instant.now(), "FLIGHT");
    List<UUID> leaving = personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"));
    assertThat(personnel.addMembers(flight, leaving).status()).isEqualTo(200);
    assertThat(personnel.confirmGroupDeparture(flight, Instant.now()).status()).isEqualTo(200);
    eventually().until(() -> messaging.unpublished(embassy) == 0);

    // The consumer's own log line is there: what the service logs on its threads was captured.
    assertThat(logs.getOut()).contains("Departure ordered for 3 of 4 staff after the rupture");
    String everything = logs.getAll();
    for (StaffRegistration person : people) {
      assertThat(everything).as("logs").doesNotContain(person.email()).doesNotContain(person.phone());
    }
  }
}
