package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineKind;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.RelationsSevered;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The host state breaks relations: the note is registered, the mission becomes
 * {@code RELATIONS_SEVERED} and a {@code DEPARTURE} deadline starts from the note's receipt.
 */
@Service
public class SeveringRelations {

  static final String LEGAL_BASIS = "Rupture of diplomatic relations; departure under VCDR art. 44-45";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Clock clock;

  SeveringRelations(
      MissionChanges changes,
      DeadlineRepository deadlines,
      DeadlineHistory history,
      NoteRegister notes,
      Clock clock) {
    this.changes = changes;
    this.deadlines = deadlines;
    this.history = history;
    this.notes = notes;
    this.clock = clock;
  }

  public record Rupture(String noteReference, Instant noteReceivedAt, Duration departureWindow, boolean consularPostsClosed) {}

  public record Outcome(Mission mission, Deadline departure) {}

  @Transactional
  public Outcome declare(UUID missionId, Rupture rupture) {
    Instant now = clock.instant();
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "declare a rupture");
    RecordingNotes.requireNotInTheFuture("noteReceivedAt", rupture.noteReceivedAt(), now);
    MissionStatus before = mission.severRelations(rupture.consularPostsClosed());
    // The rupture's note is recorded with it: it is the first note of the crisis.
    notes.recordIncoming(
        missionId, mission.officeCode(), rupture.noteReference(), rupture.noteReceivedAt(), "Rupture of diplomatic relations",
        caller.username());
    Deadline departure =
        Deadline.start(
            missionId, DeadlineKind.DEPARTURE, rupture.noteReference(), rupture.noteReceivedAt(), rupture.departureWindow());
    deadlines.add(departure);
    history.record(departure, DeadlineChange.STARTED, rupture.noteReference(), caller.username(), now);
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS, rupture.noteReference()),
        caller,
        now,
        new RelationsSevered(
            missionId,
            mission.officeCode(),
            mission.name(),
            mission.receivingState(),
            mission.timeZone().getId(),
            rupture.noteReference(),
            rupture.noteReceivedAt(),
            rupture.consularPostsClosed(),
            departure.id(),
            departure.kind().name(),
            departure.version(),
            departure.duration(),
            departure.dueAt()),
        "declare rupture");
    return new Outcome(mission, departure);
  }
}
