package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.aRupture;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The office is the unit of access control, enforced by the missions service itself: a user of
 * another office does not see a mission at all, and only an office head (or a ministry
 * administrator) declares what happens to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "missions_scope")
class OfficeScopeIT {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;

  private final TestTokens tokens = TestTokens.get();
  private MissionsApi caracasHead;
  private UUID caracasEmbassy;

  @BeforeEach
  void aCaracasEmbassy() {
    caracasHead = new MissionsApi(port, json).as(tokens.officeHead("CCS"));
    caracasEmbassy = caracasHead.registered(aMission().inOffice("CCS"));
  }

  @Test
  void aWashingtonUserDoesNotSeeACaracasMission() {
    for (String token : new String[] {tokens.officeHead("WAS"), tokens.officeOfficer("WAS"), tokens.officeViewer("WAS")}) {
      MissionsApi washington = caracasHead.as(token);
      assertThat(washington.mission(caracasEmbassy).status()).isEqualTo(404);
      Answer list = washington.missions();
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).doesNotContain(caracasEmbassy.toString());
    }
    assertThat(caracasHead.missions().body()).contains(caracasEmbassy.toString());
  }

  @Test
  void aWashingtonHeadCannotSeverACaracasMissionNorRegisterOneInCaracas() {
    Answer rupture = caracasHead.as(tokens.officeHead("WAS")).declareRupture(caracasEmbassy, aRupture());
    assertThat(rupture.status()).isEqualTo(404);
    assertThat(statusOf(caracasEmbassy)).isEqualTo("OPERATING");

    Answer registration = caracasHead.as(tokens.officeHead("WAS")).register(aMission().inOffice("CCS"));
    assertThat(registration.status()).isEqualTo(403);
  }

  @Test
  void officersAndViewersOfTheOfficeReadButDoNotDeclareARupture() {
    for (String token : new String[] {tokens.officeOfficer("CCS"), tokens.officeViewer("CCS")}) {
      MissionsApi ownOffice = caracasHead.as(token);
      assertThat(ownOffice.mission(caracasEmbassy).status()).isEqualTo(200);
      Answer refused = ownOffice.declareRupture(caracasEmbassy, aRupture());
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("title").asString()).isEqualTo("Forbidden");
    }
    assertThat(statusOf(caracasEmbassy)).isEqualTo("OPERATING");
  }

  @Test
  void theHeadsRuptureIsRecordedUnderTheirName() {
    Answer rupture = caracasHead.declareRupture(caracasEmbassy, aRupture().receivedAt(Instant.now().minus(Duration.ofHours(1))));

    assertThat(rupture.status()).as(rupture.body()).isEqualTo(200);
    assertThat(jdbc.sql("select actor from mission_transition where mission_id = :id").param("id", caracasEmbassy).query(String.class).single())
        .isEqualTo("ccs-head");
  }

  @Test
  void withoutAValidTokenNothingIsAnswered() {
    assertThat(caracasHead.as("garbage").mission(caracasEmbassy).status()).isEqualTo(401);
    assertThat(caracasHead.as("garbage").declareRupture(caracasEmbassy, aRupture()).status()).isEqualTo(401);
  }

  private String statusOf(UUID mission) {
    return jdbc.sql("select status from mission where id = :id").param("id", mission).query(String.class).single();
  }
}
