package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.aRupture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import tools.jackson.databind.JsonNode;
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
  void aWashingtonUserCanNeitherReadNorChangeTheLifecycleOrDeadlinesOfACaracasMission() {
    Instant noteAt = Instant.now().minus(Duration.ofHours(1));
    UUID departure = severedWithANote(noteAt);
    String note = "CCS-NOTE-" + UUID.randomUUID();
    assertThat(caracasHead.recordNote(caracasEmbassy, note, "INCOMING", noteAt).status()).isEqualTo(201);
    long eventsBefore = eventsOfCaracasEmbassy();
    long changesBefore = count("select count(*) from deadline_change where mission_id = :id");
    Map<String, Object> everything =
        Map.of(
            "noteReference", note, "agreedAt", noteAt.toString(), "window", "P30D", "remainingStaffCeiling", 7,
            "newDueAt", Instant.now().plus(Duration.ofDays(10)).toString(), "noteReceivedAt", noteAt.toString());

    for (String token : new String[] {tokens.officeHead("WAS"), tokens.officeOfficer("WAS"), tokens.officeViewer("WAS")}) {
      MissionsApi washington = caracasHead.as(token);
      assertThat(washington.openNegotiation(caracasEmbassy, everything).status()).isEqualTo(404);
      assertThat(washington.agree(caracasEmbassy, Map.of("noteReference", note, "protectingState", "CH", "staffCeiling", 7, "services", List.of())).status())
          .isEqualTo(404);
      assertThat(washington.declareCessation(caracasEmbassy, Map.of("noteReference", note, "effectiveAt", noteAt.toString())).status()).isEqualTo(404);
      assertThat(washington.close(caracasEmbassy, Map.of("noteReference", note, "closedAt", noteAt.toString())).status()).isEqualTo(404);
      assertThat(washington.designateProtectingPower(caracasEmbassy, Map.of("protectingState", "CH", "scope", "BOTH", "hostConsentAt", noteAt.toString())).status())
          .isEqualTo(404);
      assertThat(washington.recordNote(caracasEmbassy, "WAS-" + UUID.randomUUID(), "OUTGOING", noteAt).status()).isEqualTo(404);
      // Every shape of a rupture: none of the new commands reaches another office's mission either.
      String base = "/api/missions/" + caracasEmbassy + "/";
      assertThat(washington.post(base + "staff-ceiling", Map.of(
              "noteReference", "WAS-" + UUID.randomUUID(), "noteReceivedAt", noteAt.toString(), "ceiling", 3, "window", "PT48H")).status())
          .isEqualTo(404);
      assertThat(washington.post(base + "persona-non-grata", Map.of(
              "staffId", UUID.randomUUID().toString(), "noteReference", "WAS-" + UUID.randomUUID(), "noteReceivedAt", noteAt.toString(),
              "window", "PT72H")).status())
          .isEqualTo(404);
      assertThat(washington.post(base + "restoration", Map.of("noteReference", note)).status()).isEqualTo(404);
      assertThat(washington.post(base + "protecting-power/consent", Map.of("hostConsentAt", noteAt.toString())).status()).isEqualTo(404);
      assertThat(washington.post(base + "protecting-power/termination", Map.of("noteReference", note)).status()).isEqualTo(404);
      assertThat(washington.get(base + "protecting-power").status()).isEqualTo(404);
      for (String change : List.of("suspension", "extension")) {
        assertThat(washington.changeDeadline(caracasEmbassy, departure, change, everything).status()).as(change).isEqualTo(404);
      }
      Answer reissue = washington.changeDeadline(caracasEmbassy, departure, "reissue", Map.of("noteReference", note, "noteReceivedAt", noteAt.toString(), "window", "PT72H"));
      assertThat(reissue.status()).isEqualTo(404);
      for (String view : List.of("deadlines", "timeline", "notes")) {
        Answer read = washington.get("/api/missions/" + caracasEmbassy + "/" + view);
        assertThat(read.status()).as(view).isEqualTo(404);
        assertThat(read.body()).doesNotContain(note);
      }
    }
    assertThat(statusOf(caracasEmbassy)).isEqualTo("RELATIONS_SEVERED");
    assertThat(eventsOfCaracasEmbassy()).isEqualTo(eventsBefore);
    assertThat(count("select count(*) from deadline_change where mission_id = :id")).isEqualTo(changesBefore);
    assertThat(count("select count(*) from protecting_power_mandate where mission_id = :id")).isZero();
    assertThat(count("select count(*) from deadline where mission_id = :id and kind in ('REDUCTION', 'PERSONAL')")).isZero();
  }

  @Test
  void officersAndViewersReadTheDeadlinesAndTimelineButDoNotChangeThem() {
    Instant noteAt = Instant.now().minus(Duration.ofHours(1));
    UUID departure = severedWithANote(noteAt);
    String note = "CCS-NOTE-" + UUID.randomUUID();
    assertThat(caracasHead.recordNote(caracasEmbassy, note, "INCOMING", noteAt).status()).isEqualTo(201);

    for (String token : new String[] {tokens.officeOfficer("CCS"), tokens.officeViewer("CCS")}) {
      MissionsApi ownOffice = caracasHead.as(token);
      assertThat(ownOffice.deadlines(caracasEmbassy).status()).isEqualTo(200);
      assertThat(ownOffice.deadlines(caracasEmbassy).body()).contains(departure.toString());
      assertThat(ownOffice.timeline(caracasEmbassy).status()).isEqualTo(200);
      assertThat(ownOffice.changeDeadline(caracasEmbassy, departure, "suspension", Map.of("noteReference", note)).status()).isEqualTo(403);
      assertThat(ownOffice.openNegotiation(caracasEmbassy, Map.of(
              "noteReference", note, "agreedAt", noteAt.toString(), "window", "P30D", "remainingStaffCeiling", 7)).status())
          .isEqualTo(403);
      assertThat(ownOffice.recordNote(caracasEmbassy, "X-" + UUID.randomUUID(), "OUTGOING", noteAt).status()).isEqualTo(403);
    }
    assertThat(statusOf(caracasEmbassy)).isEqualTo("RELATIONS_SEVERED");
    assertThat(caracasHead.changeDeadline(caracasEmbassy, departure, "suspension", Map.of("noteReference", note)).status()).isEqualTo(200);
    assertThat(jdbc.sql("select actor from deadline_change where mission_id = :id and change = 'SUSPENDED'")
            .param("id", caracasEmbassy).query(String.class).single())
        .isEqualTo("ccs-head");
  }

  @Test
  void onlyMinistryAdministratorsCreateOfficesAndEveryoneListsOnlyTheirOwn() {
    MissionsApi admin = caracasHead.as(tokens.ministryAdmin());
    for (String code : new String[] {"CCS", "WAS"}) {
      Answer created = admin.post("/api/offices", office(code));
      assertThat(created.status()).as(created.toString()).isIn(201, 409);
    }
    long officesBefore = jdbc.sql("select count(*) from office").query(Long.class).single();

    Answer byAHead = caracasHead.post("/api/offices", office("MAD"));
    assertThat(byAHead.status()).isEqualTo(403);
    assertThat(byAHead.contentType()).startsWith("application/problem+json");
    assertThat(admin.post("/api/offices", office("CCS")).status()).as("a code is taken once").isEqualTo(409);
    assertThat(jdbc.sql("select count(*) from office").query(Long.class).single()).isEqualTo(officesBefore);

    Answer caracasOffices = caracasHead.get("/api/offices");
    assertThat(caracasOffices.status()).isEqualTo(200);
    assertThat(caracasOffices.json().valueStream().map(o -> o.get("code").asString())).containsExactly("CCS");
    Answer washingtonOffices = caracasHead.as(tokens.officeViewer("WAS")).get("/api/offices");
    assertThat(washingtonOffices.json().valueStream().map(o -> o.get("code").asString())).containsExactly("WAS");
    assertThat(admin.get("/api/offices").json().valueStream().map(o -> o.get("code").asString())).contains("CCS", "WAS");
    assertThat(caracasHead.as(tokens.officeViewer("WAS")).get("/api/offices/CCS").status()).isEqualTo(404);
    JsonNode caracas = caracasHead.as(tokens.officeViewer("CCS")).get("/api/offices/CCS").json();
    assertThat(caracas.get("capital").asString()).isEqualTo("Capital of CCS");
    assertThat(caracas.get("timeZone").asString()).isEqualTo("America/Caracas");
  }

  @Test
  void anOfficeWithBadInputIsA400Problem() {
    MissionsApi admin = caracasHead.as(tokens.ministryAdmin());
    List<Map<String, Object>> bad =
        List.of(
            with(office("BOG"), "code", "bog"),
            with(office("BOG"), "sendingState", "XX"),
            with(office("BOG"), "receivingState", "US"),
            with(office("BOG"), "timeZone", "Mars/Olympus"),
            with(office("BOG"), "capital", " "));
    for (Map<String, Object> body : bad) {
      Answer answer = admin.post("/api/offices", body);
      assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    assertThat(jdbc.sql("select count(*) from office where code in ('BOG', 'bog')").query(Long.class).single()).isZero();
  }

  private static Map<String, Object> office(String code) {
    return Map.of(
        "code", code, "capital", "Capital of " + code, "sendingState", "US", "receivingState", "VE", "timeZone", "America/Caracas");
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new java.util.HashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  @Test
  void withoutAValidTokenNothingIsAnswered() {
    assertThat(caracasHead.as("garbage").mission(caracasEmbassy).status()).isEqualTo(401);
    assertThat(caracasHead.as("garbage").declareRupture(caracasEmbassy, aRupture()).status()).isEqualTo(401);
  }

  private UUID severedWithANote(Instant noteAt) {
    Answer rupture = caracasHead.declareRupture(caracasEmbassy, aRupture().receivedAt(noteAt));
    assertThat(rupture.status()).as(rupture.body()).isEqualTo(200);
    return UUID.fromString(rupture.json().get("departureDeadline").get("id").asString());
  }

  private long eventsOfCaracasEmbassy() {
    return jdbc.sql("select count(*) from platform.outbox_event where envelope -> 'payload' ->> 'missionId' = :id")
        .param("id", caracasEmbassy.toString())
        .query(Long.class)
        .single();
  }

  private long count(String sql) {
    return jdbc.sql(sql).param("id", caracasEmbassy).query(Long.class).single();
  }

  private String statusOf(UUID mission) {
    return jdbc.sql("select status from mission where id = :id").param("id", mission).query(String.class).single();
  }
}
