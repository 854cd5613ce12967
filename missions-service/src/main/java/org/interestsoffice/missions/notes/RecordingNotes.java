package org.interestsoffice.missions.notes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Notes received from or sent to the host state, recorded before a transition or a deadline change cites them. */
@Service
public class RecordingNotes {

  /** A note is rarely logged ahead of time; one further in the future is a typing error. */
  public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

  private final MissionRepository missions;
  private final NoteRegister notes;
  private final Clock clock;

  RecordingNotes(MissionRepository missions, NoteRegister notes, Clock clock) {
    this.missions = missions;
    this.notes = notes;
    this.clock = clock;
  }

  public record NewNote(String reference, NoteDirection direction, Instant at, String summary) {}

  @Transactional
  public DiplomaticNote record(UUID missionId, NewNote request) {
    Caller caller = Callers.current();
    Mission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireAction(caller, "record a note", mission.officeCode(), "Mission", missionId, Role.OFFICE_HEAD);
    requireNotInTheFuture("at", request.at(), mission.now(clock.instant()));
    DiplomaticNote note =
        notes.record(
            missionId,
            new DiplomaticNote(UUID.randomUUID(), mission.officeCode(), request.reference(), request.direction(), request.at(), request.summary()),
            caller.username());
    Audit.changed(caller, "record note", mission.officeCode(), missionId);
    return note;
  }

  @Transactional(readOnly = true)
  public List<DiplomaticNote> ofMission(UUID missionId) {
    Mission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    OfficeAccess.requireVisible(Callers.current(), mission.officeCode(), "Mission", missionId);
    return notes.ofMission(missionId);
  }

  /** Refuses an instant later than now beyond the clock's tolerance. */
  public static void requireNotInTheFuture(String field, Instant at, Instant now) {
    if (at.isAfter(now.plus(CLOCK_TOLERANCE))) {
      throw ProblemException.invalid("Note received in the future", field + " " + at + " is later than now (" + now + ")")
          .with("field", field);
    }
  }
}
