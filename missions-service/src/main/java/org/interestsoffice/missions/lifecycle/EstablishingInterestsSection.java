package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineKind;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.deadlines.DeadlineStatus;
import org.interestsoffice.missions.events.InterestsSectionEstablished;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.DiplomaticNote;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agreement before the negotiation ran out: the mission goes on as an interests section under a
 * protecting power, and the negotiation deadline is met, so it never fires.
 */
@Service
public class EstablishingInterestsSection {

  static final String LEGAL_BASIS = "Agreement on an interests section under a protecting power (VCDR art. 45-46)";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Clock clock;

  EstablishingInterestsSection(
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

  /** @param effectiveAt when the agreement took effect; the note's instant when not given */
  public record Agreement(
      String noteReference, String protectingState, int staffCeiling, List<String> services, Optional<Instant> effectiveAt) {}

  @Transactional
  public Mission agree(UUID missionId, Agreement agreement) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "record an agreement");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    // The lifecycle is asked first: a command the status does not allow is a 409, whatever else is wrong.
    MissionStatus before = mission.establishInterestsSection(agreement.protectingState(), agreement.staffCeiling(), agreement.services());
    DiplomaticNote note = notes.require(mission.officeCode(), agreement.noteReference());
    Mission.requireThirdState(agreement.protectingState(), mission.sendingState(), mission.receivingState());
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", agreement.effectiveAt().orElse(note.at()), now);
    // Waits for a scheduler that may hold the deadline; the scheduler never waits for the mission
    // this transaction holds, so the two cannot deadlock.
    List<Deadline> negotiations = deadlines.lockOpen(missionId, DeadlineKind.NEGOTIATION);
    // Past the due instant the negotiation has failed, whether or not the scheduler has fired yet:
    // the outcome depends on the time, never on how quickly the scheduler polls.
    for (Deadline open : negotiations) {
      if (open.status() == DeadlineStatus.RUNNING && !open.dueAt().isAfter(now)) {
        throw ProblemException.conflict(
                "Negotiation deadline passed", "The negotiation ran out at " + open.dueAt() + " without agreement")
            .with("currentStatus", before)
            .with("dueAt", open.dueAt());
      }
    }
    for (Deadline open : negotiations) {
      Deadline met = open.met();
      deadlines.update(met);
      history.record(met, DeadlineChange.MET, agreement.noteReference(), caller.username(), now, effectiveAt);
    }
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS, agreement.noteReference(), effectiveAt),
        caller,
        now,
        new InterestsSectionEstablished(
            missionId,
            mission.officeCode(),
            agreement.noteReference(),
            agreement.protectingState(),
            agreement.staffCeiling(),
            List.copyOf(agreement.services())),
        "establish interests section");
    return mission;
  }
}
