package org.interestsoffice.missions.deadlines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.events.DeadlineChanged;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.missions.notes.DiplomaticNote;
import org.interestsoffice.missions.notes.NoteRegister;
import org.interestsoffice.missions.notes.RecordingNotes;
import org.interestsoffice.missions.staff.KnownStaff;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deadlines are suspended, extended and reissued by notes, as the 72 hours of January 2019 were.
 * Each change is kept in the deadline's history and published as {@code DeadlineChanged} with the
 * next version of the lineage, so alerts follow it.
 */
@Service
public class ChangingDeadlines {

  private final MissionRepository missions;
  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final NoteRegister notes;
  private final Outbox outbox;
  private final KnownStaff staff;
  private final Clock clock;

  ChangingDeadlines(
      MissionRepository missions,
      DeadlineRepository deadlines,
      DeadlineHistory history,
      NoteRegister notes,
      Outbox outbox,
      KnownStaff staff,
      Clock clock) {
    this.missions = missions;
    this.deadlines = deadlines;
    this.history = history;
    this.notes = notes;
    this.outbox = outbox;
    this.staff = staff;
    this.clock = clock;
  }

  public record Reissue(String noteReference, Instant noteReceivedAt, Duration window) {}

  /**
   * A deadline change takes effect at the instant given, by default at the instant of the note
   * behind it; never in the future.
   */
  @Transactional
  public Deadline suspend(UUID missionId, UUID deadlineId, String noteReference, Optional<Instant> effectiveAt) {
    Changing changing = begin(missionId, deadlineId, "suspend a deadline", noteReference, effectiveAt);
    Deadline suspended = changing.deadline().suspend();
    deadlines.update(suspended);
    return changed(changing, suspended, DeadlineChange.SUSPENDED, noteReference);
  }

  @Transactional
  public Deadline extend(UUID missionId, UUID deadlineId, String noteReference, Instant newDueAt, Optional<Instant> effectiveAt) {
    Changing changing = begin(missionId, deadlineId, "extend a deadline", noteReference, effectiveAt);
    if (!newDueAt.isAfter(changing.now())) {
      throw ProblemException.invalid("Not an extension", "newDueAt " + newDueAt + " has already passed (now " + changing.now() + ")")
          .with("field", "newDueAt");
    }
    Deadline extended = changing.deadline().extend(newDueAt);
    deadlines.update(extended);
    return changed(changing, extended, DeadlineChange.EXTENDED, noteReference);
  }

  /** @return the new deadline; the old one is {@code SUPERSEDED} */
  @Transactional
  public Deadline reissue(UUID missionId, UUID deadlineId, Reissue reissue, Optional<Instant> effectiveAt) {
    Changing changing = begin(missionId, deadlineId, "reissue a deadline", reissue.noteReference(), effectiveAt);
    DiplomaticNote note = changing.note();
    RecordingNotes.requireNotInTheFuture("noteReceivedAt", reissue.noteReceivedAt(), changing.now());
    // The deadline runs from the note's receipt: the register and the request must agree on it.
    if (!note.at().equals(reissue.noteReceivedAt())) {
      throw ProblemException.invalid(
              "Note receipt does not match the register",
              "Note " + note.reference() + " is registered at " + note.at() + ", not " + reissue.noteReceivedAt())
          .with("field", "noteReceivedAt");
    }
    Deadline reissued = changing.deadline().reissue(reissue.noteReference(), reissue.noteReceivedAt(), reissue.window());
    Deadline superseded = changing.deadline().superseded();
    deadlines.update(superseded);
    deadlines.add(reissued);
    history.record(
        superseded, DeadlineChange.SUPERSEDED, reissue.noteReference(), changing.caller().username(), changing.now(),
        changing.effectiveAt());
    return changed(changing, reissued, DeadlineChange.REISSUED, reissue.noteReference());
  }

  /** The deadline as the API shows it, its time left read on the mission's clock (an exercise's case clock). */
  @Transactional(readOnly = true)
  public DeadlineView view(UUID missionId, Deadline deadline) {
    Mission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    return DeadlineView.of(deadline, mission.now(clock.instant()), List.of(), personOf(deadline).orElse(null));
  }

  /** The name of the person a personal deadline applies to. */
  private Optional<String> personOf(Deadline deadline) {
    return Optional.ofNullable(deadline.staffId())
        .flatMap(staffId -> staff.inMission(deadline.missionId(), staffId))
        .map(KnownStaff.Member::fullName);
  }

  /** The mission's deadlines with their histories, for a caller who may see the mission. */
  @Transactional(readOnly = true)
  public List<DeadlineView> ofMission(UUID missionId) {
    Mission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireVisible(Callers.current(), mission.officeCode(), "Mission", missionId);
    Instant now = mission.now(clock.instant());
    return deadlines.ofMission(missionId).stream()
        .map(d -> DeadlineView.of(d, now, history.of(d.id()), personOf(d).orElse(null)))
        .toList();
  }

  private record Changing(Caller caller, Instant now, Mission mission, Deadline deadline, DiplomaticNote note, Instant effectiveAt) {}

  private Changing begin(UUID missionId, UUID deadlineId, String action, String noteReference, Optional<Instant> effectiveAt) {
    Caller caller = Callers.current();
    // The mission is locked first, as in every change of a mission, so that the scheduler and
    // users take their locks in one order.
    Mission mission = missions.lock(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    // An exercise runs on its case clock, a real mission on the wall clock.
    Instant now = mission.now(clock.instant());
    OfficeAccess.requireAction(caller, action, mission.officeCode(), "Mission", missionId, Role.OFFICE_HEAD);
    Deadline deadline = deadlines.lock(missionId, deadlineId).orElseThrow(() -> ProblemException.notFound("Deadline", deadlineId));
    DiplomaticNote note = notes.require(mission.officeCode(), noteReference);
    Instant effective = effectiveAt.orElse(note.at());
    RecordingNotes.requireNotInTheFuture("effectiveAt", effective, now);
    return new Changing(caller, now, mission, deadline, note, effective);
  }

  private Deadline changed(Changing changing, Deadline deadline, DeadlineChange change, String noteReference) {
    history.record(deadline, change, noteReference, changing.caller().username(), changing.now(), changing.effectiveAt());
    outbox.append(
        changing.mission().officeCode(),
        new DeadlineChanged(
            deadline.missionId(),
            changing.mission().officeCode(),
            deadline.id(),
            change == DeadlineChange.REISSUED ? deadline.supersedes() : null,
            deadline.kind().name(),
            change.name(),
            deadline.status().name(),
            deadline.dueAt(),
            deadline.version(),
            noteReference),
        changing.now());
    Audit.changed(changing.caller(), change.name().toLowerCase() + " deadline", changing.mission().officeCode(), deadline.id());
    return deadline;
  }
}
