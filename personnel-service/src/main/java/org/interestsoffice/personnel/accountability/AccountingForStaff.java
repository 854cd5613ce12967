package org.interestsoffice.personnel.accountability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.departures.KnownDeadline;
import org.interestsoffice.personnel.departures.KnownDeadlines;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffRepository;
import org.interestsoffice.personnel.staff.StaffStatus;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who of the mission's staff is where: the crisis cell's head count. */
@Service
class AccountingForStaff {

  private final KnownMissions missions;
  private final KnownDeadlines deadlines;
  private final StaffRepository staff;
  private final Clock clock;

  AccountingForStaff(KnownMissions missions, KnownDeadlines deadlines, StaffRepository staff, Clock clock) {
    this.missions = missions;
    this.deadlines = deadlines;
    this.staff = staff;
    this.clock = clock;
  }

  /**
   * @param deadline the departure deadline the mission's staff are ordered out on, as it is now
   * @param timeLeft until that deadline falls due: zero once passed, null while suspended or before any
   */
  record Accountability(
      UUID missionId,
      int total,
      Map<StaffStatus, Integer> byStatus,
      List<StaffMember> overdue,
      Optional<KnownDeadline> deadline,
      Duration timeLeft,
      Optional<KnownDeadline> negotiationDeadline) {}

  @Transactional(readOnly = true)
  Accountability of(UUID missionId) {
    Caller caller = Callers.current();
    KnownMission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    if (!caller.belongsTo(mission.officeCode())) {
      Audit.refused(caller, "read accountability", mission.officeCode(), missionId, "other office");
      throw ProblemException.notFound("Mission", missionId);
    }
    List<StaffMember> members = staff.search(missionId, null, Optional.empty());
    Map<StaffStatus, Integer> byStatus = new EnumMap<>(StaffStatus.class);
    for (StaffStatus status : StaffStatus.values()) {
      byStatus.put(status, 0);
    }
    members.forEach(member -> byStatus.merge(member.status(), 1, Integer::sum));
    Optional<KnownDeadline> deadline = Optional.ofNullable(mission.departureLineageId()).flatMap(deadlines::current);
    Instant now = clock.instant();
    Duration timeLeft =
        deadline
            .filter(d -> d.dueAt() != null && !"SUSPENDED".equals(d.status()))
            .map(d -> Duration.between(now, d.dueAt()))
            .map(left -> left.isNegative() ? Duration.ZERO : left)
            .orElse(null);
    Optional<KnownDeadline> negotiation =
        Optional.ofNullable(mission.negotiationDeadlineId()).flatMap(deadlines::find).flatMap(d -> deadlines.current(d.lineageId()));
    return new Accountability(
        missionId,
        members.size(),
        byStatus,
        members.stream().filter(member -> member.status() == StaffStatus.OVERDUE).toList(),
        deadline,
        timeLeft,
        negotiation);
  }
}
