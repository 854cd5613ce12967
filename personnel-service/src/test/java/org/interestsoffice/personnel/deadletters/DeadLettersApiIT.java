package org.interestsoffice.personnel.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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

import tools.jackson.databind.JsonNode;

/**
 * Personnel's dead letters through its API: a rupture that arrived before its mission was known is
 * kept, listed for a ministry administrator and, once the mission is known, re-driven: the staff are
 * ordered out after all. Nobody else may list or re-drive, whatever the gateway lets through.
 */
@PersonnelServiceUnderTest
class DeadLettersApiIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;

  @Test
  void aRuptureKeptAsADeadLetterIsReDrivenByAnAdministratorAndOrdersTheStaffOut() {
    Mission embassy = aMission().inCaracas();
    missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    JsonNode dead = eventually().until(() -> listed(embassy.id()), Optional::isPresent).orElseThrow();
    assertThat(dead.path("kind").asString()).isEqualTo("EVENT");
    assertThat(dead.path("status").asString()).isEqualTo("WAITING");
    assertThat(dead.path("redrivable").asBoolean()).isTrue();
    String redrive = "/api/dead-letters/" + dead.path("id").asString() + "/redrive";

    // The mission becomes known, its staff are registered; the rupture is still waiting.
    messaging.awaitProcessed(missionsService.registers(embassy));
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    assertThat(personnel.statusOf(ambassador)).isEqualTo("ACCREDITED");

    TestTokens tokens = TestTokens.get();
    for (String token : new String[] {tokens.officeHead("CCS"), tokens.officeOfficer("CCS"), tokens.officeViewer("CCS")}) {
      assertThat(personnel.as(token).get("/api/dead-letters").status()).isEqualTo(403);
      Response refused = personnel.as(token).post(redrive, "");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType().toString()).startsWith("application/problem+json");
    }

    Response redriven = personnel.post(redrive, "");
    assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);
    assertThat(redriven.json().path("status").asString()).isEqualTo("REDRIVEN");
    eventually().until(() -> personnel.statusOf(ambassador), "DEPARTURE_ORDERED"::equals);
    assertThat(listed(embassy.id())).as("no longer waiting").isEmpty();
    assertThat(personnel.get("/api/dead-letters?limit=5000").status()).isEqualTo(400);
  }

  /** The waiting dead letter of a rupture of that mission, as the API lists it. */
  private Optional<JsonNode> listed(UUID missionId) {
    Response list = personnel.get("/api/dead-letters?limit=1000");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    for (JsonNode dead : list.json()) {
      if ("RelationsSevered".equals(dead.path("type").asString()) && dead.path("reason").asString().contains(missionId.toString())) {
        return Optional.of(dead);
      }
    }
    return Optional.empty();
  }
}
