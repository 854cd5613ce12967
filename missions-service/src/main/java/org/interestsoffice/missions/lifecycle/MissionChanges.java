package org.interestsoffice.missions.lifecycle;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Component;

/**
 * The first and the last step of every change to a mission's status: lock it and let only its
 * office's heads act; then save the new status with its transition (legal basis, note, actor),
 * announce it through the outbox and audit it — all in the caller's transaction.
 */
@Component
public class MissionChanges {

  private final MissionRepository missions;
  private final TransitionLog transitions;
  private final Outbox outbox;

  MissionChanges(MissionRepository missions, TransitionLog transitions, Outbox outbox) {
    this.missions = missions;
    this.transitions = transitions;
    this.outbox = outbox;
  }

  /**
   * Where the mission came from, on what legal basis, the note it rests on (may be null), and when
   * it took effect.
   */
  record Transition(MissionStatus before, String legalBasis, String noteReference, Instant effectiveAt) {}

  /** The mission, locked until the transaction ends; 404 for another office, 403 for a role that may not act. */
  Mission lockForAction(Caller caller, UUID missionId, String action) {
    Mission mission = missions.lock(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireAction(caller, action, mission.officeCode(), "Mission", missionId, Role.OFFICE_HEAD);
    return mission;
  }

  /**
   * When a command on the mission takes effect: not in the future (beyond the clock's tolerance),
   * and not before the mission's previous transition, so that its history reads in the order it
   * happened. Refused with a 400 naming the field otherwise.
   */
  public Instant requireEffective(Mission mission, String field, Instant effectiveAt, Instant now) {
    RecordingNotes.requireNotInTheFuture(field, effectiveAt, now);
    transitions.lastEffectiveAt(mission.id())
        .filter(previous -> effectiveAt.isBefore(previous))
        .ifPresent(previous -> {
          throw ProblemException.invalid(
                  "Before the previous transition",
                  field + " " + effectiveAt + " is earlier than the mission's previous transition, effective " + previous)
              .with("field", field)
              .with("previousEffectiveAt", previous);
        });
    return effectiveAt;
  }

  /** Saves the mission's new status, records the transition, publishes the event and audits it. */
  void record(Mission mission, Transition transition, Caller caller, Instant now, Object event, String action) {
    missions.update(mission);
    transitions.record(
        mission.id(), transition.before(), mission.status(), transition.legalBasis(), transition.noteReference(), caller.username(), now,
        transition.effectiveAt());
    outbox.append(mission.officeCode(), event, now);
    Audit.changed(caller, action, mission.officeCode(), mission.id());
  }
}
