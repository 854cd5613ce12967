package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.interestsoffice.demo.Exercise.Action;
import org.interestsoffice.demo.Exercise.Command;
import org.interestsoffice.demo.Exercise.Mission;
import org.interestsoffice.demo.Exercise.Note;
import org.junit.jupiter.api.Test;

/**
 * The timeline tables of the two cases: the historical instants and windows, and that each step's
 * deadlines fall where the notes put them. The tables are also walked with the lifecycle's deadline
 * rules (a running deadline fires when the case clock reaches its due instant; suspended, met and
 * superseded ones do not): no step may find its deadline already fired, as the replay would.
 */
class HistoriesTest {

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  // ------------------------------------------------------------------------------ 2019

  @Test
  void theRuptureOf23January2019GivesSeventyTwoHours() {
    Action rupture = action(Histories.CASE_2019, "rupture", Histories.US_CARACAS_2019, Command.Rupture.class);
    Command.Rupture command = (Command.Rupture) rupture.command();
    assertThat(rupture.at()).isEqualTo(at("2019-01-23T20:00:00Z"));
    assertThat(rupture.note(command.noteReference()).direction()).isEqualTo("INCOMING");
    assertThat(command.initiatedBy()).isEqualTo("RECEIVING_STATE");
    assertThat(command.departureWindow()).isEqualTo(Duration.ofHours(72));
    Walk walk = walk(Histories.CASE_2019, Histories.US_CARACAS_2019, "rupture");
    assertThat(walk.deadlines.get("DEPARTURE").dueAt).isEqualTo(at("2019-01-26T20:00:00Z"));

    // Washington: Venezuela's own note, sent at the same instant.
    Action washington = action(Histories.CASE_2019, "rupture", Histories.VE_WASHINGTON_2019, Command.Rupture.class);
    Command.Rupture own = (Command.Rupture) washington.command();
    assertThat(own.initiatedBy()).isEqualTo("SENDING_STATE");
    assertThat(washington.note(own.noteReference()).direction()).isEqualTo("OUTGOING");
    assertThat(washington.at()).isEqualTo(rupture.at());
  }

  @Test
  void theTalksOf26JanuaryComeBeforeTheSeventyTwoHoursRunOutAndLastThirtyDaysWithACeilingOfSeven() {
    Action talks = action(Histories.CASE_2019, "negotiation", Histories.US_CARACAS_2019, Command.Negotiation.class);
    Command.Negotiation negotiation = (Command.Negotiation) talks.command();
    assertThat(talks.at()).isEqualTo(at("2019-01-26T19:00:00Z")).isBefore(at("2019-01-26T20:00:00Z"));
    assertThat(negotiation.window()).isEqualTo(Duration.ofDays(30));
    assertThat(negotiation.ceiling()).isEqualTo(7);
    Walk walk = walk(Histories.CASE_2019, Histories.US_CARACAS_2019, "negotiation");
    assertThat(walk.deadlines.get("NEGOTIATION").dueAt).isEqualTo(at("2019-02-25T19:00:00Z"));
    assertThat(walk.deadlines.get("DEPARTURE").status).isEqualTo("RUNNING");
  }

  @Test
  void theSeventyTwoHoursAreSuspendedInTheirLastMinuteOnTheCommuniqueOf26January() {
    Action suspension = action(Histories.CASE_2019, "suspension", Histories.US_CARACAS_2019, Command.Suspension.class);
    assertThat(suspension.at()).isEqualTo(at("2019-01-26T19:59:00Z"));
    assertThat(suspension.notes()).as("no note of its own: it rests on the communiqué of 26 January").isEmpty();
    assertThat(((Command.Suspension) suspension.command()).noteReference()).isEqualTo(Histories.NOTE_TALKS_2019);
    Walk walk = walk(Histories.CASE_2019, Histories.US_CARACAS_2019, "suspension");
    assertThat(walk.deadlines.get("DEPARTURE").status).isEqualTo("SUSPENDED");
    assertThat(walk.deadlines.get("DEPARTURE").dueAt).isEqualTo(at("2019-01-26T20:00:00Z"));
  }

  @Test
  void theAssumedExtensionComesBeforeTheThirtyDaysRunOutAndIsSaidToBeAssumed() {
    Action extension = action(Histories.CASE_2019, "extension", Histories.US_CARACAS_2019, Command.Extension.class);
    assertThat(extension.basis()).isEqualTo(Exercise.Basis.ASSUMED);
    assertThat(extension.notes()).singleElement().satisfies(note -> assertThat(note.summary()).startsWith("ASSUMED"));
    assertThat(extension.at()).isBefore(at("2019-02-25T19:00:00Z"));
    Walk walk = walk(Histories.CASE_2019, Histories.US_CARACAS_2019, "extension");
    assertThat(walk.deadlines.get("NEGOTIATION").dueAt).isEqualTo(at("2019-03-27T19:00:00Z")).isAfter(Histories.CESSATION_2019);
    assertThat(walk.deadlines.get("DEPARTURE").status).as("the 72 hours stay suspended while the talks go on").isEqualTo("SUSPENDED");
  }

