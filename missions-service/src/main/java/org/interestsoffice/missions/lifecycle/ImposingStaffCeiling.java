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
import org.interestsoffice.missions.deadlines.DeadlineKind;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.StaffCeilingImposed;
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
 * The host caps the mission's size without breaking relations (VCDR art. 11), as Cuba did on
 * 2 January 1961 (the US embassy down to 11 within 48 hours): the note is registered, a
 * {@code REDUCTION} deadline runs from its receipt, and the cap becomes the mission's ceiling of
 * remaining staff. Personnel orders out everyone with privileges not designated to stay.
 */
@Service
public class ImposingStaffCeiling {

  static final String LEGAL_BASIS = "Reduction of the mission's size required by the receiving state (VCDR art. 11)";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final KnownStaff staff;
  private final Clock clock;

  ImposingStaffCeiling(
      MissionChanges changes, DeadlineRepository deadlines, DeadlineHistory history, NoteRegister notes, KnownStaff staff, Clock clock) {
    this.changes = changes;
    this.deadlines = deadlines;
    this.history = history;
    this.notes = notes;
    this.staff = staff;
    this.clock = clock;
  }

  /** @param effectiveAt when the cap took effect; the note's instant when not given */
  public record Reduction(String noteReference, Instant noteReceivedAt, int ceiling, Duration window, Optional<Instant> effectiveAt) {}

  public record Outcome(Mission mission, Deadline reduction) {}

  @Transactional
  public Outcome impose(UUID missionId, Reduction reduction) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "impose a staff ceiling");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    MissionStatus before = mission.imposeStaffCeiling(reduction.ceiling());
    RecordingNotes.requireNotInTheFuture("noteReceivedAt", reduction.noteReceivedAt(), now);
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", reduction.effectiveAt().orElse(reduction.noteReceivedAt()), now);
    List<Deadline> running = deadlines.lockOpen(missionId, DeadlineKind.REDUCTION);
    if (!running.isEmpty()) {
      throw ProblemException.conflict(
              "Reduction already running",
              mission.name() + " is already being reduced by note " + running.get(0).noteReference()
                  + ": extend or reissue that deadline instead")
          .with("deadlineId", running.get(0).id());
    }
    int designated = staff.designatedIn(missionId);
    if (reduction.ceiling() < designated) {
      throw ProblemException.conflict(
              "Ceiling below the remaining staff",
              "A ceiling of " + reduction.ceiling() + " is below the " + designated + " people already designated to stay at "
                  + mission.name())
          .with("field", "ceiling")
          .with("ceiling", reduction.ceiling())
          .with("designated", designated);
    }
    notes.recordIncoming(
        missionId, mission.officeCode(), reduction.noteReference(), reduction.noteReceivedAt(),
        "Reduction of the mission to " + reduction.ceiling() + " staff", caller.username());
    Deadline deadline =
        Deadline.start(missionId, DeadlineKind.REDUCTION, reduction.noteReference(), reduction.noteReceivedAt(), reduction.window());
    deadlines.add(deadline);
    history.record(deadline, DeadlineChange.STARTED, reduction.noteReference(), caller.username(), now, reduction.noteReceivedAt());
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS, reduction.noteReference(), effectiveAt),
        caller,
        now,
        new StaffCeilingImposed(
            missionId, mission.officeCode(), reduction.noteReference(), reduction.noteReceivedAt(), effectiveAt, reduction.ceiling(),
            deadline.id(), deadline.kind().name(), deadline.version(), deadline.duration(), deadline.dueAt()),
        "impose staff ceiling");
    return new Outcome(mission, deadline);
  }
}
