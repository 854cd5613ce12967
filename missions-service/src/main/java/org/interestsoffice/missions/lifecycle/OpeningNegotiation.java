package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineKind;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.NegotiationOpened;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The governments agree to negotiate an interests office: the mission becomes {@code NEGOTIATING},
 * a {@code NEGOTIATION} deadline runs from the agreement, and the remaining-staff ceiling is set.
 */
@Service
public class OpeningNegotiation {

  static final String LEGAL_BASIS = "Agreement to negotiate an interests section (VCDR art. 45-46)";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Clock clock;

  OpeningNegotiation(
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

  /** @param effectiveAt when the talks were agreed; {@code agreedAt} when not given */
  public record Negotiation(
      String noteReference, Instant agreedAt, Duration window, int remainingStaffCeiling, Optional<Instant> effectiveAt) {}

  public record Outcome(Mission mission, Deadline negotiation) {}

  @Transactional
  public Outcome open(UUID missionId, Negotiation negotiation) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "open a negotiation");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    // The lifecycle is asked first: a command the status does not allow is a 409, whatever else is wrong.
    MissionStatus before = mission.openNegotiation(negotiation.remainingStaffCeiling());
    RecordingNotes.requireNotInTheFuture("agreedAt", negotiation.agreedAt(), now);
    notes.require(mission.officeCode(), negotiation.noteReference());
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", negotiation.effectiveAt().orElse(negotiation.agreedAt()), now);
    Deadline deadline =
        Deadline.start(missionId, DeadlineKind.NEGOTIATION, negotiation.noteReference(), negotiation.agreedAt(), negotiation.window());
    deadlines.add(deadline);
    history.record(deadline, DeadlineChange.STARTED, negotiation.noteReference(), caller.username(), now, negotiation.agreedAt());
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS, negotiation.noteReference(), effectiveAt),
        caller,
        now,
        new NegotiationOpened(
            missionId,
            mission.officeCode(),
            negotiation.noteReference(),
            negotiation.agreedAt(),
            deadline.id(),
            deadline.version(),
            deadline.dueAt(),
            negotiation.remainingStaffCeiling()),
        "open negotiation");
    return new Outcome(mission, deadline);
  }
}
