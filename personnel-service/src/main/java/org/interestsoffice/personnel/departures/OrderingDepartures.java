package org.interestsoffice.personnel.departures;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.events.DepartureOrdered;
import org.interestsoffice.personnel.events.MissionCeased;
import org.interestsoffice.personnel.events.NegotiationOpened;
import org.interestsoffice.personnel.events.PersonaNonGrataDeclared;
import org.interestsoffice.personnel.events.RelationsSevered;
import org.interestsoffice.personnel.events.RemainingStaffWithdrawn;
import org.interestsoffice.personnel.events.StaffCeilingImposed;
import org.interestsoffice.personnel.events.StaffOverdue;
import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.DeadlineStatus;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.personnel.staff.OrdersForNewcomers;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffRepository;
import org.interestsoffice.personnel.staff.StaffStatus;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns the mission's events into departure orders: a rupture or a reduction for everyone it sends
 * home, a persona non grata for one person and their family, a cessation for the remaining staff,
 * and a registration for whoever joins while an order runs. {@link WhoLeaves} decides who; this
 * records it and says so.
 *
 * <p>Every decision here takes the mission's {@code known_mission} row lock first ({@link
 * KnownMissions#require}, {@code select ... for update}), then the staff rows: the event handlers in
 * the consumer's transaction, and a registration in its own. So a person registered while a rupture
 * is being handled is either seen by the handler (registered first) or sees the rupture (registered
 * after), never neither.
 */
@Service
public class OrderingDepartures implements OrdersForNewcomers {

  private static final Logger log = LoggerFactory.getLogger(OrderingDepartures.class);

  private final KnownMissions missions;
  private final KnownDeadlines deadlines;
  private final StaffRepository staff;
  private final Outbox outbox;
  private final Clock clock;

