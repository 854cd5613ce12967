package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

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
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/staff/{id}/departure}: one person has left, on their own. */
@PersonnelServiceUnderTest
class RecordingDeparturesIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  final TestTokens tokens = TestTokens.get();
  Mission embassy;
  UUID attache;

  @BeforeEach
  void anOrderedOutAttache() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    attache = personnel.registers(aDiplomat().in(embassy));
    messaging.awaitProcessed(missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)).envelope());
  }

  @Test
  void anOfficerRecordsADepartureWhichIsAnnounced() {
    Instant leftAt = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    Response departed = personnel.as(tokens.officeOfficer("CCS")).recordDeparture(attache, leftAt);

    assertThat(departed.status()).as(departed.body()).isEqualTo(200);
    JsonNode member = personnel.staffMember(attache);
    assertThat(member.path("status").asString()).isEqualTo("DEPARTED");
    assertThat(Instant.parse(member.path("departedAt").asString())).isEqualTo(leftAt);
    eventually().until(() -> published.received("StaffDeparted", attache).size() == 1);
    EventEnvelope event = published.received("StaffDeparted", attache).get(0);
    assertThat(event.payload().path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(event.payload().path("officeCode").asString()).isEqualTo("CCS");
    assertThat(Instant.parse(event.payload().path("departedAt").asString())).isEqualTo(leftAt);
    // The platform leaves null members out of payloads: absent and null both read as null.
    JsonNode group = event.payload().path("departureGroupId");
    assertThat(group.isMissingNode() || group.isNull()).as("an individual departure: %s", event.payload()).isTrue();
  }

  @Test
  void aDepartedPersonCannotDepartAgainNorBeDesignatedRemaining() {
    assertThat(personnel.recordDeparture(attache, Instant.now().minusSeconds(60)).status()).isEqualTo(200);
    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 7, Instant.now().plus(30, ChronoUnit.DAYS)).envelope());

    Response again = personnel.recordDeparture(attache, Instant.now());
    Response designated = personnel.designateRemaining(attache);

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().path("title").asString()).isEqualTo("Already departed");
    assertThat(designated.status()).as(designated.body()).isEqualTo(409);
    assertThat(personnel.statusOf(attache)).isEqualTo("DEPARTED");
    assertThat(messaging.written("StaffDeparted", attache)).isEqualTo(1);
    assertThat(messaging.written("RemainingStaffDesignated", attache)).isZero();
  }

  @Test
  void aDepartedPersonIsNotOrderedOutAgainByALaterRupture() {
    Mission consulate = aMission().inCaracas().aConsulateIn("Maracaibo");
    messaging.awaitProcessed(missionsService.registers(consulate));
    UUID consul = personnel.registers(aDiplomat().in(consulate));
    assertThat(personnel.recordDeparture(consul, Instant.now()).status()).isEqualTo(200);

    messaging.awaitProcessed(missionsService.severs(consulate, Instant.now().plus(72, ChronoUnit.HOURS)).envelope());

    assertThat(personnel.statusOf(consul)).isEqualTo("DEPARTED");
    assertThat(messaging.written("DepartureOrdered", consul)).isZero();
  }

  @Test
  void badDeparturesAreRefusedAndChangeNothing() {
    Response inTheFuture = personnel.recordDeparture(attache, Instant.now().plus(1, ChronoUnit.DAYS));
    Response noTime = personnel.post("/api/staff/" + attache + "/departure", "{}");
    Response notATime = personnel.post("/api/staff/" + attache + "/departure", "{\"departedAt\": \"yesterday\"}");
    Response nobody = personnel.recordDeparture(UUID.randomUUID(), Instant.now());

    assertThat(inTheFuture.status()).as(inTheFuture.body()).isEqualTo(400);
    assertThat(noTime.status()).isEqualTo(400);
    assertThat(noTime.invalidFields()).containsExactly("departedAt");
    assertThat(notATime.status()).isEqualTo(400);
    assertThat(nobody.status()).isEqualTo(404);
    assertThat(personnel.statusOf(attache)).isEqualTo("DEPARTURE_ORDERED");
    assertThat(messaging.written("StaffDeparted", attache)).isZero();
  }

  @Test
  void aViewerAndAnotherOfficeCannotRecordADeparture() {
    assertThat(personnel.as(tokens.officeViewer("CCS")).recordDeparture(attache, Instant.now()).status()).isEqualTo(403);
    assertThat(personnel.as(tokens.officeOfficer("WAS")).recordDeparture(attache, Instant.now()).status()).isEqualTo(404);
    assertThat(personnel.as(tokens.officeHead("WAS")).recordDeparture(attache, Instant.now()).status()).isEqualTo(404);

    assertThat(personnel.statusOf(attache)).isEqualTo("DEPARTURE_ORDERED");
    assertThat(messaging.written("StaffDeparted", attache)).isZero();
  }
}