  @Test
  void theCessationOf12MarchEndsTheTalksAndGivesSeventyTwoHoursInWhichTheStaffLeaveAndTheMissionCloses() {
    Action cessation = action(Histories.CASE_2019, "cessation", Histories.US_CARACAS_2019, Command.Cessation.class);
    assertThat(cessation.at()).isEqualTo(at("2019-03-12T16:00:00Z"));
    Walk walk = walk(Histories.CASE_2019, Histories.US_CARACAS_2019, "cessation");
    assertThat(walk.deadlines.get("NEGOTIATION").status).isEqualTo("SUPERSEDED");
    assertThat(walk.deadlines.get("FINAL_DEPARTURE").dueAt).isEqualTo(at("2019-03-15T16:00:00Z"));

    Action departure = action(Histories.CASE_2019, "departure", Histories.US_CARACAS_2019, Command.Departures.class);
    Action closure = action(Histories.CASE_2019, "closure", Histories.US_CARACAS_2019, Command.Closure.class);
    assertThat(departure.at()).isEqualTo(at("2019-03-14T16:00:00Z"));
    assertThat(closure.at()).isAfter(departure.at()).isBefore(at("2019-03-15T16:00:00Z"));
    Walk closed = walk(Histories.CASE_2019, Histories.US_CARACAS_2019, "closure");
    assertThat(closed.status).isEqualTo("CLOSED");
    assertThat(closed.deadlines.values()).allSatisfy(d -> assertThat(d.status).isIn("MET", "SUPERSEDED"));
  }

  @Test
  void bothSidesOf2019GoThroughTheSameStepsAndNoDeadlineFiresOnTheWay() {
    for (Mission mission : Histories.CASE_2019.missions()) {
      Walk walk = walk(Histories.CASE_2019, mission, null);
      assertThat(walk.fired).as(mission.name()).isEmpty();
      assertThat(walk.status).isEqualTo("CLOSED");
    }
    assertThat(Histories.CASE_2019.stepNames())
        .containsExactly("rupture", "negotiation", "suspension", "extension", "cessation", "departure", "closure");
  }

  // ------------------------------------------------------------------------------ Cuba

  @Test
  void theNoteOf2January1961DeliveredInTheNightReducesTheEmbassyToElevenIn48Hours() {
    Action reduction = action(Histories.CUBA_1961, "reduction", Histories.US_HAVANA_1961, Command.StaffCeiling.class);
    Command.StaffCeiling ceiling = (Command.StaffCeiling) reduction.command();
    assertThat(ceiling.ceiling()).isEqualTo(11);
    assertThat(ceiling.window()).isEqualTo(Duration.ofHours(48));
    // In the night of 2 to 3 January in Havana (UTC-5).
    assertThat(reduction.at()).isEqualTo(at("1961-01-03T06:20:00Z"));
    assertThat(reduction.note(ceiling.noteReference()).direction()).isEqualTo("INCOMING");
    Walk walk = walk(Histories.CUBA_1961, Histories.US_HAVANA_1961, "reduction");
    assertThat(walk.deadlines.get("REDUCTION").dueAt).isEqualTo(at("1961-01-05T06:20:00Z"));
  }

  @Test
  void theUnitedStatesBreaksOn3JanuaryByItsOwnNoteAndTheReductionIsSuperseded() {
    Action rupture = action(Histories.CUBA_1961, "rupture", Histories.US_HAVANA_1961, Command.Rupture.class);
    Command.Rupture command = (Command.Rupture) rupture.command();
    assertThat(command.initiatedBy()).isEqualTo("SENDING_STATE");
    assertThat(rupture.note(command.noteReference()).direction()).isEqualTo("OUTGOING");
    assertThat(rupture.at()).isBetween(at("1961-01-03T05:00:00Z"), at("1961-01-04T05:00:00Z")); // 3 January in Havana
    Walk walk = walk(Histories.CUBA_1961, Histories.US_HAVANA_1961, "rupture");
    assertThat(walk.deadlines.get("REDUCTION").status).isEqualTo("SUPERSEDED");
    assertThat(walk.deadlines.get("DEPARTURE").dueAt).isEqualTo(rupture.at().plus(Duration.ofHours(48)));
  }

