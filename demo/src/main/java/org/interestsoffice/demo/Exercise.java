package org.interestsoffice.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A case of history replayed as an exercise: its missions, each registered with a case clock that
 * starts at {@code startsAt}, and its steps. A step is one day of the case: for each mission it
 * touches, the case clock is advanced to that instant, that day's notes are recorded, and one
 * command is given. Pure data: {@link ReplayingExercises} plays it through the public API.
 *
 * @param name what {@code bin/demo replay <name>} calls it
 */
record Exercise(String name, String title, List<Mission> missions, List<Step> steps) {

  /** How much of a step is the public record and how much the demo's assumption. */
  enum Basis {
    /** Day and hour as reported. */
    HISTORY,
    /** The day is history; the hour is assumed (the public record does not give it). */
    HOUR_ASSUMED,
    /** Not in the public record: the demo's assumption, said so in the note's summary. */
    ASSUMED
  }

  /**
   * An exercise mission.
   *
   * @param actor the demo user who acts for its office (the office head; the ministry administrator for an office without users)
   * @param officer the demo user who registers its staff (null: none registered)
   * @param rosterOf the demo mission whose diplomats are registered on this copy (null: none)
   * @param protectingState for an interests section, its protecting power (null otherwise)
   * @param staffCeiling for an interests section, its cap (null otherwise)
   */
  record Mission(
      String key, Office office, String kind, String name, String city, String timeZone, String sendingState, String receivingState,
      Instant startsAt, String actor, String officer, String rosterOf, String protectingState, Integer staffCeiling) {}

  /** The office a mission belongs to; created by the ministry administrator when missing. */
  record Office(String code, String capital, String sendingState, String receivingState, String timeZone) {}

  /** A diplomatic note (or communiqué) recorded in the office's register. */
  record Note(String reference, String direction, Instant at, String summary) {}

  /** One mission's part of a step: the case clock moves to {@code at}, the notes are recorded, the command given. */
  record Action(String missionKey, Instant at, List<Note> notes, Command command, Basis basis) {

    Note note(String reference) {
      return notes.stream()
          .filter(n -> n.reference().equals(reference))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("note " + reference + " is not among the step's notes"));
    }
  }

  /** @param date the day as docs/local-run.md and the output give it */
  record Step(String name, String date, String what, List<Action> actions) {}

  /**
   * A command of the public API. {@code noteReference} is a note of the same action or of an
   * earlier one of the same mission (a note may found several commands: the communiqué of 26
   * January 2019 opened the talks and suspended the 72 hours).
   */
  sealed interface Command {

    /** Registers an exercise mission (its first action). */
    record Registration() implements Command {}

    record Rupture(String noteReference, Duration departureWindow, String initiatedBy, boolean consularPostsClosed) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    record StaffCeiling(String noteReference, int ceiling, Duration window) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    /** Opens the negotiation and designates the remaining staff up to the ceiling (one more is refused). */
    record Negotiation(String noteReference, Duration window, int ceiling) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    record Suspension(String noteReference, String deadlineKind) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    record Extension(String noteReference, String deadlineKind, Instant newDueAt) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    record Cessation(String noteReference, Duration finalDepartureWindow) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    record ProtectingPower(String protectingState, String scope, Instant hostConsentAt) implements Command {}

    /** Everyone still on the mission's staff leaves at the action's instant. */
    record Departures() implements Command {}

    record Closure(String noteReference) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    record Restoration(String noteReference) implements Command {
      @Override
      public Optional<String> cites() {
        return Optional.of(noteReference);
      }
    }

    /** The note the command rests on, if it rests on one. */
    default Optional<String> cites() {
      return Optional.empty();
    }
  }

  Mission mission(String key) {
    return missions.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(key));
  }

  Optional<Step> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  List<String> stepNames() {
    return steps.stream().map(Step::name).toList();
  }

  /** The mission's actions in the order of the steps. */
  List<Action> actionsOf(String missionKey) {
    return steps.stream().flatMap(s -> s.actions().stream()).filter(a -> a.missionKey().equals(missionKey)).toList();
  }

  /** The step an action belongs to. */
  Step stepOf(Action action) {
    return steps.stream().filter(s -> s.actions().contains(action)).findFirst().orElseThrow();
  }

  /** Every note recorded for the mission up to and including this action. */
  List<Note> notesUpTo(Action action) {
    List<Action> actions = actionsOf(action.missionKey());
    return actions.subList(0, actions.indexOf(action) + 1).stream().flatMap(a -> a.notes().stream()).toList();
  }
}
