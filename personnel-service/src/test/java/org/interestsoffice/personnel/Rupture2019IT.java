package org.interestsoffice.personnel;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.interestsoffice.personnel.fixtures.DeadlineEvent;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The United States' embassy in Caracas, January to March 2019, from personnel's side: rupture,
 * negotiation with seven remaining staff, a charter flight, cessation, a last convoy, and those who
 * did not make it by the final deadline.
 */
@PersonnelServiceUnderTest
class Rupture2019IT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  @Test
  void fromRuptureToTheLastDeparture() {
    PersonnelApi head = personnel.as(TestTokens.get().officeHead("CCS"));
    PersonnelApi officer = personnel.as(TestTokens.get().officeOfficer("CCS"));
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));

    // Thirty people: 16 with privileges, 7 of their family, 7 who stay whatever happens.
    List<UUID> diplomats = IntStream.range(0, 10).mapToObj(i -> officer.registers(aDiplomat().in(embassy))).toList();
    List<UUID> leaving = new ArrayList<>(diplomats);
    IntStream.range(0, 4).forEach(i -> leaving.add(officer.registers(anAdministrativeAndTechnicalStaffMember().in(embassy))));
    IntStream.range(0, 2).forEach(i -> leaving.add(officer.registers(aServiceStaffMember().in(embassy))));
    IntStream.range(0, 6).forEach(i -> leaving.add(officer.registers(aFamilyMemberOf(diplomats.get(i)).in(embassy))));
    leaving.add(officer.registers(aFamilyMemberOf(diplomats.get(0)).ofNationality("VE").in(embassy)));
    List<UUID> staying = new ArrayList<>();
    IntStream.range(0, 5).forEach(i -> staying.add(officer.registers(aLocalHire().in(embassy))));
    staying.add(officer.registers(aLocalHire().ofNationality("CO").in(embassy)));
    staying.add(officer.registers(aDiplomat().ofNationality("VE").in(embassy)));
    assertThat(personnel.staff(embassy)).hasSize(30);

    // 23 January: 72 hours to leave.
    Rupture rupture = missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    messaging.awaitProcessed(rupture.envelope());
    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"))).containsExactlyInAnyOrderElementsOf(leaving);
    assertThat(personnel.idsOf(personnel.staff(embassy, "ACCREDITED"))).containsExactlyInAnyOrderElementsOf(staying);
    assertThat(messaging.written("DepartureOrdered", embassy)).isEqualTo(23);

    // The negotiation: seven may remain; the eighth is refused.
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 7, Instant.now().plus(30, ChronoUnit.DAYS)).envelope());
    List<UUID> remaining = diplomats.subList(0, 7);
    remaining.forEach(person -> assertThat(head.designateRemaining(person).status()).isEqualTo(200));
    Response eighth = head.designateRemaining(diplomats.get(7));
    assertThat(eighth.status()).as(eighth.body()).isEqualTo(409);
    assertThat(eighth.json().path("ceiling").asInt()).isEqualTo(7);
    assertThat(personnel.idsOf(personnel.staff(embassy, "REMAINING"))).containsExactlyInAnyOrderElementsOf(remaining);

    // Everyone else leaves on a charter flight before the first deadline runs out.
    List<UUID> onTheFlight = leaving.stream().filter(person -> !remaining.contains(person)).toList();
    UUID flight = head.createsGroup(embassy, "Charter CCS-MIA", Instant.now().plus(1, ChronoUnit.DAYS), "CHARTER_FLIGHT");
    assertThat(head.addMembers(flight, onTheFlight).status()).isEqualTo(200);
    assertThat(head.confirmGroupDeparture(flight, Instant.now()).status()).isEqualTo(200);
    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTED"))).containsExactlyInAnyOrderElementsOf(onTheFlight);
    messaging.awaitProcessed(
        missionsService.expires(new DeadlineEvent(embassy, rupture.deadlineId(), 1, rupture.dueAt(), rupture.envelope()), "DEPARTURE"));
    assertThat(personnel.staff(embassy, "OVERDUE")).as("nobody was left behind on the first deadline").isEmpty();

    // March: no agreement, the mission ceases, the seven get 72 hours.
    DeadlineEvent finalDeparture = missionsService.ceases(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    messaging.awaitProcessed(finalDeparture.envelope());
    for (JsonNode person : personnel.staff(embassy, "DEPARTURE_ORDERED")) {
      assertThat(person.path("departureDeadlineId").asString()).isEqualTo(finalDeparture.deadlineId().toString());
      assertThat(person.path("departureDeadlineKind").asString()).isEqualTo("FINAL_DEPARTURE");
    }
    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"))).containsExactlyInAnyOrderElementsOf(remaining);

    // Four leave by convoy; three are still there when the final deadline runs out.
    List<UUID> inTheConvoy = remaining.subList(0, 4);
    List<UUID> leftBehind = remaining.subList(4, 7);
    UUID convoy = head.createsGroup(embassy, "Convoy to Cúcuta", Instant.now(), "CONVOY");
    assertThat(head.addMembers(convoy, inTheConvoy).status()).isEqualTo(200);
    assertThat(head.confirmGroupDeparture(convoy, Instant.now()).status()).isEqualTo(200);
    messaging.awaitProcessed(missionsService.expires(finalDeparture, "FINAL_DEPARTURE"));

    assertThat(personnel.idsOf(personnel.staff(embassy, "OVERDUE"))).containsExactlyInAnyOrderElementsOf(leftBehind);
    assertThat(messaging.written("StaffOverdue", embassy)).isEqualTo(3);
    assertThat(messaging.written("StaffDeparted", embassy)).isEqualTo(20);
    JsonNode account = personnel.accountability(embassy);
    assertThat(account.path("total").asInt()).isEqualTo(30);
    assertThat(account.path("byStatus").path("DEPARTED").asInt()).isEqualTo(20);
    assertThat(account.path("byStatus").path("OVERDUE").asInt()).isEqualTo(3);
    assertThat(account.path("byStatus").path("ACCREDITED").asInt()).isEqualTo(7);
    assertThat(account.path("departureDeadline").path("kind").asString()).isEqualTo("FINAL_DEPARTURE");
    Set<String> overdue = new HashSet<>();
    account.path("overdue").forEach(person -> overdue.add(person.path("staffId").asString()));
    assertThat(overdue).containsExactlyInAnyOrderElementsOf(leftBehind.stream().map(UUID::toString).toList());
    eventually().until(() -> messaging.unpublished(embassy) == 0);
    assertThat(published.received("StaffDeparted", embassy)).hasSize(20);
  }
}
