package org.interestsoffice.missions.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fires the deadlines that are due. Everything it knows is in the database: a deadline that fell
 * due while no instance ran is simply due at the next pass. For real missions the scheduler claims
 * rows by the injected clock with {@code FOR UPDATE SKIP LOCKED} and fires them in the transaction
 * that marks them {@code EXPIRED}, together with their events in the outbox, so each expiry happens
 * exactly once however many instances poll. An exercise's deadlines fire when its case clock is
 * advanced, one after the other in due order under the mission's lock, each at its due instant.
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
   * Fires up to {@code batchSize} due deadlines of real missions.
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

  /**
   * Fires, in due order, every deadline of the exercise that falls due by {@code upTo}, each as of
   * its due instant: a negotiation that runs out ceases the mission, and the final departure it
   * starts fires too if it falls due within the jump. Runs in the caller's transaction, which holds
   * the mission's lock, so nothing fires twice and nothing overtakes.
   *
   * @return the deadlines fired, in the order they fired
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Deadline> fireDueOfExercise(Mission exercise, Instant upTo) {
    List<Deadline> fired = new ArrayList<>();
    Optional<Deadline> next;
    while ((next = deadlines.lockEarliestDue(exercise.id(), upTo)).isPresent()) {
      Deadline deadline = next.get();
      // Read again each time: a cessation fired just before has changed the mission.
      Mission mission = missions.lock(exercise.id()).orElseThrow();
      fired.add(fireLocked(mission, deadline, deadline.dueAt()));
    }
    return fired;
  }

  private boolean fire(Deadline deadline, Instant now) {
    if (deadline.kind().ordersPeopleOut()) {
      Mission mission = missions.find(deadline.missionId()).orElseThrow();
      fireLocked(mission, deadline, now);
      return true;
    }
    // A user's transaction holding the mission (an agreement, say) may be waiting for this very
    // deadline: rather than wait for it, leave the deadline to the next pass.
    Optional<Mission> locked = missions.lockIfFree(deadline.missionId());
    if (locked.isEmpty()) {
      return false;
    }
    fireLocked(locked.get(), deadline, now);
    return true;
  }

  /** Expires the deadline as of {@code now}; a negotiation's expiry ceases the mission still negotiating. */
  private Deadline fireLocked(Mission mission, Deadline deadline, Instant now) {
    Deadline expired = deadline.expired();
    deadlines.update(expired);
    history.record(expired, DeadlineChange.EXPIRED, null, Caller.SYSTEM.username(), now, expired.dueAt());
    if (expired.kind().ordersPeopleOut()) {
      outbox.append(
          mission.officeCode(),
          new DeadlineExpired(mission.id(), mission.officeCode(), expired.id(), expired.kind().name(), expired.dueAt(), expired.version()),
          now);
    } else if (mission.status() == MissionStatus.NEGOTIATING) {
      ceasing.negotiationExpired(mission, expired, now);
    }
    return expired;
  }
}