  @Test
  void switzerlandProtectsWithConsentThenTheEmbassyCeasesWithoutTalksAndClosesBeforeAnyDeadlineRunsOut() {
    Action protection = action(Histories.CUBA_1961, "protection", Histories.US_HAVANA_1961, Command.ProtectingPower.class);
    Command.ProtectingPower power = (Command.ProtectingPower) protection.command();
    assertThat(power.protectingState()).isEqualTo("CH");
    assertThat(power.hostConsentAt()).isNotNull().isBeforeOrEqualTo(protection.at());
    Walk walk = walk(Histories.CUBA_1961, Histories.US_HAVANA_1961, null);
    assertThat(walk.fired).isEmpty();
    assertThat(walk.status).isEqualTo("CLOSED");
    assertThat(walk.transitions).containsExactly("RELATIONS_SEVERED", "CEASED", "CLOSED");
    assertThat(walk.deadlines.keySet()).doesNotContain("NEGOTIATION");
  }

  @Test
  void theInterestsSectionOf1977IsAnExerciseOfItsOwnUnderSwissProtectionRestoredIn2015() {
    Mission section = Histories.US_SECTION_HAVANA_1977;
    assertThat(section.kind()).isEqualTo("INTERESTS_SECTION");
    assertThat(section.protectingState()).isEqualTo("CH");
    assertThat(section.staffCeiling()).isEqualTo(10);
    assertThat(section.startsAt()).isEqualTo(at("1977-09-01T13:00:00Z"));
    Action restoration = action(Histories.CUBA_1961, "restoration", section, Command.Restoration.class);
    // Midnight of 20 July 2015 in Washington and Havana (UTC-4 in summer).
    assertThat(restoration.at()).isEqualTo(at("2015-07-20T04:00:00Z"));
    assertThat(restoration.notes()).singleElement().satisfies(note -> assertThat(note.at()).isEqualTo(at("2015-07-01T15:00:00Z")));
    assertThat(walk(Histories.CUBA_1961, section, null).transitions).containsExactly("OPERATING");
  }

  // ------------------------------------------------------------------------------ every case

  @Test
  void everyStepIsInOrderCitesANoteAlreadyRecordedAndRecordsNoNoteFromItsFuture() {
    for (Exercise exercise : Histories.ALL) {
      for (Mission mission : exercise.missions()) {
        List<Action> actions = exercise.actionsOf(mission.key());
        assertThat(actions.get(0).command()).as("a mission starts with its registration").isInstanceOf(Command.Registration.class);
        assertThat(actions.get(0).at()).isEqualTo(mission.startsAt());
        Instant previous = mission.startsAt();
        for (Action action : actions) {
          assertThat(action.at()).as(exercise.stepOf(action).name() + " of " + mission.name()).isAfterOrEqualTo(previous);
          previous = action.at();
          assertThat(action.notes()).allSatisfy(note -> assertThat(note.at()).isBeforeOrEqualTo(action.at()));
          assertThat(action.notes()).allSatisfy(note -> assertThat(note.summary()).isNotBlank().hasSizeLessThanOrEqualTo(2000));
          action.command().cites().ifPresent(reference ->
              assertThat(exercise.notesUpTo(action).stream().map(Note::reference)).as(exercise.stepOf(action).name()).contains(reference));
        }
      }
    }
  }

  @Test
  void aReferenceStandsForOneNoteInEachOfficesRegister() {
    Map<String, Note> byOfficeAndReference = new HashMap<>();
    for (Exercise exercise : Histories.ALL) {
      for (Exercise.Step step : exercise.steps()) {
        for (Action action : step.actions()) {
          String office = exercise.mission(action.missionKey()).office().code();
          for (Note note : action.notes()) {
            Note earlier = byOfficeAndReference.putIfAbsent(office + " " + note.reference(), note);
            assertThat(earlier).as(office + " " + note.reference()).isNull();
            assertThat(note.reference()).hasSizeLessThanOrEqualTo(100);
          }
        }
      }
    }
    // The demo's own notes (the live replay of old) must not meet the exercises' in the register.
    assertThat(byOfficeAndReference.keySet()).allSatisfy(key -> assertThat(key).contains(" EX"));
  }

