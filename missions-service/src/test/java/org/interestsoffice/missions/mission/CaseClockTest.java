package org.interestsoffice.missions.mission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;

import org.interestsoffice.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

/** An exercise's case clock: its own "now", forward only; a real mission keeps the wall clock. */
class CaseClockTest {

  private static final Instant JANUARY_23_2019 = Instant.parse("2019-01-23T20:00:00Z");
  private static final Instant WALL = Instant.parse("2026-12-06T07:00:00Z");

  @Test
  void anExerciseReadsItsCaseClockAndARealMissionTheWallClock() {
    Mission exercise = aMission().asExerciseFrom(JANUARY_23_2019);
    Mission real = aMission();

    assertThat(exercise.now(WALL)).isEqualTo(JANUARY_23_2019);
    assertThat(exercise.exercise()).contains(new Exercise(JANUARY_23_2019, JANUARY_23_2019));
    assertThat(real.now(WALL)).isEqualTo(WALL);
    assertThat(real.exercise()).isEmpty();
  }

  @Test
  void theCaseClockMovesForwardOnly() {
    Mission exercise = aMission().asExerciseFrom(JANUARY_23_2019);
    Instant threeDaysLater = JANUARY_23_2019.plusSeconds(72 * 3600);

    assertThat(exercise.advanceCaseClock(threeDaysLater)).isEqualTo(JANUARY_23_2019);
    assertThat(exercise.now(WALL)).isEqualTo(threeDaysLater);

    for (Instant notLater : new Instant[] {threeDaysLater, JANUARY_23_2019}) {
      ProblemException refused = catchThrowableOfType(ProblemException.class, () -> exercise.advanceCaseClock(notLater));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.properties()).containsEntry("caseNow", threeDaysLater).containsEntry("field", "advanceTo");
    }
    assertThat(exercise.now(WALL)).isEqualTo(threeDaysLater);
    assertThat(exercise.exercise().orElseThrow().startsAt()).isEqualTo(JANUARY_23_2019);
  }

  @Test
  void aRealMissionHasNoCaseClockToAdvance() {
    Mission real = aMission();
    ProblemException refused = catchThrowableOfType(ProblemException.class, () -> real.advanceCaseClock(WALL.plusSeconds(60)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.title()).isEqualTo("Not an exercise");
    assertThat(real.now(WALL)).isEqualTo(WALL);
  }

  private static Mission aMission() {
    return Mission.register(
        "CCS", MissionKind.EMBASSY, "Embassy of the United States in Caracas", "US", "VE", "Caracas", ZoneId.of("America/Caracas"), WALL);
  }
}
