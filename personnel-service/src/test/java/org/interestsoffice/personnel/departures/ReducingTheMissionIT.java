package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.anAdministrativeAndTechnicalStaffMember;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.DeadlineEvent;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
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
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * The host caps the mission (VCDR art. 11; the US embassy in Havana, 2 January 1961: down to 11
 * within 48 hours): everyone with privileges is ordered out on the reduction's deadline, the office
 * head designates who stays up to the cap, and a rupture the next day sends everyone home.
 */
@PersonnelServiceUnderTest
class ReducingTheMissionIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  final TestTokens tokens = TestTokens.get();
  PersonnelApi head;
  Mission embassy;

  @BeforeEach
  void anEmbassyInHavana() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    head = personnel.as(tokens.officeHead("CCS"));
  }

  @Test
  void aReductionOrdersOutEveryoneWithPrivilegesOnItsDeadlineAndTheHeadDesignatesWhoStaysUpToTheCap() {
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    UUID spouse = personnel.registers(aFamilyMemberOf(ambassador).in(embassy));
    UUID counsellor = personnel.registers(aDiplomat().in(embassy));
    UUID clerk = personnel.registers(anAdministrativeAndTechnicalStaffMember().in(embassy));
    UUID driver = personnel.registers(aLocalHire().in(embassy));
    Set<UUID> leaving = Set.of(ambassador, spouse, counsellor, clerk);

    DeadlineEvent reduction = missionsService.imposesStaffCeiling(embassy, 2, hoursFromNow(48));
    messaging.awaitProcessed(reduction.envelope());

    for (UUID person : leaving) {
      JsonNode member = personnel.staffMember(person);
      assertThat(member.path("status").asString()).as("status of %s", person).isEqualTo("DEPARTURE_ORDERED");
      assertThat(member.path("departureDeadlineKind").asString()).isEqualTo("REDUCTION");
      assertThat(member.path("departureDeadlineId").asString()).isEqualTo(reduction.deadlineId().toString());
      assertThat(Instant.parse(member.path("departureDueAt").asString())).isEqualTo(reduction.dueAt());
    }
    assertThat(personnel.statusOf(driver)).isEqualTo("ACCREDITED");
    eventually().until(() -> published.received("DepartureOrdered", embassy).size() >= leaving.size());
    for (EventEnvelope order : published.received("DepartureOrdered", embassy)) {
      assertThat(order.payload().path("deadlineKind").asString()).isEqualTo("REDUCTION");
      assertThat(order.payload().path("deadlineVersion").asInt()).isEqualTo(1);
      assertThat(order.payload().has("replaces")).as("nobody was under an order before").isFalse();
      assertThat(order.causationId()).isEqualTo(reduction.envelope().eventId().toString());
    }
    assertThat(messaging.written("DepartureOrdered", embassy)).isEqualTo(leaving.size());

    // The cap is the remaining-staff ceiling: two stay, the third is refused with the cap named.
    assertThat(head.designateRemaining(ambassador).status()).isEqualTo(200);
    assertThat(head.designateRemaining(counsellor).status()).isEqualTo(200);
    Response refused = head.designateRemaining(clerk);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(refused.json().path("title").asString()).isEqualTo("Remaining-staff ceiling reached");
    assertThat(refused.json().path("ceiling").asInt()).isEqualTo(2);
    assertThat(refused.json().path("detail").asString()).contains(embassy.name()).contains("at most 2");
    assertThat(personnel.statusOf(ambassador)).isEqualTo("REMAINING");
    assertThat(personnel.statusOf(clerk)).isEqualTo("DEPARTURE_ORDERED");

    // A withdrawn designation puts the person back under the reduction's order.
    assertThat(head.withdrawRemaining(counsellor).status()).isEqualTo(200);
    JsonNode withdrawn = personnel.staffMember(counsellor);
    assertThat(withdrawn.path("status").asString()).isEqualTo("DEPARTURE_ORDERED");
    assertThat(withdrawn.path("departureDeadlineKind").asString()).isEqualTo("REDUCTION");
    assertThat(withdrawn.path("departureDeadlineId").asString()).isEqualTo(reduction.deadlineId().toString());

    JsonNode account = personnel.accountability(embassy);
    assertThat(account.path("reductionDeadline").path("deadlineId").asString()).isEqualTo(reduction.deadlineId().toString());
    assertThat(account.path("reductionDeadline").path("kind").asString()).isEqualTo("REDUCTION");
    assertThat(account.path("orderedOutBy").path("REDUCTION").asInt()).isEqualTo(3);
    assertThat(account.path("orderedOutBy").path("DEPARTURE").asInt()).isZero();
  }

  @Test
  void aRuptureAfterTheReductionOrdersEveryoneOutOnItsDeadlineAndLiftsTheCeiling() {
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    UUID spouse = personnel.registers(aFamilyMemberOf(ambassador).in(embassy));
    UUID counsellor = personnel.registers(aDiplomat().in(embassy));
    UUID clerk = personnel.registers(anAdministrativeAndTechnicalStaffMember().in(embassy));
    UUID driver = personnel.registers(aLocalHire().in(embassy));
    DeadlineEvent reduction = missionsService.imposesStaffCeiling(embassy, 1, hoursFromNow(48));
    messaging.awaitProcessed(reduction.envelope());
    assertThat(head.designateRemaining(ambassador).status()).isEqualTo(200);
    // Nobody left in time: those still under the reduction's order are overdue.
    messaging.awaitProcessed(missionsService.expires(reduction, "REDUCTION"));
    assertThat(personnel.statusOf(clerk)).isEqualTo("OVERDUE");
    assertThat(personnel.statusOf(spouse)).isEqualTo("OVERDUE");
    assertThat(personnel.statusOf(ambassador)).isEqualTo("REMAINING");

    Rupture rupture = missionsService.severs(embassy, hoursFromNow(72), List.of(reduction.deadlineId()));
    messaging.awaitProcessed(rupture.envelope());

    for (UUID person : List.of(ambassador, spouse, counsellor, clerk)) {
      JsonNode member = personnel.staffMember(person);
      assertThat(member.path("status").asString()).as("status of %s", person).isEqualTo("DEPARTURE_ORDERED");
      assertThat(member.path("departureDeadlineKind").asString()).as("kind of %s", person).isEqualTo("DEPARTURE");
      assertThat(member.path("departureDeadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    }
    assertThat(personnel.statusOf(driver)).isEqualTo("ACCREDITED");
    // Those who were under the reduction's order are told which order the new one replaces.
    for (UUID person : List.of(spouse, counsellor, clerk)) {
      JsonNode order = awaitOrderOfKind(person, "DEPARTURE");
      assertThat(order.path("replaces").path("deadlineKind").asString()).as("replaces of %s", person).isEqualTo("REDUCTION");
      assertThat(order.path("replaces").path("deadlineId").asString()).isEqualTo(reduction.deadlineId().toString());
      assertThat(order.path("replaces").path("deadlineVersion").asInt()).isEqualTo(1);
    }
    // The designated ambassador was under no order: the designation is withdrawn, then the order given.
    JsonNode ambassadorsOrder = awaitOrderOfKind(ambassador, "DEPARTURE");
    assertThat(ambassadorsOrder.has("replaces")).isFalse();
    eventually().until(() -> published.received("RemainingStaffWithdrawn", ambassador).size() == 1);
    assertThat(messaging.written("DepartureOrdered", ambassador)).as("on the reduction, then on the rupture").isEqualTo(2);
    assertThat(messaging.written("DepartureOrdered", driver)).isZero();

    // The ceiling is lifted: nobody can be designated until a negotiation agrees a new one.
    Response refused = head.designateRemaining(counsellor);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("title").asString()).isEqualTo("No ceiling agreed");
    JsonNode account = personnel.accountability(embassy);
    assertThat(account.path("reductionDeadline").isMissingNode() || account.path("reductionDeadline").isNull()).isTrue();
    assertThat(account.path("orderedOutBy").path("DEPARTURE").asInt()).isEqualTo(4);
    assertThat(account.path("orderedOutBy").path("REDUCTION").asInt()).isZero();

    // A late change of the superseded reduction moves nobody back onto it.
    messaging.awaitProcessed(
        missionsService.extendsDeadline(embassy, reduction.deadlineId(), "REDUCTION", hoursFromNow(96), 2).envelope());
    assertThat(personnel.staffMember(clerk).path("departureDeadlineKind").asString()).isEqualTo("DEPARTURE");
  }

  @Test
  void someoneRegisteredWhileTheReductionRunsIsOrderedOutOnIt() {
    List<UUID> diplomats = IntStream.range(0, 2).mapToObj(i -> personnel.registers(aDiplomat().in(embassy))).toList();
    DeadlineEvent reduction = missionsService.imposesStaffCeiling(embassy, 1, hoursFromNow(48));
    messaging.awaitProcessed(reduction.envelope());
    assertThat(head.designateRemaining(diplomats.get(0)).status()).isEqualTo(200);

    UUID newcomer = personnel.registers(aDiplomat().in(embassy));
    UUID newcomersSon = personnel.registers(aFamilyMemberOf(newcomer).ofNationality("VE").in(embassy));
    UUID newDriver = personnel.registers(aLocalHire().in(embassy));

    for (UUID person : List.of(newcomer, newcomersSon)) {
      JsonNode member = personnel.staffMember(person);
      assertThat(member.path("status").asString()).as("status of %s", person).isEqualTo("DEPARTURE_ORDERED");
      assertThat(member.path("departureDeadlineKind").asString()).isEqualTo("REDUCTION");
      assertThat(member.path("departureDeadlineId").asString()).isEqualTo(reduction.deadlineId().toString());
      assertThat(Instant.parse(awaitOrderOfKind(person, "REDUCTION").path("dueAt").asString())).isEqualTo(reduction.dueAt());
    }
    assertThat(personnel.statusOf(newDriver)).isEqualTo("ACCREDITED");
    // Designation under the reduction is full.
    assertThat(head.designateRemaining(newcomer).status()).isEqualTo(409);
  }

  private JsonNode awaitOrderOfKind(UUID staffId, String kind) {
    eventually().until(
        () -> published.received("DepartureOrdered", staffId).stream().anyMatch(o -> o.payload().path("deadlineKind").asString().equals(kind)));
    return published.received("DepartureOrdered", staffId).stream()
        .filter(o -> o.payload().path("deadlineKind").asString().equals(kind))
        .reduce((first, last) -> last)
        .orElseThrow()
        .payload();
  }

  private static Instant hoursFromNow(int hours) {
    return Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  }
}
