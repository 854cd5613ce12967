package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

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
import org.springframework.jdbc.core.simple.JdbcClient;

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
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

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

  /**
   * Officers registering the last place at the same instant: exactly one gets it. The mission's row
   * is held as a registration in flight would hold it until every request waits for it.
   */
  @Test
  void concurrentRegistrationsNeverExceedTheCeiling() throws Exception {
    Mission section = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registersInterestsSection(section, "CH", 3));
    personnel.registers(aDiplomat().in(section));
    personnel.registers(aDiplomat().in(section));
    int contenders = 4;
    ExecutorService threads = Executors.newFixedThreadPool(contenders);
    List<Response> responses = new ArrayList<>();
    try (Connection inFlight = dataSource.getConnection()) {
      inFlight.setAutoCommit(false);
      try (PreparedStatement lock = inFlight.prepareStatement("select id from known_mission where id = ? for update")) {
        lock.setObject(1, section.id());
        lock.executeQuery().close();
      }
      List<CompletableFuture<Response>> futures =
          IntStream.range(0, contenders)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> personnel.register(aDiplomat().in(section)), threads))
              .toList();
      eventually().until(() -> waitingForLocks() >= contenders || futures.stream().allMatch(CompletableFuture::isDone));
      inFlight.rollback();
      for (CompletableFuture<Response> future : futures) {
        responses.add(future.get(30, TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(responses).extracting(Response::status).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
    assertThat(personnel.staff(section)).hasSize(3);
    assertThat(messaging.written("StaffRegistered", section)).isEqualTo(3);
  }

  private int waitingForLocks() {
    return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .query(Integer.class)
        .single();
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
