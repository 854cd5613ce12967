package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineKind;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.RelationsSevered;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.missions.mission.RuptureInitiator;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relations are broken, by the host (an incoming note) or by our own state (an outgoing one): the
 * note is registered, the mission becomes {@code RELATIONS_SEVERED} and a {@code DEPARTURE}
 * deadline starts from the instant the note reached its addressee. A reduction still running is
 * superseded: everyone with privileges now leaves on the rupture's deadline.
 */
@Service
public class SeveringRelations {

  static final String LEGAL_BASIS = "Rupture of diplomatic relations; departure under VCDR art. 44-45";

  private final MissionChanges changes;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Clock clock;

  SeveringRelations(
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

  /** @param effectiveAt when relations were broken; the note's instant when not given */
  public record Rupture(
      String noteReference,
      Instant noteReceivedAt,
      Duration departureWindow,
      boolean consularPostsClosed,
      RuptureInitiator initiatedBy,
      Optional<Instant> effectiveAt) {}

  public record Outcome(Mission mission, Deadline departure) {}

  @Transactional
  public Outcome declare(UUID missionId, Rupture rupture) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "declare a rupture");
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    // The lifecycle is asked first: a command the status does not allow is a 409, whatever else is wrong.
    MissionStatus before = mission.severRelations(rupture.initiatedBy(), rupture.consularPostsClosed());
    RecordingNotes.requireNotInTheFuture("noteReceivedAt", rupture.noteReceivedAt(), now);
    Instant effectiveAt = changes.requireEffective(mission, "effectiveAt", rupture.effectiveAt().orElse(rupture.noteReceivedAt()), now);
    // The rupture's note is recorded with it: it is the first note of the crisis.
    notes.recordCited(
        missionId, mission.officeCode(), rupture.noteReference(), rupture.initiatedBy().noteDirection(), rupture.noteReceivedAt(),
        "Rupture of diplomatic relations", caller.username());
    List<UUID> superseded = new ArrayList<>();
    for (Deadline reduction : deadlines.lockOpen(missionId, DeadlineKind.REDUCTION)) {
      Deadline ended = reduction.superseded();
      deadlines.update(ended);
      history.record(ended, DeadlineChange.SUPERSEDED, rupture.noteReference(), caller.username(), now, effectiveAt);
      superseded.add(ended.id());
    }
    Deadline departure =
        Deadline.start(
            missionId, DeadlineKind.DEPARTURE, rupture.noteReference(), rupture.noteReceivedAt(), rupture.departureWindow());
    deadlines.add(departure);
    history.record(departure, DeadlineChange.STARTED, rupture.noteReference(), caller.username(), now, rupture.noteReceivedAt());
    changes.record(
        mission,
        new MissionChanges.Transition(before, LEGAL_BASIS, rupture.noteReference(), effectiveAt),
        caller,
        now,
        new RelationsSevered(
            missionId,
            mission.officeCode(),
            mission.name(),
            mission.receivingState(),
            mission.timeZone().getId(),
            rupture.noteReference(),
            rupture.noteReceivedAt(),
            rupture.consularPostsClosed(),
            departure.id(),
            departure.kind().name(),
            departure.version(),
            departure.duration(),
            departure.dueAt(),
            rupture.initiatedBy().name(),
            rupture.initiatedBy().noteDirection().name(),
            effectiveAt,
            List.copyOf(superseded)),
        "declare rupture");
    return new Outcome(mission, departure);
  }
}
