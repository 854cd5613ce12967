package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.PersonaNonGrataDeclared;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.missions.staff.KnownStaff;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The host declares one of the mission's people persona non grata (VCDR art. 9): the note is
 * registered and a {@code PERSONAL} deadline runs for that person from its receipt. Personnel
 * orders them and their family out on it. Only a person of this mission can be named: anyone else
 * is refused at once, without revealing whether they exist elsewhere.
 */
@Service
public class DeclaringPersonaNonGrata {

  static final String LEGAL_BASIS = "Declared persona non grata by the receiving state (VCDR art. 9)";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final KnownStaff staff;
  private final Clock clock;

  DeclaringPersonaNonGrata(
      MissionChanges changes, DeadlineRepository deadlines, DeadlineHistory history, NoteRegister notes, KnownStaff staff, Clock clock) {
    this.changes = changes;
    this.deadlines = deadlines;
    this.history = history;
    this.notes = notes;
    this.staff = staff;
    this.clock = clock;
  }

  /** @param effectiveAt when the declaration took effect; the note's instant when not given */
  public record Declaration(UUID staffId, String noteReference, Instant noteReceivedAt, Duration window, Optional<Instant> effectiveAt) {}

  public record Outcome(Mission mission, Deadline personal, String staffName) {}

  @Transactional
  public Outcome declare(UUID missionId, Declaration declaration) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "declare a persona non grata");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    // The lifecycle is asked first: a mission that has ceased has nobody left to declare.
    MissionStatus before = mission.declarePersonaNonGrata();
    KnownStaff.Member person =
        staff.inMission(missionId, declaration.staffId())
            .orElseThrow(
                () ->
                    new ProblemException(
                            404, "Staff member not found",
                            "Staff member " + declaration.staffId() + " is not on the staff of " + mission.name()
                                + " (someone registered a moment ago may take a few seconds to be known here)")
                        .with("field", "staffId"));
    if (person.departed()) {
      throw ProblemException.conflict("Already departed", person.fullName() + " has already left " + mission.name())
          .with("field", "staffId");
    }
    List<Deadline> open = deadlines.lockOpenPersonal(missionId, person.staffId());
    if (!open.isEmpty()) {
      throw ProblemException.conflict(
              "Already persona non grata",
              person.fullName() + " was already declared persona non grata by note " + open.get(0).noteReference()
                  + ": extend or reissue that deadline instead")
          .with("deadlineId", open.get(0).id());
    }
    RecordingNotes.requireNotInTheFuture("noteReceivedAt", declaration.noteReceivedAt(), now);
    Instant effectiveAt =
        changes.requireEffective(mission, "effectiveAt", declaration.effectiveAt().orElse(declaration.noteReceivedAt()), now);
    notes.recordIncoming(
        missionId, mission.officeCode(), declaration.noteReference(), declaration.noteReceivedAt(),
        person.fullName() + " declared persona non grata", caller.username());
    Deadline deadline =
        Deadline.startPersonal(missionId, person.staffId(), declaration.noteReference(), declaration.noteReceivedAt(), declaration.window());
    deadlines.add(deadline);
    history.record(deadline, DeadlineChange.STARTED, declaration.noteReference(), caller.username(), now, declaration.noteReceivedAt());
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS + ": " + person.fullName(), declaration.noteReference(), effectiveAt),
        caller,
        now,
        new PersonaNonGrataDeclared(
            missionId, mission.officeCode(), person.staffId(), person.fullName(), declaration.noteReference(), declaration.noteReceivedAt(),
            effectiveAt, deadline.id(), deadline.kind().name(), deadline.version(), deadline.duration(), deadline.dueAt()),
        "declare persona non grata");
    return new Outcome(mission, deadline, person.fullName());
  }
}
