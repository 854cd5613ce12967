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
import org.interestsoffice.missions.events.MissionCeased;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mission ceases its activities, declared by a note or because the negotiation ran out without
 * agreement; either way the remaining staff get a {@code FINAL_DEPARTURE} deadline of 72 hours.
 */
@Service
public class CeasingMissions {

  static final String DECLARED_BASIS = "Cessation of the mission's activities declared (VCDR art. 45)";
  static final String EXPIRED_BASIS = "Negotiation deadline expired without agreement (VCDR art. 45)";

  /** The time the remaining staff have to leave once the mission has ceased. */
  public static final Duration FINAL_DEPARTURE_WINDOW = Duration.ofHours(72);

  /** A cessation may be declared ahead of its effect, but not months ahead or behind. */
  private static final Duration EFFECTIVE_RANGE = Duration.ofDays(90);

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Clock clock;

  CeasingMissions(
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

  public record Cessation(String noteReference, Instant effectiveAt) {}

  public record Outcome(Mission mission, Deadline finalDeparture) {}

  @Transactional
  public Outcome declare(UUID missionId, Cessation cessation) {
    Instant now = clock.instant();
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "declare a cessation");
    if (Duration.between(now, cessation.effectiveAt()).abs().compareTo(EFFECTIVE_RANGE) > 0) {
      throw ProblemException.invalid(
              "Implausible effective date", "effectiveAt " + cessation.effectiveAt() + " is more than 90 days from now (" + now + ")")
          .with("field", "effectiveAt");
    }
    notes.require(mission.officeCode(), cessation.noteReference());
    MissionStatus before = mission.declareCessation();
    // The negotiation is over: its deadline must not fire and cease the mission a second time.
    for (Deadline open : deadlines.lockOpen(missionId, DeadlineKind.NEGOTIATION)) {
      Deadline superseded = open.superseded();
      deadlines.update(superseded);
      history.record(superseded, DeadlineChange.SUPERSEDED, cessation.noteReference(), caller.username(), now);
    }
    Deadline finalDeparture = startFinalDeparture(mission, cessation.noteReference(), cessation.effectiveAt(), caller, now);
    changes.record(
        mission,
        new MissionChanges.Transition(before, DECLARED_BASIS, cessation.noteReference()),
        caller,
        now,
        ceased(mission, "DECLARED", cessation.noteReference(), cessation.effectiveAt(), finalDeparture),
        "declare cessation");
    return new Outcome(mission, finalDeparture);
  }

  /**
   * The scheduler found the mission's negotiation deadline expired: the mission ceases as of the
   * instant it was due. Runs in the scheduler's transaction, with the mission and the deadline
   * locked by it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void negotiationExpired(Mission mission, Deadline expired) {
    Instant now = clock.instant();
    MissionStatus before = mission.ceaseOnExpiry();
    Deadline finalDeparture = startFinalDeparture(mission, null, expired.dueAt(), Caller.SYSTEM, now);
    changes.record(
        mission,
        new MissionChanges.Transition(before, EXPIRED_BASIS, expired.noteReference()),
        Caller.SYSTEM,
        now,
        ceased(mission, "NEGOTIATION_EXPIRED", null, expired.dueAt(), finalDeparture),
        "cease on negotiation expiry");
  }

  private Deadline startFinalDeparture(Mission mission, String noteReference, Instant from, Caller caller, Instant now) {
    Deadline finalDeparture = Deadline.start(mission.id(), DeadlineKind.FINAL_DEPARTURE, noteReference, from, FINAL_DEPARTURE_WINDOW);
    deadlines.add(finalDeparture);
    history.record(finalDeparture, DeadlineChange.STARTED, noteReference, caller.username(), now);
    return finalDeparture;
  }

  private static MissionCeased ceased(Mission mission, String reason, String noteReference, Instant effectiveAt, Deadline finalDeparture) {
    return new MissionCeased(
        mission.id(),
        mission.officeCode(),
        reason,
        noteReference,
        effectiveAt,
        finalDeparture.id(),
        finalDeparture.version(),
        finalDeparture.dueAt());
  }
}
