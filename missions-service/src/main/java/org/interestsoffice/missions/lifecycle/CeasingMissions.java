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
import org.interestsoffice.missions.events.MissionCeased;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.DiplomaticNote;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mission ceases its activities, declared by a note (after talks, or straight after the rupture
 * when no talks take place) or because the negotiation ran out without agreement; either way the
 * remaining staff get a {@code FINAL_DEPARTURE} deadline (72 hours unless the note gives another
 * window), running from the instant the cessation took effect.
 */
@Service
public class CeasingMissions {

  static final String DECLARED_BASIS = "Cessation of the mission's activities declared (VCDR art. 45)";
  static final String EXPIRED_BASIS = "Negotiation deadline expired without agreement (VCDR art. 45)";

  /** The time the remaining staff have to leave once the mission has ceased, unless the note says otherwise. */
  public static final Duration FINAL_DEPARTURE_WINDOW = Duration.ofHours(72);

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

  /**
   * @param effectiveAt when the mission ceased; the note's instant when not given
   * @param finalDepartureWindow the remaining staff's time to leave; 72 hours when not given
   */
  public record Cessation(String noteReference, Optional<Instant> effectiveAt, Optional<Duration> finalDepartureWindow) {}

  public record Outcome(Mission mission, Deadline finalDeparture) {}

  @Transactional
  public Outcome declare(UUID missionId, Cessation cessation) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "declare a cessation");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    // The lifecycle is asked first: a command the status does not allow is a 409, whatever else is wrong.
    MissionStatus before = mission.declareCessation();
    DiplomaticNote note = notes.require(mission.officeCode(), cessation.noteReference());
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", cessation.effectiveAt().orElse(note.at()), now);
    Duration window = cessation.finalDepartureWindow().orElse(FINAL_DEPARTURE_WINDOW);
    // The negotiation is over: its deadline must not fire and cease the mission a second time.
    for (Deadline open : deadlines.lockOpen(missionId, DeadlineKind.NEGOTIATION)) {
      Deadline superseded = open.superseded();
      deadlines.update(superseded);
      history.record(superseded, DeadlineChange.SUPERSEDED, cessation.noteReference(), caller.username(), now, effectiveAt);
    }
    Deadline finalDeparture = startFinalDeparture(mission, cessation.noteReference(), effectiveAt, window, caller, now);
    changes.record(
        mission,
        new MissionChanges.Transition(before, DECLARED_BASIS, cessation.noteReference(), effectiveAt),
        caller,
        now,
        ceased(mission, "DECLARED", before, cessation.noteReference(), effectiveAt, finalDeparture),
        "declare cessation");
    return new Outcome(mission, finalDeparture);
  }

  /**
   * The scheduler found the mission's negotiation deadline expired: the mission ceases as of the
   * instant it was due. Runs in the scheduler's transaction, with the mission and the deadline
   * locked by it.
   *
   * @param now when it fired: the wall clock's instant, or for an exercise the due instant on its case clock
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void negotiationExpired(Mission mission, Deadline expired, Instant now) {
    MissionStatus before = mission.ceaseOnExpiry();
    Deadline finalDeparture = startFinalDeparture(mission, null, expired.dueAt(), FINAL_DEPARTURE_WINDOW, Caller.SYSTEM, now);
    changes.record(
        mission,
        new MissionChanges.Transition(before, EXPIRED_BASIS, expired.noteReference(), expired.dueAt()),
        Caller.SYSTEM,
        now,
        ceased(mission, "NEGOTIATION_EXPIRED", before, null, expired.dueAt(), finalDeparture),
        "cease on negotiation expiry");
  }

  private Deadline startFinalDeparture(
      Mission mission, String noteReference, Instant from, Duration window, Caller caller, Instant now) {
    Deadline finalDeparture = Deadline.start(mission.id(), DeadlineKind.FINAL_DEPARTURE, noteReference, from, window);
    deadlines.add(finalDeparture);
    history.record(finalDeparture, DeadlineChange.STARTED, noteReference, caller.username(), now, from);
    return finalDeparture;
  }

  private static MissionCeased ceased(
      Mission mission, String reason, MissionStatus from, String noteReference, Instant effectiveAt, Deadline finalDeparture) {
    return new MissionCeased(
        mission.id(),
        mission.officeCode(),
        reason,
        noteReference,
        effectiveAt,
        finalDeparture.id(),
        finalDeparture.version(),
        finalDeparture.dueAt(),
        from.name(),
        finalDeparture.duration());
  }
}
