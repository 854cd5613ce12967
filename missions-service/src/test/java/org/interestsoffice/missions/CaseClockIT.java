package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.missions.EventTap.aboutMission;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.aRupture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An exercise runs on its own case clock (design §2, "Exercises"): its time rules read the case
 * clock, its deadlines fire only when the crisis cell advances it, once, in due order and stamped
 * with their due instants; a real mission beside it keeps the wall clock and is never touched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "missions.deadlines.poll-interval=PT0.2S")
@RealInfrastructure(database = "missions_case_clock")
class CaseClockIT {

  private static final Instant WALL = Instant.parse("2026-12-06T07:00:00Z");
  private static final Instant EXERCISE_STARTS = Instant.parse("2019-01-23T19:00:00Z");
  private static final Instant RUPTURE_NOTE = Instant.parse("2019-01-23T20:00:00Z");
  private static final Instant TALKS_AGREED = Instant.parse("2019-01-26T18:00:00Z");

  @TestConfiguration
  static class MovedByTheTest {
    @Bean
    Clock clock() {
      return new MovableClock(WALL);
    }
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired AmqpAdmin admin;
  @Autowired RabbitTemplate rabbit;
  @Autowired TopicExchange missionEvents;

  MissionsApi head;

  @BeforeEach
  void aCaracasHead() {
    head = new MissionsApi(port, json).as(TestTokens.get().officeHead("CCS"));
  }

  @Test
  void the2019CaseAsAnExerciseFiresEverythingDueInOneJumpInDueOrderAndTheRealMissionBesideItIsUntouched() {
    EventTap tap = EventTap.open(admin, rabbit, json, missionEvents, "test.caseclock." + UUID.randomUUID(),
        "DeadlineExpired", "MissionCeased", "CaseClockAdvanced");
    UUID exercise = anExercise();
    UUID real = head.registered(aMission());
    Answer realRupture = head.declareRupture(real, aRupture().receivedAt(WALL.minus(Duration.ofHours(1))));
    assertThat(realRupture.status()).as(realRupture.toString()).isEqualTo(200);

    JsonNode registered = head.mission(exercise).json();
    assertThat(instant(registered.get("exercise"), "startsAt")).isEqualTo(EXERCISE_STARTS);
    assertThat(instant(registered.get("exercise"), "caseNow")).isEqualTo(EXERCISE_STARTS);
    assertThat(registered.path("exercise").isMissingNode()).isFalse();
    assertThat(head.mission(real).json().path("exercise").isMissingNode() || head.mission(real).json().path("exercise").isNull()).isTrue();

    // At 19:00 case time the note of 20:00 has not arrived yet.
    Answer early = head.declareRupture(exercise, aRupture().receivedAt(RUPTURE_NOTE));
    assertThat(early.status()).as(early.toString()).isEqualTo(400);
    assertThat(early.body()).contains("future");

    advance(exercise, RUPTURE_NOTE.plus(Duration.ofMinutes(30)));
    Answer severed = head.declareRupture(exercise, aRupture().receivedAt(RUPTURE_NOTE));
    assertThat(severed.status()).as(severed.toString()).isEqualTo(200);
    JsonNode departure = severed.json().get("departureDeadline");
    assertThat(instant(departure, "dueAt")).isEqualTo(RUPTURE_NOTE.plus(Duration.ofHours(72)));
    assertThat(Duration.parse(departure.get("remaining").asString())).as("time left on the case clock").isEqualTo(Duration.ofMinutes(71 * 60 + 30));

    // The wall clock is years past every due instant, yet the scheduler leaves the exercise alone.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> status(exercise, "DEPARTURE").equals("RUNNING"));

    advance(exercise, TALKS_AGREED.plus(Duration.ofMinutes(30)));
    String negotiationNote = head.noted(exercise, "MPPRE-2019-NEG-" + UUID.randomUUID(), TALKS_AGREED);
    Answer negotiating =
        head.openNegotiation(exercise, Map.of("noteReference", negotiationNote, "agreedAt", TALKS_AGREED.toString(), "window", "P30D",
            "remainingStaffCeiling", 7));
    assertThat(negotiating.status()).as(negotiating.toString()).isEqualTo(200);
    // Two minutes before the departure deadline, nothing has fired.
    assertThat(status(exercise, "DEPARTURE")).isEqualTo("RUNNING");

    // Sixty days at once: the departure runs out, the talks run out and cease the mission, and the
    // final departure they started runs out too — in that order, each at its own due instant.
    Instant negotiationDue = TALKS_AGREED.plus(Duration.ofDays(30));
    Instant finalDue = negotiationDue.plus(Duration.ofHours(72));
    Instant jumpTo = TALKS_AGREED.plus(Duration.ofDays(60));
    Answer jumped = advance(exercise, jumpTo);
    assertThat(jumped.json().get("fired").valueStream().map(d -> d.get("kind").asString()).toList())
        .containsExactly("DEPARTURE", "NEGOTIATION", "FINAL_DEPARTURE");
    assertThat(instant(jumped.json(), "previousCaseNow")).isEqualTo(TALKS_AGREED.plus(Duration.ofMinutes(30)));
    assertThat(jumped.json().get("mission").get("status").asString()).isEqualTo("CEASED");
    assertThat(instant(jumped.json().get("mission").get("exercise"), "caseNow")).isEqualTo(jumpTo);

    List<EventEnvelope> events = new ArrayList<>();
    // (The earlier, smaller advances were announced before the departure deadline was due.)
    for (int i = 0; i < 4; i++) {
      events.add(tap.next(e -> aboutMission(exercise).test(e) && !e.occurredAt().isBefore(RUPTURE_NOTE.plus(Duration.ofHours(72)))));
    }
    assertThat(events).extracting(EventEnvelope::type).containsExactly("DeadlineExpired", "MissionCeased", "DeadlineExpired", "CaseClockAdvanced");
    assertThat(events).extracting(EventEnvelope::occurredAt)
        .containsExactly(RUPTURE_NOTE.plus(Duration.ofHours(72)), negotiationDue, finalDue, jumpTo);
    assertThat(events.get(0).payload().get("deadlineKind").asString()).isEqualTo("DEPARTURE");
    assertThat(events.get(2).payload().get("deadlineKind").asString()).isEqualTo("FINAL_DEPARTURE");
    assertThat(Instant.parse(events.get(1).payload().get("effectiveAt").asString())).isEqualTo(negotiationDue);
    for (String type : List.of("DeadlineExpired", "MissionCeased", "CaseClockAdvanced")) {
      assertThat(eventsOf(exercise, type)).as(type).isEqualTo(type.equals("DeadlineExpired") ? 2 : type.equals("MissionCeased") ? 1 : 3);
    }
    // The timeline stands in case time.
    List<JsonNode> timeline = head.timeline(exercise).json().valueStream().toList();
    assertThat(timeline).extracting(e -> instant(e, "effectiveAt")).isSorted().allSatisfy(at -> assertThat(at).isBefore(WALL));

    // The real mission kept the wall clock: its deadline runs, and it has no case clock to advance.
    assertThat(status(real, "DEPARTURE")).isEqualTo("RUNNING");
    Answer notAnExercise = advance(real, WALL.plus(Duration.ofDays(3)), 409);
    assertThat(notAnExercise.json().get("title").asString()).isEqualTo("Not an exercise");
    assertThat(status(real, "DEPARTURE")).isEqualTo("RUNNING");
  }

