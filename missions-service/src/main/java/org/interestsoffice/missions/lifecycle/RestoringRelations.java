package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.events.RelationsRestored;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.notes.DiplomaticNote;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.protection.Mandate;
import org.interestsoffice.missions.protection.ManagingProtectingPower;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relations are restored (Havana, 20 July 2015): the interests section becomes an embassy again,
 * {@code OPERATING}, no longer capped, and the protecting power's mandate ends with it.
 */
@Service
public class RestoringRelations {

  static final String LEGAL_BASIS = "Diplomatic relations restored; the interests section becomes an embassy (VCDR art. 2)";

  private final MissionChanges changes;
  private final NoteRegister notes;
  private final ManagingProtectingPower protection;
  private final Clock clock;

  RestoringRelations(MissionChanges changes, NoteRegister notes, ManagingProtectingPower protection, Clock clock) {
    this.changes = changes;
    this.notes = notes;
    this.protection = protection;
    this.clock = clock;
  }

  /** @param effectiveAt when relations were restored; the note's instant when not given */
  public record Restoration(String noteReference, Optional<Instant> effectiveAt) {}

  @Transactional
  public Mission restore(UUID missionId, Restoration restoration) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "restore relations");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    MissionStatus before = mission.restoreRelations();
    DiplomaticNote note = notes.require(mission.officeCode(), restoration.noteReference());
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", restoration.effectiveAt().orElse(note.at()), now);
    Optional<Mandate> ended = protection.endOnRestoration(mission, restoration.noteReference(), effectiveAt, caller, now);
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS, restoration.noteReference(), effectiveAt),
        caller,
        now,
        new RelationsRestored(missionId, mission.officeCode(), restoration.noteReference(), effectiveAt, ended.map(Mandate::id).orElse(null)),
        "restore relations");
    return mission;
  }
}
