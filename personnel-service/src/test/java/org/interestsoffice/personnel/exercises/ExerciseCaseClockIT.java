package org.interestsoffice.personnel.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.DeadlineEvent;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * An exercise's time rules in personnel follow its case clock, as missions announces it: departures
 * cannot lie ahead of the case clock (whatever the wall clock says), its orders say they are an
 * exercise's and occur in case time, and its accountability is read on the case clock.
 */
@PersonnelServiceUnderTest
class ExerciseCaseClockIT {

  private static final Instant STARTS = Instant.parse("2019-01-23T19:00:00Z");
  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  @Test
  void anExercisesDeparturesAndOrdersFollowItsCaseClock() {
    Mission exercise = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registersExercise(exercise, STARTS));
    UUID diplomat = personnel.registers(aDiplomat().in(exercise));
    messaging.awaitProcessed(missionsService.severs(exercise, DUE).envelope());

    // Ordered out as an exercise, in case time.
    eventually().until(() -> !published.received("DepartureOrdered", diplomat).isEmpty());
    EventEnvelope order = published.received("DepartureOrdered", diplomat).get(0);
    assertThat(order.payload().path("exercise").asBoolean()).isTrue();
    assertThat(order.occurredAt()).isEqualTo(STARTS);

    // On 24 January 2019 (case time) a departure on the 25th has not happened yet.
    Instant januaryTwentyFourth = Instant.parse("2019-01-24T12:00:00Z");
    messaging.awaitProcessed(missionsService.advancesCaseClock(exercise, STARTS, STARTS, januaryTwentyFourth));
    Instant departedAt = Instant.parse("2019-01-25T09:00:00Z");
    PersonnelApi.Response early = personnel.recordDeparture(diplomat, departedAt);
    assertThat(early.status()).as(early.body()).isEqualTo(400);
    assertThat(early.body()).contains("has not happened yet");
    assertThat(personnel.statusOf(diplomat)).isEqualTo("DEPARTURE_ORDERED");

    JsonNode account = personnel.accountability(exercise);
    assertThat(account.path("exercise").asBoolean()).isTrue();
    assertThat(Instant.parse(account.path("caseNow").asString())).isEqualTo(januaryTwentyFourth);
    assertThat(account.path("timeLeft").asString()).as("read on the case clock").isEqualTo("PT56H");

    // A late, older announcement does not move the case clock back; a later one lets the departure in.
    messaging.awaitProcessed(missionsService.advancesCaseClock(exercise, STARTS, STARTS, STARTS.plusSeconds(60)));
    assertThat(Instant.parse(personnel.accountability(exercise).path("caseNow").asString())).isEqualTo(januaryTwentyFourth);
    messaging.awaitProcessed(missionsService.advancesCaseClock(exercise, STARTS, januaryTwentyFourth, Instant.parse("2019-01-25T10:00:00Z")));
    PersonnelApi.Response departed = personnel.recordDeparture(diplomat, departedAt);
    assertThat(departed.status()).as(departed.body()).isEqualTo(200);
    assertThat(personnel.statusOf(diplomat)).isEqualTo("DEPARTED");
    // Announced on the case clock, like the order: notifications compares the two.
    eventually().until(() -> !published.received("StaffDeparted", diplomat).isEmpty());
    assertThat(published.received("StaffDeparted", diplomat).get(0).occurredAt()).isEqualTo(Instant.parse("2019-01-25T10:00:00Z"));
  }

  @Test
  void anExpiryThatFellDueInAJumpMarksPeopleOverdueAtItsDueInstantBeforeTheClocksMoveIsAnnounced() {
    Mission exercise = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registersExercise(exercise, STARTS));
    UUID diplomat = personnel.registers(aDiplomat().in(exercise));
    Rupture rupture = missionsService.severs(exercise, DUE);
    messaging.awaitProcessed(rupture.envelope());

    // Missions fires the expiry while advancing the clock and announces the move after it: the expiry
    // arrives first, stamped with its due instant, and personnel's clock is there at once.
    messaging.awaitProcessed(missionsService.expires(new DeadlineEvent(exercise, rupture.deadlineId(), rupture.deadlineVersion(), DUE, rupture.envelope()), "DEPARTURE"));

    assertThat(personnel.statusOf(diplomat)).isEqualTo("OVERDUE");
    eventually().until(() -> !published.received("StaffOverdue", diplomat).isEmpty());
    assertThat(published.received("StaffOverdue", diplomat).get(0).occurredAt()).isEqualTo(DUE);
    assertThat(Instant.parse(personnel.accountability(exercise).path("caseNow").asString())).isEqualTo(DUE);
  }

  @Test
  void aRealMissionKeepsTheWallClock() {
    Mission real = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(real));
    UUID diplomat = personnel.registers(aDiplomat().in(real));
    messaging.awaitProcessed(missionsService.severs(real, Instant.now().plusSeconds(72 * 3600)).envelope());
    eventually().until(() -> !published.received("DepartureOrdered", diplomat).isEmpty());
    assertThat(published.received("DepartureOrdered", diplomat).get(0).payload().path("exercise").asBoolean()).isFalse();
    assertThat(personnel.accountability(real).path("exercise").asBoolean()).isFalse();
    // A departure in 2019 is in the past for a real mission.
    assertThat(personnel.recordDeparture(diplomat, Instant.parse("2019-01-25T09:00:00Z")).status()).isEqualTo(200);
  }
}
