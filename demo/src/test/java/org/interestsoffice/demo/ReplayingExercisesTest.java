package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.interestsoffice.demo.Exercise.Command;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the replay reads a mission's record to tell a step already taken (and so skip it, or refuse a later one). */
class ReplayingExercisesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A timeline as missions gives it, after the rupture and the talks of 2019 and the 72 hours' suspension. */
  private static final List<JsonNode> TIMELINE =
      LoadingDemoData.stream(JSON.readTree(
              """
              [
                {"type": "NOTE", "effectiveAt": "2019-01-23T20:00:00Z", "what": "INCOMING", "noteReference": "EX2019/MPPRE/2019-01-23",
                 "summary": "23 January 2019: Venezuela breaks relations"},
                {"type": "DEADLINE", "effectiveAt": "2019-01-23T20:00:00Z", "what": "STARTED", "deadlineKind": "DEPARTURE",
                 "dueAt": "2019-01-26T20:00:00Z", "noteReference": "EX2019/MPPRE/2019-01-23"},
                {"type": "TRANSITION", "effectiveAt": "2019-01-23T20:00:00Z", "fromStatus": "OPERATING", "toStatus": "RELATIONS_SEVERED",
                 "noteReference": "EX2019/MPPRE/2019-01-23"},
                {"type": "TRANSITION", "effectiveAt": "2019-01-26T19:00:00Z", "fromStatus": "RELATIONS_SEVERED", "toStatus": "NEGOTIATING",
                 "noteReference": "EX2019/MPPRE/2019-01-26"},
                {"type": "DEADLINE", "effectiveAt": "2019-01-26T19:59:00Z", "what": "SUSPENDED", "deadlineKind": "DEPARTURE",
                 "dueAt": "2019-01-26T20:00:00Z", "noteReference": "EX2019/MPPRE/2019-01-26"}
              ]
              """))
          .toList();

  private static boolean taken(Command command) {
    return ReplayingExercises.taken(command, TIMELINE, List.of());
  }

  @Test
  void theStepsTheTimelineShowsAreTakenTheOthersNot() {
    assertThat(taken(new Command.Rupture("EX2019/MPPRE/2019-01-23", Duration.ofHours(72), "RECEIVING_STATE", false))).isTrue();
    assertThat(taken(new Command.Negotiation("EX2019/MPPRE/2019-01-26", Duration.ofDays(30), 7))).isTrue();
    assertThat(taken(new Command.Suspension("EX2019/MPPRE/2019-01-26", "DEPARTURE"))).isTrue();
    assertThat(taken(new Command.Suspension("EX2019/MPPRE/2019-01-26", "NEGOTIATION"))).isFalse();
    assertThat(taken(new Command.Extension("EX2019/ASSUMED/2019-02-25", "NEGOTIATION", Instant.parse("2019-03-27T19:00:00Z")))).isFalse();
    assertThat(taken(new Command.Cessation("EX2019/MPPRE/2019-03-12", Duration.ofHours(72)))).isFalse();
    assertThat(taken(new Command.Closure("EX2019/MPPRE/2019-03-12"))).isFalse();
    assertThat(taken(new Command.StaffCeiling("x", 11, Duration.ofHours(48)))).isFalse();
    assertThat(taken(new Command.ProtectingPower("CH", "BOTH", Instant.parse("1961-01-04T15:00:00Z")))).isFalse();
    assertThat(taken(new Command.Restoration("x"))).isFalse();
  }

  @Test
  void departuresAreTakenWhenEveryoneOnTheStaffHasLeft() {
    List<JsonNode> staff = LoadingDemoData.stream(JSON.readTree("[{\"status\": \"DEPARTED\"}, {\"status\": \"REMAINING\"}]")).toList();
    assertThat(ReplayingExercises.taken(new Command.Departures(), TIMELINE, staff)).isFalse();
    assertThat(ReplayingExercises.taken(new Command.Departures(), TIMELINE, staff.subList(0, 1))).isTrue();
  }

  @Test
  void theTimelineIsPrintedOneLinePerEntryWithItsNote() {
    assertThat(ReplayingExercises.describe(TIMELINE.get(1)))
        .isEqualTo("2019-01-23T20:00:00Z deadline DEPARTURE STARTED, due 2019-01-26T20:00:00Z [EX2019/MPPRE/2019-01-23]");
    assertThat(ReplayingExercises.describe(TIMELINE.get(2)))
        .isEqualTo("2019-01-23T20:00:00Z OPERATING -> RELATIONS_SEVERED [EX2019/MPPRE/2019-01-23]");
    assertThat(ReplayingExercises.describe(TIMELINE.get(0))).contains("NOTE INCOMING [EX2019/MPPRE/2019-01-23] 23 January 2019");
  }

  @Test
  void aStepWhoseEarlierStepsAreNotTakenIsRefusedNamingTheFirstOfThem() {
    Exercise exercise = Histories.CASE_2019;
    List<Exercise.Action> caracas = exercise.actionsOf(Histories.US_CARACAS_2019.key());
    Exercise.Action cessation =
        caracas.stream().filter(a -> a.command() instanceof Command.Cessation).findFirst().orElseThrow();
    // The record above: rupture, talks and suspension taken; the extension not.
    assertThat(ReplayingExercises.firstNotTaken(caracas, cessation, ReplayingExercisesTest::taken))
        .hasValueSatisfying(first -> assertThat(exercise.stepOf(first).name()).isEqualTo("extension"));
    Exercise.Action extension =
        caracas.stream().filter(a -> a.command() instanceof Command.Extension).findFirst().orElseThrow();
    assertThat(ReplayingExercises.firstNotTaken(caracas, extension, ReplayingExercisesTest::taken)).isEmpty();
    // Nothing taken yet (registered only): the rupture comes first.
    assertThat(ReplayingExercises.firstNotTaken(caracas, extension, command -> command instanceof Command.Registration))
        .hasValueSatisfying(first -> assertThat(exercise.stepOf(first).name()).isEqualTo("rupture"));
  }
}
