package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineKind;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.MissionClosed;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionKind;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The last step: a ceased mission is closed once all its staff are gone, or a consular post is
 * closed on its own. Departure deadlines still open are met (nobody is left to be overdue), and a
 * negotiation still open is superseded.
 */
@Service
public class ClosingMissions {

  static final String CEASED_BASIS = "All staff departed; premises and archives in the custody of the protecting power (VCDR art. 45)";
  static final String CONSULAR_BASIS = "Consular post closed (VCCR art. 2(3), 27)";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Clock clock;

  ClosingMissions(
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

  /** @param effectiveAt when the mission closed */
  public record Closure(String noteReference, Instant effectiveAt) {}

  @Transactional
  public Mission close(UUID missionId, Closure closure) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "close a mission");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    // The lifecycle is asked first: a command the status does not allow is a 409, whatever else is wrong.
    MissionStatus before = mission.close();
    notes.require(mission.officeCode(), closure.noteReference());
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", closure.effectiveAt(), now);
    for (DeadlineKind kind : DeadlineKind.values()) {
      for (Deadline open : deadlines.lockOpen(missionId, kind)) {
        boolean negotiation = kind == DeadlineKind.NEGOTIATION;
        Deadline ended = negotiation ? open.superseded() : open.met();
        deadlines.update(ended);
        history.record(
            ended, negotiation ? DeadlineChange.SUPERSEDED : DeadlineChange.MET, closure.noteReference(), caller.username(), now,
            effectiveAt);
      }
    }
    String basis = before == MissionStatus.CEASED || mission.kind() != MissionKind.CONSULATE ? CEASED_BASIS : CONSULAR_BASIS;
    changes.record(
        mission,
        new MissionChanges.Transition(before, basis, closure.noteReference(), effectiveAt),
        caller,
        now,
        new MissionClosed(missionId, mission.officeCode(), mission.kind().name(), closure.noteReference(), effectiveAt),
        "close mission");
    return mission;
  }
}
