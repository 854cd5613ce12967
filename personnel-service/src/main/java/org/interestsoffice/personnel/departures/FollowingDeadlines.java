package org.interestsoffice.personnel.departures;

import java.util.List;
import java.util.UUID;

import org.interestsoffice.personnel.events.DeadlineChanged;
import org.interestsoffice.personnel.events.DeadlineExpired;
import org.interestsoffice.personnel.events.StaffOverdue;
import org.interestsoffice.personnel.missions.DeadlineStatus;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffRepository;
import org.interestsoffice.personnel.staff.StaffStatus;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps departure orders on the deadline as it is now: extended, suspended or reissued, whatever its
 * kind (a rupture's, a final departure's, a reduction's or a personal one). Each order
 * that moves is published again ({@code DepartureOrdered} with the change), so that the person's
 * alerts and reminders follow the deadline. Versions, not arrival order, decide which change counts.
 */
@Service
class FollowingDeadlines {

  private static final Logger log = LoggerFactory.getLogger(FollowingDeadlines.class);

  private final KnownMissions missions;
  private final KnownDeadlines deadlines;
  private final StaffRepository staff;
  private final Outbox outbox;
  private final OrderingDepartures ordering;

  FollowingDeadlines(
      KnownMissions missions, KnownDeadlines deadlines, StaffRepository staff, Outbox outbox, OrderingDepartures ordering) {
    this.missions = missions;
    this.deadlines = deadlines;
    this.staff = staff;
    this.outbox = outbox;
    this.ordering = ordering;
  }

  void onDeadlineChanged(DeadlineChanged change, EventEnvelope envelope) {
    KnownMission mission = missions.require(change.missionId());
    UUID lineage =
        deadlines.record(
            mission.id(), change.deadlineId(), change.previousDeadlineId(), change.deadlineKind(), change.status(),
            change.dueAt(), change.deadlineVersion());
    KnownDeadline current = deadlines.current(lineage).orElseThrow();
    List<StaffMember> behind = staff.onLineageBelowVersionForUpdate(lineage, current.version());
    for (StaffMember member : behind) {
      StaffMember following = member.orderedOut(current.deadlineId(), current.kind(), current.version(), current.dueAt());
      // Overdue on a deadline that was extended or reissued: ordered out again, with time to leave.
      boolean stillOverdue = member.status() == StaffStatus.OVERDUE && !current.stillOpen();
      staff.updateStatus(stillOverdue ? following.overdue() : following);
      if (!stillOverdue) {
        ordering.announce(following, mission, current, change.change());
      }
    }
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("deadlineId", current.deadlineId())
        .addKeyValue("deadlineVersion", current.version())
        .addKeyValue("moved", behind.size())
        .log("{} departure orders follow deadline {} version {}", behind.size(), current.deadlineId(), current.version());
  }

  /** Everyone still ordered out on the expired deadline has not left in time. */
  void onDeadlineExpired(DeadlineExpired expiry, EventEnvelope envelope) {
    KnownMission mission = missions.require(expiry.missionId());
    deadlines.record(
        mission.id(), expiry.deadlineId(), null, expiry.deadlineKind(), DeadlineStatus.EXPIRED, expiry.dueAt(), expiry.deadlineVersion());
    List<StaffMember> late = staff.orderedOutOnForUpdate(expiry.deadlineId(), expiry.deadlineVersion());
    for (StaffMember member : late) {
      staff.updateStatus(member.overdue());
      StaffOverdue overdue = new StaffOverdue(member.id(), mission.id(), mission.officeCode(), expiry.deadlineId(), expiry.dueAt());
      if (mission.exercise()) {
        // On an exercise's case clock the overdue mark falls at the deadline's due instant, however far a jump went.
        outbox.append(member.officeCode(), overdue, expiry.dueAt());
      } else {
        outbox.append(member.officeCode(), overdue);
      }
    }
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("deadlineId", expiry.deadlineId())
        .addKeyValue("overdue", late.size())
        .log("{} staff overdue on deadline {}", late.size(), expiry.deadlineId());
  }
}
