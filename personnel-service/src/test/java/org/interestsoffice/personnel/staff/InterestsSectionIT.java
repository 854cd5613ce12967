package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * An interests section registered as such, under a protecting power (the US Interests Section in
 * Havana, 1977-2015, inside the Swiss embassy), has a ceiling for its staff with privileges; when
 * relations are restored it is an embassy again and the ceiling is gone.
 */
@PersonnelServiceUnderTest
class InterestsSectionIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;

  final TestTokens tokens = TestTokens.get();

  @Test
  void oneMoreStaffMemberWithPrivilegesThanTheCeilingIsRefusedNamingTheCapAndTheSection() {
    Mission section = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registersInterestsSection(section, "CH", 2));
    PersonnelApi officer = personnel.as(tokens.officeOfficer("CCS"));
    UUID head = officer.registers(aDiplomat().in(section));
    officer.registers(aDiplomat().in(section));
    // Neither family members nor local staff count against the ceiling.
    officer.registers(aFamilyMemberOf(head).in(section));
    officer.registers(aLocalHire().in(section));

    Response refused = officer.register(aDiplomat().in(section));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(refused.json().path("title").asString()).isEqualTo("Staff ceiling reached");
    assertThat(refused.json().path("ceiling").asInt()).isEqualTo(2);
    assertThat(refused.json().path("registered").asInt()).isEqualTo(2);
    assertThat(refused.json().path("missionName").asString()).isEqualTo(section.name());
    assertThat(refused.json().path("detail").asString()).contains(section.name()).contains("at most 2");
    assertThat(personnel.staff(section)).hasSize(4);
    assertThat(messaging.written("StaffRegistered", section)).as("nothing said of the refused one").isEqualTo(4);
    // Nobody is ordered out in a section that was never under an order.
    assertThat(personnel.staff(section, "ACCREDITED")).hasSize(4);

    // Someone who has left no longer counts.
    assertThat(personnel.recordDeparture(head, Instant.now()).status()).isEqualTo(200);
    assertThat(officer.register(aDiplomat().in(section)).status()).isEqualTo(201);
    assertThat(officer.register(aDiplomat().in(section)).status()).isEqualTo(409);
  }

  @Test
  void restorationLiftsTheCeilingAndOrdersNobodyOut() {
    Mission section = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registersInterestsSection(section, "CH", 1));
    personnel.registers(aDiplomat().in(section));
    assertThat(personnel.register(aDiplomat().in(section)).status()).isEqualTo(409);

    messaging.awaitProcessed(missionsService.restoresRelations(section));

    UUID second = personnel.registers(aDiplomat().in(section));
    UUID third = personnel.registers(aDiplomat().in(section));
    assertThat(personnel.staff(section, "ACCREDITED")).hasSize(3);
    assertThat(messaging.written("DepartureOrdered", second)).isZero();
    assertThat(messaging.written("DepartureOrdered", third)).isZero();
  }

  @Test
  void aSectionEstablishedAfterTheRuptureIsAnEmbassyAgainOnRestorationWithNoOrderForNewcomers() {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    UUID counsellor = personnel.registers(aDiplomat().in(embassy));
    messaging.awaitProcessed(missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)).envelope());
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 3, Instant.now().plus(30, ChronoUnit.DAYS)).envelope());
    messaging.awaitProcessed(missionsService.establishesInterestsSection(embassy, 3));
    PersonnelApi head = personnel.as(tokens.officeHead("CCS"));
    assertThat(head.designateRemaining(counsellor).status()).isEqualTo(200);

    messaging.awaitProcessed(missionsService.restoresRelations(embassy));

    UUID newcomer = personnel.registers(aDiplomat().in(embassy));
    assertThat(personnel.statusOf(newcomer)).isEqualTo("ACCREDITED");
    assertThat(personnel.statusOf(counsellor)).as("restoration orders nobody out").isEqualTo("REMAINING");
    Response noCeiling = head.designateRemaining(newcomer);
    assertThat(noCeiling.status()).as(noCeiling.body()).isEqualTo(409);
    assertThat(noCeiling.json().path("title").asString()).isEqualTo("No ceiling agreed");
  }
}
