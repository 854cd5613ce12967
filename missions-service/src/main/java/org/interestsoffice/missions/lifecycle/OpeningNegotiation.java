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
import org.interestsoffice.missions.events.NegotiationOpened;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
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
  private final MissionRepository missions;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final TransitionLog transitions;
  private final Outbox outbox;
  private final Clock clock;

  OpeningNegotiation(
      MissionChanges changes,
      MissionRepository missions,
      DeadlineRepository deadlines,
      DeadlineHistory history,
      NoteRegister notes,
      TransitionLog transitions,
      Outbox outbox,
      Clock clock) {
    this.changes = changes;
    this.missions = missions;
    this.deadlines = deadlines;
    this.history = history;
    this.notes = notes;
    this.transitions = transitions;
    this.outbox = outbox;
    this.clock = clock;
  }

  public record Negotiation(String noteReference, Instant agreedAt, Duration window, int remainingStaffCeiling) {}

  public record Outcome(Mission mission, Deadline negotiation) {}

  @Transactional
  public Outcome open(UUID missionId, Negotiation negotiation) {
    Instant now = clock.instant();
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "open a negotiation");
    RecordingNotes.requireNotInTheFuture("agreedAt", negotiation.agreedAt(), now);
    notes.require(mission.officeCode(), negotiation.noteReference());
    MissionStatus before = mission.openNegotiation(negotiation.remainingStaffCeiling());
    Deadline deadline =
        Deadline.start(missionId, DeadlineKind.NEGOTIATION, negotiation.noteReference(), negotiation.agreedAt(), negotiation.window());
    missions.update(mission);
    deadlines.add(deadline);
    history.record(deadline, DeadlineChange.STARTED, negotiation.noteReference(), caller.username(), now);
    transitions.record(missionId, before, mission.status(), LEGAL_BASIS, negotiation.noteReference(), caller.username(), now);
    outbox.append(
        mission.officeCode(),
        new NegotiationOpened(
            missionId,
            mission.officeCode(),
            negotiation.noteReference(),
            negotiation.agreedAt(),
            deadline.id(),
            deadline.version(),
            deadline.dueAt(),
            negotiation.remainingStaffCeiling()));
    Audit.changed(caller, "open negotiation", mission.officeCode(), missionId);
    return new Outcome(mission, deadline);
  }
}
