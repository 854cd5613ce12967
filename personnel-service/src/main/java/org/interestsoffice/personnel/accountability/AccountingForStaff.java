package org.interestsoffice.personnel.accountability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.personnel.departures.KnownDeadline;
import org.interestsoffice.personnel.departures.KnownDeadlines;
import org.interestsoffice.personnel.missions.DeadlineKind;
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
  private final Acknowledgements acknowledgements;
  private final Clock clock;

  AccountingForStaff(
      KnownMissions missions, KnownDeadlines deadlines, StaffRepository staff, Acknowledgements acknowledgements, Clock clock) {
    this.missions = missions;
    this.deadlines = deadlines;
    this.staff = staff;
    this.acknowledgements = acknowledgements;
    this.clock = clock;
  }

  /**
   * @param orderedOutBy how many are ordered out or overdue, by kind of deadline (all kinds people
   *     are ordered out on, zero included)
   * @param deadline the departure deadline the mission's staff are ordered out on, as it is now
   * @param timeLeft until that deadline falls due: zero once passed, null while suspended or before any
   * @param unacknowledged ordered out (or overdue) without having acknowledged an alert of the
   *     deadline version they are ordered out on now
   * @param reductionDeadline the reduction's deadline, while one runs
   * @param now the instant the account was taken, for the time each person has left
   */
  record Accountability(
      UUID missionId,
      int total,
      Map<StaffStatus, Integer> byStatus,
      Map<DeadlineKind, Integer> orderedOutBy,
      List<StaffMember> overdue,
      List<StaffMember> unacknowledged,
      Optional<KnownDeadline> deadline,
      Duration timeLeft,
      Optional<KnownDeadline> negotiationDeadline,
      Optional<KnownDeadline> reductionDeadline,
      Instant now,
      boolean exercise) {}

  @Transactional(readOnly = true)
  Accountability of(UUID missionId) {
    Caller caller = Callers.current();
    KnownMission mission = missions.find(missionId).orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    if (!caller.belongsTo(mission.officeCode())) {
      Audit.refused(caller, "read accountability", mission.officeCode(), missionId, "other office");
      throw ProblemException.notFound("Mission", missionId);
    }
    List<StaffMember> members = staff.ofMissionByName(missionId);
    Map<StaffStatus, Integer> byStatus = new EnumMap<>(StaffStatus.class);
    for (StaffStatus status : StaffStatus.values()) {
      byStatus.put(status, 0);
    }
    members.forEach(member -> byStatus.merge(member.status(), 1, Integer::sum));
    Map<DeadlineKind, Integer> orderedOutBy = new EnumMap<>(DeadlineKind.class);
    for (DeadlineKind kind : DeadlineKind.values()) {
      if (kind.ordersPeopleOut()) {
        orderedOutBy.put(kind, 0);
      }
    }
    members.stream()
        .filter(member -> member.isUnderOrder() && member.departureDeadlineKind() != null)
        .forEach(member -> orderedOutBy.merge(member.departureDeadlineKind(), 1, Integer::sum));
    Optional<KnownDeadline> deadline = Optional.ofNullable(mission.departureLineageId()).flatMap(deadlines::current);
    // An exercise's time left is read on its case clock.
    Instant now = mission.now(clock.instant());
    Duration timeLeft =
        deadline.filter(d -> !d.suspended()).map(d -> timeLeft(now, d.dueAt())).orElse(null);
    Optional<KnownDeadline> negotiation =
        Optional.ofNullable(mission.negotiationDeadlineId()).flatMap(deadlines::find).flatMap(d -> deadlines.current(d.lineageId()));
    Optional<KnownDeadline> reduction = Optional.ofNullable(mission.reductionLineageId()).flatMap(deadlines::current);
    Set<UUID> unacknowledged = Set.copyOf(acknowledgements.unacknowledgedIn(missionId));
    return new Accountability(
        missionId,
        members.size(),
        byStatus,
        orderedOutBy,
        members.stream().filter(member -> member.status() == StaffStatus.OVERDUE).toList(),
        members.stream().filter(member -> unacknowledged.contains(member.id())).toList(),
        deadline,
        timeLeft,
        negotiation,
        reduction,
        now,
        mission.exercise());
  }

  /** Until the instant: zero once passed, null if there is none (a suspended deadline). */
  static Duration timeLeft(Instant now, Instant dueAt) {
    if (dueAt == null) {
      return null;
    }
    Duration left = Duration.between(now, dueAt);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
