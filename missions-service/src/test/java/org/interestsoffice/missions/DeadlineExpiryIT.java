package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.NOTE_OF_23_JANUARY_2019;
import static org.interestsoffice.missions.RuptureDraft.aRupture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.missions.lifecycle.DeadlineScheduler;
import org.interestsoffice.missions.lifecycle.ExpiringDeadlines;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The deadline scheduler fires each expiry exactly once, however many instances poll the same
 * database, and a deadline that fell due while no scheduler ran fires when one comes back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"missions.deadlines.poll-interval=PT0.05S", "missions.deadlines.batch-size=3"})
@RealInfrastructure(database = "missions_expiry")
class DeadlineExpiryIT {

  private static final Instant A_DAY_AFTER_THE_RUPTURE = NOTE_OF_23_JANUARY_2019.plus(Duration.ofDays(1));

  @TestConfiguration
  static class MovedByTheTest {
    @Bean
    Clock clock() {
      return new MovableClock(A_DAY_AFTER_THE_RUPTURE);
    }
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired ExpiringDeadlines expiring;
  @Autowired DeadlineScheduler scheduler;

  private final List<DeadlineScheduler> otherInstances = new ArrayList<>();
  private MissionsApi head;

  @BeforeEach
  void aCaracasHead() {
    head = new MissionsApi(port, json).as(TestTokens.get().officeHead("CCS"));
    ((MovableClock) clock).setTo(A_DAY_AFTER_THE_RUPTURE);
  }

  @AfterEach
  void stopTheOtherInstances() {
    otherInstances.forEach(DeadlineScheduler::stop);
    scheduler.start();
  }

  @Test
  void manyDeadlinesDueAtOnceFireExactlyOnceWithThreeSchedulersOnOneDatabase() {
    List<UUID> departing = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      departing.add(severedMission());
    }
    List<UUID> negotiating = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      negotiating.add(negotiatingMission());
    }
    // Two more instances of the scheduler beside the service's own, small batches so they interleave.
    for (int i = 0; i < 2; i++) {
      DeadlineScheduler other = new DeadlineScheduler(expiring, Duration.ofMillis(20), 3);
      other.start();
      otherInstances.add(other);
    }

    // Everything falls due at once: the departures (26 January) and the negotiations (30 days).
    ((MovableClock) clock).setTo(A_DAY_AFTER_THE_RUPTURE.plus(Duration.ofDays(45)));
    scheduler.wakeUp();
    otherInstances.forEach(DeadlineScheduler::wakeUp);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(running(departing, "DEPARTURE")).isZero();
      assertThat(running(negotiating, "NEGOTIATION")).isZero();
      // The final departures the cessations started are long due too, and fire in turn.
      assertThat(running(negotiating, "FINAL_DEPARTURE")).isZero();
    });
    for (UUID missionId : departing) {
      assertThat(published("DeadlineExpired", missionId)).as("expiries of %s", missionId).isEqualTo(1);
    }
    for (UUID missionId : negotiating) {
      assertThat(published("MissionCeased", missionId)).as("cessations of %s", missionId).isEqualTo(1);
      assertThat(published("DeadlineExpired", missionId)).as("departure and final departure of %s", missionId).isEqualTo(2);
      assertThat(jdbc.sql("select count(*) from deadline where mission_id = :id and kind = 'FINAL_DEPARTURE'")
              .param("id", missionId).query(Long.class).single())
          .isEqualTo(1);
      assertThat(jdbc.sql("select count(*) from mission_transition where mission_id = :id and to_status = 'CEASED'")
              .param("id", missionId).query(Long.class).single())
          .isEqualTo(1);
    }
  }

  @Test
  void aDeadlineThatFellDueWhileNoSchedulerRanFiresWhenOneStarts() {
    UUID missionId = severedMission();
    scheduler.stop();

    ((MovableClock) clock).setTo(A_DAY_AFTER_THE_RUPTURE.plus(Duration.ofDays(3)));
    assertThat(running(List.of(missionId), "DEPARTURE")).as("nothing fires while no scheduler runs").isEqualTo(1);

    DeadlineScheduler restarted = new DeadlineScheduler(expiring, Duration.ofMillis(50), 10);
    otherInstances.add(restarted);
    restarted.start();

    await().untilAsserted(() -> assertThat(published("DeadlineExpired", missionId)).isEqualTo(1));
    assertThat(running(List.of(missionId), "DEPARTURE")).isZero();
  }

  private UUID severedMission() {
    UUID missionId = head.registered(aMission());
    Answer severed = head.declareRupture(missionId, aRupture());
    assertThat(severed.status()).as(severed.toString()).isEqualTo(200);
    return missionId;
  }

  private UUID negotiatingMission() {
    UUID missionId = severedMission();
    Instant agreedAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1));
    String note = head.noted(missionId, "NEG-" + UUID.randomUUID(), agreedAt);
    Answer negotiating =
        head.openNegotiation(
            missionId, Map.of("noteReference", note, "agreedAt", agreedAt.toString(), "window", "P30D", "remainingStaffCeiling", 7));
    assertThat(negotiating.status()).as(negotiating.toString()).isEqualTo(200);
    return missionId;
  }

  private long running(List<UUID> missions, String kind) {
    return jdbc.sql("select count(*) from deadline where mission_id = any(:ids) and kind = :kind and status = 'RUNNING'")
        .param("ids", missions.toArray(UUID[]::new))
        .param("kind", kind)
        .query(Long.class)
        .single();
  }

  private long published(String type, UUID missionId) {
    return jdbc.sql("select count(*) from platform.outbox_event where type = :type and envelope -> 'payload' ->> 'missionId' = :id")
        .param("type", type)
        .param("id", missionId.toString())
        .query(Long.class)
        .single();
  }
}