  @Test
  void twoAdvancesAtOnceFireEachDeadlineOnce() {
    UUID exercise = anExercise();
    advance(exercise, RUPTURE_NOTE.plus(Duration.ofMinutes(1)));
    assertThat(head.declareRupture(exercise, aRupture().receivedAt(RUPTURE_NOTE)).status()).isEqualTo(200);
    Instant after = RUPTURE_NOTE.plus(Duration.ofDays(4));

    List<CompletableFuture<Answer>> both =
        List.of(CompletableFuture.supplyAsync(() -> postAdvance(exercise, after)), CompletableFuture.supplyAsync(() -> postAdvance(exercise, after)));

    assertThat(both.stream().map(f -> f.join().status()).toList()).containsExactlyInAnyOrder(200, 409);
    assertThat(eventsOf(exercise, "DeadlineExpired")).isEqualTo(1);
    assertThat(count("select count(*) from deadline_change where mission_id = :id and change = 'EXPIRED'", exercise)).isEqualTo(1);
  }

  @Test
  void badAdvancesAre4xxProblemsAndChangeNothing() {
    UUID exercise = anExercise();
    advance(exercise, RUPTURE_NOTE);

    assertThat(postAdvance(exercise, RUPTURE_NOTE.minus(Duration.ofHours(1))).status()).as("backwards").isEqualTo(409);
    assertThat(postAdvance(exercise, RUPTURE_NOTE).status()).as("standing still").isEqualTo(409);
    Answer malformed = head.post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", "next Tuesday"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(head.post("/api/missions/" + exercise + "/case-clock", Map.of()).status()).as("no advanceTo").isEqualTo(400);
    for (String token : List.of(TestTokens.get().officeOfficer("CCS"), TestTokens.get().officeViewer("CCS"))) {
      assertThat(head.as(token).post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", RUPTURE_NOTE.plus(Duration.ofDays(1)).toString())).status())
          .isEqualTo(403);
    }
    assertThat(head.as(TestTokens.get().officeHead("WAS"))
            .post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", RUPTURE_NOTE.plus(Duration.ofDays(1)).toString())).status())
        .isEqualTo(404);
    assertThat(head.as(TestTokens.get().ministryAdmin())
            .post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", RUPTURE_NOTE.plus(Duration.ofDays(1)).toString())).status())
        .as("a ministry administrator may").isEqualTo(200);
    assertThat(instant(head.mission(exercise).json().get("exercise"), "caseNow")).isEqualTo(RUPTURE_NOTE.plus(Duration.ofDays(1)));
    assertThat(eventsOf(exercise, "CaseClockAdvanced")).isEqualTo(2);
  }

  private UUID anExercise() {
    return head.registered(aMission().with("exercise", Map.of("startsAt", EXERCISE_STARTS.toString())));
  }

  private Answer advance(UUID missionId, Instant to) {
    return advance(missionId, to, 200);
  }

  private Answer advance(UUID missionId, Instant to, int expected) {
    Answer answer = postAdvance(missionId, to);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    return answer;
  }

  private Answer postAdvance(UUID missionId, Instant to) {
    return head.post("/api/missions/" + missionId + "/case-clock", Map.of("advanceTo", to.toString()));
  }

  private String status(UUID missionId, String kind) {
    return head.deadlines(missionId).json().valueStream()
        .filter(d -> d.get("kind").asString().equals(kind))
        .map(d -> d.get("status").asString())
        .findFirst()
        .orElseThrow();
  }

  private long eventsOf(UUID missionId, String type) {
    return jdbc.sql("select count(*) from platform.outbox_event where type = :type and envelope -> 'payload' ->> 'missionId' = :id")
        .param("type", type)
        .param("id", missionId.toString())
        .query(Long.class)
        .single();
  }

  private long count(String sql, UUID missionId) {
    return jdbc.sql(sql).param("id", missionId).query(Long.class).single();
  }

  private static Instant instant(JsonNode node, String field) {
    return Instant.parse(node.get(field).asString());
  }
}