  @Test
  void theOnlyAssumedEntryWithANoteOfItsOwnSaysSo() {
    for (Exercise exercise : Histories.ALL) {
      for (Exercise.Step step : exercise.steps()) {
        for (Action action : step.actions()) {
          for (Note note : action.notes()) {
            if (note.reference().contains("ASSUMED")) {
              assertThat(note.summary()).startsWith("ASSUMED");
              assertThat(action.basis()).isEqualTo(Exercise.Basis.ASSUMED);
            } else {
              assertThat(note.summary()).doesNotStartWith("ASSUMED");
            }
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------------------ the walk

  private static Action action(Exercise exercise, String step, Mission mission, Class<? extends Command> kind) {
    Action action =
        exercise.step(step).orElseThrow().actions().stream()
            .filter(a -> a.missionKey().equals(mission.key()) && kind.isInstance(a.command()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " of " + mission.name() + " in step " + step));
    return action;
  }

  private static final class Deadline {
    Instant dueAt;
    String status = "RUNNING";

    Deadline(Instant dueAt) {
      this.dueAt = dueAt;
    }
  }

  /** Where a mission stands after its actions up to a step, by the lifecycle's rules. */
  private static final class Walk {
    String status;
    final Map<String, Deadline> deadlines = new LinkedHashMap<>();
    final List<String> fired = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();
    Instant caseNow;
  }

  /** Walks the mission's actions up to and including step {@code upTo} (all when null). */
  private static Walk walk(Exercise exercise, Mission mission, String upTo) {
    Walk walk = new Walk();
    walk.status = mission.kind().equals("INTERESTS_SECTION") ? "INTERESTS_SECTION" : "OPERATING";
    walk.caseNow = mission.startsAt();
    List<Action> actions = exercise.actionsOf(mission.key());
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      // The case clock advances: every running deadline due by then fires.
      if (action.at().isAfter(walk.caseNow)) {
        walk.deadlines.forEach((kind, d) -> {
          if (d.status.equals("RUNNING") && !d.dueAt.isAfter(action.at())) {
            d.status = "EXPIRED";
            walk.fired.add(kind + " due " + d.dueAt + " before " + exercise.stepOf(action).name());
          }
        });
        walk.caseNow = action.at();
      }
      Command command = action.command();
      if (command instanceof Command.Rupture rupture) {
        supersede(walk, "REDUCTION");
        walk.deadlines.put("DEPARTURE", new Deadline(noteAt(exercise, action, rupture.noteReference()).plus(rupture.departureWindow())));
        transition(walk, "RELATIONS_SEVERED");
      } else if (command instanceof Command.StaffCeiling ceiling) {
        walk.deadlines.put("REDUCTION", new Deadline(noteAt(exercise, action, ceiling.noteReference()).plus(ceiling.window())));
      } else if (command instanceof Command.Negotiation negotiation) {
        walk.deadlines.put("NEGOTIATION", new Deadline(noteAt(exercise, action, negotiation.noteReference()).plus(negotiation.window())));
        transition(walk, "NEGOTIATING");
      } else if (command instanceof Command.Suspension suspension) {
        Deadline d = walk.deadlines.get(suspension.deadlineKind());
        assertThat(d.status).as("suspends a running deadline").isEqualTo("RUNNING");
        d.status = "SUSPENDED";
      } else if (command instanceof Command.Extension extension) {
        Deadline d = walk.deadlines.get(extension.deadlineKind());
        assertThat(d.status).isIn("RUNNING", "SUSPENDED");
        assertThat(extension.newDueAt()).isAfter(d.dueAt).isAfter(action.at());
        d.dueAt = extension.newDueAt();
        d.status = "RUNNING";
      } else if (command instanceof Command.Cessation cessation) {
        assertThat(walk.status).isIn("RELATIONS_SEVERED", "NEGOTIATING");
        supersede(walk, "NEGOTIATION");
        walk.deadlines.put("FINAL_DEPARTURE", new Deadline(action.at().plus(cessation.finalDepartureWindow())));
        transition(walk, "CEASED");
      } else if (command instanceof Command.ProtectingPower) {
        assertThat(walk.status).isEqualTo("RELATIONS_SEVERED");
      } else if (command instanceof Command.Closure) {
        assertThat(walk.status).isEqualTo("CEASED");
        walk.deadlines.forEach((kind, d) -> {
          if (d.status.equals("RUNNING") || d.status.equals("SUSPENDED")) {
            d.status = kind.equals("NEGOTIATION") ? "SUPERSEDED" : "MET";
          }
        });
        transition(walk, "CLOSED");
      } else if (command instanceof Command.Restoration) {
        assertThat(walk.status).isEqualTo("INTERESTS_SECTION");
        transition(walk, "OPERATING");
      }
      boolean lastOfItsStep = i + 1 == actions.size() || exercise.stepOf(actions.get(i + 1)) != exercise.stepOf(action);
      if (lastOfItsStep && exercise.stepOf(action).name().equals(upTo)) {
        break;
      }
    }
    return walk;
  }

  private static void supersede(Walk walk, String kind) {
    Deadline d = walk.deadlines.get(kind);
    if (d != null && (d.status.equals("RUNNING") || d.status.equals("SUSPENDED"))) {
      d.status = "SUPERSEDED";
    }
  }

  private static void transition(Walk walk, String to) {
    walk.status = to;
    walk.transitions.add(to);
  }

  private static Instant noteAt(Exercise exercise, Action action, String reference) {
    return exercise.notesUpTo(action).stream().filter(n -> n.reference().equals(reference)).findFirst().orElseThrow().at();
  }
}
