package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.interestsoffice.missions.deadlines.Deadline;
import org.interestsoffice.missions.deadlines.DeadlineChange;
import org.interestsoffice.missions.deadlines.DeadlineHistory;
import org.interestsoffice.missions.deadlines.DeadlineRepository;
import org.interestsoffice.missions.events.DeadlineExpired;
import org.interestsoffice.missions.mission.Mission;
import org.interestsoffice.missions.mission.MissionRepository;
import org.interestsoffice.missions.mission.MissionStatus;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fires the deadlines that are due by the injected clock. Everything it knows is in the database:
 * a deadline that fell due while no instance ran is simply due at the next pass. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED} and fired in the transaction that marks them {@code EXPIRED},
 * together with their events in the outbox, so each expiry happens exactly once however many
 * instances poll.
 */
@Service
public class ExpiringDeadlines {

  private final DeadlineRepository deadlines;
  private final DeadlineHistory history;
  private final MissionRepository missions;
  private final CeasingMissions ceasing;
  private final Outbox outbox;
  private final Clock clock;

  ExpiringDeadlines(
      DeadlineRepository deadlines,
      DeadlineHistory history,
      MissionRepository missions,
      CeasingMissions ceasing,
      Outbox outbox,
      Clock clock) {
    this.deadlines = deadlines;
    this.history = history;
    this.missions = missions;
    this.ceasing = ceasing;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Fires up to {@code batchSize} due deadlines.
   *
   * @return how many were fired
   */
  @Transactional
  public int fireDue(int batchSize) {
    Instant now = clock.instant();
    List<Deadline> due = deadlines.claimDue(now, batchSize);
    int fired = 0;
    for (Deadline deadline : due) {
      if (fire(deadline, now)) {
        fired++;
      }
    }
    return fired;
  }

  private boolean fire(Deadline deadline, Instant now) {
    if (deadline.kind().ordersPeopleOut()) {
      Mission mission = missions.find(deadline.missionId()).orElseThrow();
      Deadline expired = expire(deadline, now);
      outbox.append(
          mission.officeCode(),
          new DeadlineExpired(
              mission.id(), mission.officeCode(), expired.id(), expired.kind().name(), expired.dueAt(), expired.version()));
      return true;
    }
    // A user's transaction holding the mission (an agreement, say) may be waiting for this very
    // deadline: rather than wait for it, leave the deadline to the next pass.
    Optional<Mission> locked = missions.lockIfFree(deadline.missionId());
    if (locked.isEmpty()) {
      return false;
    }
    Mission mission = locked.get();
    Deadline expired = expire(deadline, now);
    if (mission.status() == MissionStatus.NEGOTIATING) {
      ceasing.negotiationExpired(mission, expired);
    }
    return true;
  }

  private Deadline expire(Deadline deadline, Instant now) {
    Deadline expired = deadline.expired();
    deadlines.update(expired);
    history.record(expired, DeadlineChange.EXPIRED, null, Caller.SYSTEM.username(), now, expired.dueAt());
    return expired;
  }
}