  OrderingDepartures(KnownMissions missions, KnownDeadlines deadlines, StaffRepository staff, Outbox outbox, Clock clock) {
    this.missions = missions;
    this.deadlines = deadlines;
    this.staff = staff;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Relations are broken: everyone with privileges leaves by the rupture's deadline. A reduction it
   * supersedes ends: its ceiling is lifted, and those designated under it or ordered out on it leave
   * by the rupture's deadline too. Personal orders stay as they are.
   */
  public void onRelationsSevered(RelationsSevered rupture, EventEnvelope envelope) {
    KnownMission mission = missions.require(rupture.missionId());
    UUID lineage =
        deadlines.record(
            mission.id(),
            rupture.deadlineId(),
            null,
            Objects.requireNonNullElse(rupture.deadlineKind(), DeadlineKind.DEPARTURE),
            DeadlineStatus.RUNNING,
            rupture.dueAt(),
            rupture.deadlineVersion());
    missions.recordDepartureLineage(mission.id(), lineage);
    boolean supersedesReduction = mission.reductionLineageId() != null || !rupture.supersededDeadlineIds().isEmpty();
    if (supersedesReduction) {
      rupture.supersededDeadlineIds().forEach(deadlines::supersede);
      Optional.ofNullable(mission.reductionLineageId()).flatMap(deadlines::current).map(KnownDeadline::deadlineId).ifPresent(deadlines::supersede);
      missions.liftReduction(mission.id());
    }
    // A change of the deadline may have overtaken the rupture: order people out on the newest version.
    KnownDeadline deadline = deadlines.current(lineage).orElseThrow();
    List<StaffMember> members = staff.ofMissionForUpdate(mission.id());
    List<StaffMember> leaving = WhoLeaves.onRupture(members, mission.receivingState(), supersedesReduction);
    leaving.forEach(member -> orderOutWithdrawingDesignation(member, mission, deadline));
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("ordered", leaving.size())
        .addKeyValue("staff", members.size())
        .addKeyValue("supersedesReduction", supersedesReduction)
        .log("Departure ordered for {} of {} staff after the rupture", leaving.size(), members.size());
  }

  /**
   * The host caps the mission (VCDR art. 11): the cap becomes the remaining-staff ceiling, and
   * everyone with privileges who is accredited leaves by the reduction's deadline unless the office
   * head designates them to stay, up to the cap.
   */
  public void onStaffCeilingImposed(StaffCeilingImposed reduction, EventEnvelope envelope) {
    KnownMission mission = missions.require(reduction.missionId());
    UUID lineage =
        deadlines.record(
            mission.id(),
            reduction.deadlineId(),
            null,
            Objects.requireNonNullElse(reduction.deadlineKind(), DeadlineKind.REDUCTION),
            DeadlineStatus.RUNNING,
            reduction.dueAt(),
            reduction.deadlineVersion());
    missions.recordReduction(mission.id(), reduction.ceiling(), lineage);
    KnownDeadline deadline = deadlines.current(lineage).orElseThrow();
    List<StaffMember> members = staff.ofMissionForUpdate(mission.id());
    List<StaffMember> leaving = WhoLeaves.onReduction(members, mission.receivingState());
    leaving.forEach(member -> orderOut(member, mission, deadline));
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("ceiling", reduction.ceiling())
        .addKeyValue("ordered", leaving.size())
        .log("Mission capped at {}: departure ordered for {} staff", reduction.ceiling(), leaving.size());
  }

  /**
   * One person is declared persona non grata (VCDR art. 9): they and their family leave by the
   * personal deadline, whatever order they were under; a designation to remain is withdrawn.
   */
  public void onPersonaNonGrataDeclared(PersonaNonGrataDeclared declaration, EventEnvelope envelope) {
    KnownMission mission = missions.require(declaration.missionId());
    List<StaffMember> members = staff.ofMissionForUpdate(mission.id());
    if (members.stream().noneMatch(member -> member.id().equals(declaration.staffId()))) {
      // Missions checks against its register of personnel's staff: retried, then dead-lettered.
      throw new IllegalStateException("Staff member " + declaration.staffId() + " is not known in mission " + mission.id());
    }
    UUID lineage =
        deadlines.record(
            mission.id(),
            declaration.deadlineId(),
            null,
            Objects.requireNonNullElse(declaration.deadlineKind(), DeadlineKind.PERSONAL),
            DeadlineStatus.RUNNING,
            declaration.dueAt(),
            declaration.deadlineVersion());
    KnownDeadline deadline = deadlines.current(lineage).orElseThrow();
    List<StaffMember> leaving = WhoLeaves.onPersonaNonGrata(members, declaration.staffId());
    leaving.forEach(member -> orderOutWithdrawingDesignation(member, mission, deadline));
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("staffId", declaration.staffId())
        .addKeyValue("ordered", leaving.size())
        .log("Persona non grata: departure ordered for {} (the person and their family)", leaving.size());
  }

  /**
   * Records the agreed ceiling and the negotiation deadline. Remaining staff can only be designated
   * once a ceiling is agreed, and leave the departure order at that moment, so nobody is waiting to
   * be taken out of it here.
   */
  public void onNegotiationOpened(NegotiationOpened negotiation, EventEnvelope envelope) {
    KnownMission mission = missions.require(negotiation.missionId());
    missions.recordNegotiation(negotiation);
    deadlines.record(
        mission.id(),
        negotiation.deadlineId(),
        null,
        DeadlineKind.NEGOTIATION,
        DeadlineStatus.RUNNING,
        negotiation.dueAt(),
        negotiation.deadlineVersion());
  }

  /**
   * The mission ceased, after a failed negotiation or straight from the rupture: the remaining staff
   * (if any) must leave too, by the final departure deadline. Those ordered out by the rupture keep
   * its deadline; personal orders stay as they are.
   */
  public void onMissionCeased(MissionCeased cessation, EventEnvelope envelope) {
    KnownMission mission = missions.require(cessation.missionId());
    UUID lineage =
        deadlines.record(
            mission.id(),
            cessation.deadlineId(),
            null,
            DeadlineKind.FINAL_DEPARTURE,
            DeadlineStatus.RUNNING,
            cessation.dueAt(),
            cessation.deadlineVersion());
    missions.recordDepartureLineage(mission.id(), lineage);
    missions.recordCessation(mission.id(), cessation.effectiveAt());
    KnownDeadline deadline = deadlines.current(lineage).orElseThrow();
    List<StaffMember> remaining = staff.ofMissionForUpdate(mission.id(), StaffStatus.REMAINING);
    remaining.forEach(member -> orderOut(member, mission, deadline));
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("from", cessation.from())
        .addKeyValue("ordered", remaining.size())
        .log("Departure ordered for {} remaining staff after the mission ceased", remaining.size());
  }

  /**
   * A person registered while an order runs falls under it at once: the mission's (rupture, final
   * departure, reduction), or for a family member their principal's, personal orders included. On a
   * deadline that has already expired they are overdue from the start.
   */
  @Override
  public StaffMember applyTo(StaffMember newcomer, KnownMission lockedMission) {
    Optional<StaffMember> principal = newcomer.principal().flatMap(staff::find);
    Optional<KnownDeadline> missionOrder = lockedMission.runningOrderLineage().flatMap(deadlines::current).filter(OrderingDepartures::binding);
    WhoLeaves.Newcomer decision =
        WhoLeaves.onRegistration(newcomer, principal, lockedMission.receivingState(), missionOrder.isPresent());
    Optional<KnownDeadline> deadline = Optional.empty();
    if (decision instanceof WhoLeaves.Newcomer.FallsUnderMissionOrder) {
      deadline = missionOrder;
    } else if (decision instanceof WhoLeaves.Newcomer.FollowsPrincipal follows) {
      deadline =
          deadlines.find(follows.deadlineId()).flatMap(known -> deadlines.current(known.lineageId())).filter(OrderingDepartures::binding);
    }
    if (deadline.isEmpty()) {
      return newcomer;
    }
    StaffMember ordered = orderOut(newcomer, lockedMission, deadline.get());
    if (deadline.get().status() == DeadlineStatus.EXPIRED) {
      StaffMember overdue = ordered.overdue();
      staff.updateStatus(overdue);
      outbox.append(
          overdue.officeCode(),
          new StaffOverdue(overdue.id(), lockedMission.id(), lockedMission.officeCode(), deadline.get().deadlineId(), deadline.get().dueAt()));
      ordered = overdue;
    }
    log.atInfo()
        .addKeyValue("missionId", lockedMission.id())
        .addKeyValue("staffId", newcomer.id())
        .addKeyValue("deadlineKind", deadline.get().kind())
        .log("Registered while an order runs: ordered out on the {} deadline", deadline.get().kind());
    return ordered;
  }

  /** A deadline people can still be ordered out on: running, suspended, or expired (they are then late). */
  private static boolean binding(KnownDeadline deadline) {
    return deadline.stillOpen() || deadline.status() == DeadlineStatus.EXPIRED;
  }

  /** Orders out, first withdrawing a designation to remain (and saying so) if there is one. */
  private void orderOutWithdrawingDesignation(StaffMember member, KnownMission mission, KnownDeadline deadline) {
    if (member.status() == StaffStatus.REMAINING) {
      outbox.append(member.officeCode(), new RemainingStaffWithdrawn(member.id(), mission.id(), mission.officeCode()), mission.now(clock.instant()));
    }
    orderOut(member, mission, deadline);
  }

  /**
   * Orders the person out on the deadline, and says so; if that moves them off an order on a
   * deadline of another kind, the announcement names it. Also used when a designation is withdrawn.
   *
   * @return the person as ordered out (the version as read: the row's has moved on)
   */
  public StaffMember orderOut(StaffMember member, KnownMission mission, KnownDeadline deadline) {
    Optional<StaffMember.Order> replaced = member.orderReplacedBy(deadline.kind());
    StaffMember ordered = member.orderedOut(deadline.deadlineId(), deadline.kind(), deadline.version(), deadline.dueAt());
    staff.updateStatus(ordered);
    announce(ordered, mission, deadline, null, replaced);
    return ordered.withVersion(member.version() + 1);
  }

  /**
   * Publishes the order as it stands on the deadline.
   *
   * @param change null for a new order, else how the deadline behind an existing order changed
   */
  void announce(StaffMember member, KnownMission mission, KnownDeadline deadline, String change) {
    announce(member, mission, deadline, change, Optional.empty());
  }

  private void announce(
      StaffMember member, KnownMission mission, KnownDeadline deadline, String change, Optional<StaffMember.Order> replaced) {
    outbox.append(
        member.officeCode(),
        new DepartureOrdered(
            member.id(),
            mission.id(),
            mission.officeCode(),
            mission.name(),
            mission.timeZone(),
            deadline.deadlineId(),
            deadline.kind(),
            deadline.version(),
            deadline.dueAt(),
            // The order's own state: an expired deadline still binds whoever is ordered out on it.
            deadline.suspended() ? DeadlineStatus.SUSPENDED : DeadlineStatus.RUNNING,
            change,
            replaced
                .map(order -> new DepartureOrdered.Replaced(order.deadlineKind(), order.deadlineId(), order.deadlineVersion()))
                .orElse(null),
            mission.exercise()),
        // An exercise's events occur on its case clock.
        mission.now(clock.instant()));
  }
}
