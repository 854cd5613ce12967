package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.events.CaseClockAdvanced;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The crisis cell moves an exercise's case clock forward: everything that fell due in between
 * fires, once and in due order, each as of its due instant; then the new case time is announced so
 * that the other services apply it. A real mission has no case clock, and a case clock never goes
 * back.
 */
@Service
public class AdvancingCaseClock {

  private final MissionChanges changes;
  private final MissionRepository missions;
  private final ExpiringDeadlines expiring;
  private final Outbox outbox;
  private final Clock clock;

  AdvancingCaseClock(MissionChanges changes, MissionRepository missions, ExpiringDeadlines expiring, Outbox outbox, Clock clock) {
    this.changes = changes;
    this.missions = missions;
    this.expiring = expiring;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** @param fired the deadlines that fell due in between, in the order they fired */
  public record Advanced(Mission mission, Instant previousCaseNow, List<Deadline> fired) {}

  @Transactional
  public Advanced advance(UUID missionId, Instant advanceTo) {
    Caller caller = Callers.current();
    Mission mission = changes.lockForAction(caller, missionId, "advance the case clock");
    Instant previous = mission.advanceCaseClock(advanceTo);
    missions.update(mission);
    List<Deadline> fired = expiring.fireDueOfExercise(mission, advanceTo);
    Mission advanced = missions.lock(missionId).orElseThrow();
    outbox.append(
        advanced.officeCode(),
        new CaseClockAdvanced(missionId, advanced.officeCode(), advanced.exercise().orElseThrow().startsAt(), previous, advanceTo),
        advanceTo);
    Audit.changed(caller, "advance case clock", advanced.officeCode(), missionId);
    return new Advanced(advanced, previous, fired);
  }

  /** Where the mission's clock stands: its case clock for an exercise, the wall clock otherwise. */
  public Instant nowOf(Mission mission) {
    return mission.now(clock.instant());
  }
}
