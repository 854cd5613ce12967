package org.interestsoffice.personnel.remaining;

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
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The office head designates who stays behind, never more than the ceiling agreed for the mission. */
@PersonnelServiceUnderTest
class DesignatingRemainingStaffIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  final TestTokens tokens = TestTokens.get();
  Mission embassy;
  Rupture rupture;
  PersonnelApi head;

  @BeforeEach
  void anEmbassyWhoseStaffAreOrderedOut() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    head = personnel.as(tokens.officeHead("CCS"));
  }

  @Test
  void theHeadDesignatesAPersonWhoIsTakenOutOfTheDepartureOrderAndWithdrawsThemAgain() {
    UUID counsellor = personnel.registers(aDiplomat().in(embassy));
    severAndNegotiate(7);
    assertThat(personnel.statusOf(counsellor)).isEqualTo("DEPARTURE_ORDERED");

    Response designated = head.designateRemaining(counsellor);

    assertThat(designated.status()).as(designated.body()).isEqualTo(200);
    JsonNode member = personnel.staffMember(counsellor);
    assertThat(member.path("status").asString()).isEqualTo("REMAINING");
    assertThat(member.path("departureDeadlineId").isMissingNode() || member.path("departureDeadlineId").isNull()).isTrue();
    eventually().until(() -> published.received("RemainingStaffDesignated", counsellor).size() == 1);
    EventEnvelope event = published.received("RemainingStaffDesignated", counsellor).get(0);
    assertThat(event.payload().path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(event.payload().path("officeCode").asString()).isEqualTo("CCS");
    // Designating again changes nothing and says nothing.
    assertThat(head.designateRemaining(counsellor).status()).isEqualTo(200);
    assertThat(messaging.written("RemainingStaffDesignated", counsellor)).isEqualTo(1);
    // Remaining staff leave only once the designation is withdrawn (or the mission ceases).
    Response leaving = personnel.recordDeparture(counsellor, Instant.now());
    assertThat(leaving.status()).as(leaving.body()).isEqualTo(409);
    assertThat(personnel.statusOf(counsellor)).isEqualTo("REMAINING");

    Response withdrawn = head.withdrawRemaining(counsellor);

    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    member = personnel.staffMember(counsellor);
    assertThat(member.path("status").asString()).as("ordered out again, with the rupture's deadline").isEqualTo("DEPARTURE_ORDERED");
    assertThat(member.path("departureDeadlineId").asString()).isEqualTo(rupture.deadlineId().toString());
    assertThat(Instant.parse(member.path("departureDueAt").asString())).isEqualTo(rupture.dueAt());
    eventually().until(() -> published.received("RemainingStaffWithdrawn", counsellor).size() == 1);
    eventually().until(() -> published.received("DepartureOrdered", counsellor).size() == 2);
    assertThat(head.withdrawRemaining(counsellor).status()).as("no longer designated").isEqualTo(409);
  }

  @Test
  void theCeilingIsEnforcedWithAProblemThatNamesIt() {
    List<UUID> diplomats = registerDiplomats(3);
    severAndNegotiate(2);
    assertThat(head.designateRemaining(diplomats.get(0)).status()).isEqualTo(200);
    assertThat(head.designateRemaining(diplomats.get(1)).status()).isEqualTo(200);

    Response refused = head.designateRemaining(diplomats.get(2));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(refused.json().path("title").asString()).isEqualTo("Remaining-staff ceiling reached");
    assertThat(refused.json().path("ceiling").asInt()).isEqualTo(2);
    assertThat(refused.json().path("detail").asString()).contains("at most 2");
    assertThat(personnel.statusOf(diplomats.get(2))).isEqualTo("DEPARTURE_ORDERED");
    assertThat(messaging.written("RemainingStaffDesignated", diplomats.get(2))).isZero();

    // A withdrawal frees a place.
    assertThat(head.withdrawRemaining(diplomats.get(0)).status()).isEqualTo(200);
    assertThat(head.designateRemaining(diplomats.get(2)).status()).isEqualTo(200);
    assertThat(personnel.staff(embassy, "REMAINING")).hasSize(2);
  }

  @Test
  void theInterestsSectionsCeilingReplacesTheNegotiatedOne() {
    List<UUID> diplomats = registerDiplomats(3);
    severAndNegotiate(1);
    assertThat(head.designateRemaining(diplomats.get(0)).status()).isEqualTo(200);
    assertThat(head.designateRemaining(diplomats.get(1)).status()).isEqualTo(409);

    messaging.awaitProcessed(missionsService.establishesInterestsSection(embassy, 3));

    assertThat(head.designateRemaining(diplomats.get(1)).status()).isEqualTo(200);
    assertThat(head.designateRemaining(diplomats.get(2)).status()).isEqualTo(200);
  }

  /**
   * Two heads designating the last place at the same instant: exactly one of them gets it. To be
   * sure the requests really overlap, rather than happen to run one after the other, the test
   * holds the mission's row as a designation still in flight would, lets every request reach the
   * database, and only then lets go.
   */
  @Test
  void concurrentDesignationsNeverExceedTheCeiling() throws Exception {
    int ceiling = 7;
    int contenders = 4;
    List<UUID> diplomats = registerDiplomats(ceiling - 1 + contenders);
    severAndNegotiate(ceiling);
    for (UUID designated : diplomats.subList(0, ceiling - 1)) {
      assertThat(head.designateRemaining(designated).status()).isEqualTo(200);
    }
    List<UUID> racing = diplomats.subList(ceiling - 1, diplomats.size());
    // Two heads of the office (and a ministry administrator) race for the eighth place.
    List<PersonnelApi> heads = List.of(personnel.as(tokens.officeHead("CCS")), personnel.as(tokens.officeHead("CCS")), personnel);
    ExecutorService threads = Executors.newFixedThreadPool(contenders);
    List<Response> responses = new ArrayList<>();
    try (Connection inFlight = dataSource.getConnection()) {
      inFlight.setAutoCommit(false);
      try (PreparedStatement lock = inFlight.prepareStatement("select id from known_mission where id = ? for update")) {
        lock.setObject(1, embassy.id());
        lock.executeQuery().close();
      }
      List<CompletableFuture<Response>> futures =
          IntStream.range(0, contenders)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> heads.get(i % heads.size()).designateRemaining(racing.get(i)), threads))
              .toList();
      // Every request is waiting for the mission (or, were it not locked, already done).
      eventually().until(() -> waitingForLocks() == contenders || futures.stream().allMatch(CompletableFuture::isDone));
      inFlight.rollback();
      for (CompletableFuture<Response> future : futures) {
        responses.add(future.get(30, TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(responses).extracting(Response::status).as("statuses").containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
    responses.stream()
        .filter(response -> response.status() == 409)
        .forEach(refused -> assertThat(refused.json().path("ceiling").asInt()).as(refused.body()).isEqualTo(ceiling));
    assertThat(personnel.staff(embassy, "REMAINING")).hasSize(ceiling);
    assertThat(messaging.written("RemainingStaffDesignated", embassy)).isEqualTo(ceiling);
  }

  private int waitingForLocks() {
    return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .query(Integer.class)
        .single();
  }

  @Test
  void onlyThoseWithPrivilegesOfTheirOwnCanRemainAndOnlyOnceACeilingIsAgreed() {
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    UUID spouse = personnel.registers(aFamilyMemberOf(ambassador).in(embassy));
    UUID driver = personnel.registers(aLocalHire().in(embassy));
    UUID venezuelan = personnel.registers(aDiplomat().ofNationality("VE").in(embassy));

    Response beforeNegotiation = head.designateRemaining(ambassador);
    assertThat(beforeNegotiation.status()).as(beforeNegotiation.body()).isEqualTo(409);
    assertThat(beforeNegotiation.json().path("title").asString()).isEqualTo("No ceiling agreed");

    severAndNegotiate(7);
    for (UUID ineligible : List.of(spouse, driver, venezuelan)) {
      Response refused = head.designateRemaining(ineligible);
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().path("title").asString()).isEqualTo("Not eligible to remain");
    }
    assertThat(personnel.staff(embassy, "REMAINING")).isEmpty();
    assertThat(head.designateRemaining(UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void onlyTheHeadOfTheOfficeDesignates() {
    UUID diplomat = personnel.registers(aDiplomat().in(embassy));
    severAndNegotiate(7);

    assertThat(personnel.as(tokens.officeOfficer("CCS")).designateRemaining(diplomat).status()).isEqualTo(403);
    assertThat(personnel.as(tokens.officeViewer("CCS")).designateRemaining(diplomat).status()).isEqualTo(403);
    assertThat(personnel.as(tokens.officeHead("WAS")).designateRemaining(diplomat).status()).isEqualTo(404);
    assertThat(personnel.statusOf(diplomat)).isEqualTo("DEPARTURE_ORDERED");

    assertThat(head.designateRemaining(diplomat).status()).isEqualTo(200);
    assertThat(personnel.as(tokens.officeOfficer("CCS")).withdrawRemaining(diplomat).status()).isEqualTo(403);
    assertThat(personnel.as(tokens.officeHead("WAS")).withdrawRemaining(diplomat).status()).isEqualTo(404);
    assertThat(personnel.statusOf(diplomat)).isEqualTo("REMAINING");
    assertThat(messaging.written("RemainingStaffWithdrawn", diplomat)).isZero();
  }

  private List<UUID> registerDiplomats(int count) {
    return IntStream.range(0, count).mapToObj(i -> personnel.registers(aDiplomat().in(embassy))).toList();
  }

  private void severAndNegotiate(int ceiling) {
    rupture = missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, ceiling, Instant.now().plus(30, ChronoUnit.DAYS)).envelope());
  }
}
