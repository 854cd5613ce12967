package org.interestsoffice.personnel.remaining;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.departures.KnownDeadline;
import org.interestsoffice.personnel.departures.KnownDeadlines;
import org.interestsoffice.personnel.departures.OrderingDepartures;
import org.interestsoffice.personnel.events.RemainingStaffDesignated;
import org.interestsoffice.personnel.events.RemainingStaffWithdrawn;
import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffRepository;
import org.interestsoffice.personnel.staff.StaffStatus;
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
 * The office head designates who stays behind, within the ceiling agreed for the mission. The
 * mission's row is locked before counting, so two heads designating the last place at the same
 * instant are served one after the other: the second sees the first's designation and is refused.
 */
@Service
class DesignatingRemainingStaff {

  private final StaffRepository staff;
  private final KnownMissions missions;
  private final KnownDeadlines deadlines;
  private final OrderingDepartures departures;
  private final Outbox outbox;
  private final Clock clock;

  DesignatingRemainingStaff(
      StaffRepository staff, KnownMissions missions, KnownDeadlines deadlines, OrderingDepartures departures, Outbox outbox, Clock clock) {
    this.clock = clock;
    this.staff = staff;
    this.missions = missions;
    this.deadlines = deadlines;
    this.departures = departures;
    this.outbox = outbox;
  }

  @Transactional
  StaffMember designate(UUID staffId) {
    Caller caller = Callers.current();
    Locked locked = lock(caller, staffId, "designate remaining staff");
    StaffMember member = locked.member();
    KnownMission mission = locked.mission();
    if (member.status() == StaffStatus.REMAINING) {
      return member;
    }
    if (member.hasDeparted()) {
      throw refusal("Already departed", "Staff member " + staffId + " has departed and cannot remain", staffId);
    }
    if (member.isUnderOrderOf(DeadlineKind.PERSONAL)) {
      throw refusal(
          "Declared persona non grata",
          "Staff member " + staffId + " has been declared persona non grata and must leave by their personal deadline",
          staffId);
    }
    if (mission.hasCeased()) {
      throw refusal("Mission ceased", "Mission " + mission.id() + " has ceased: nobody remains", staffId);
    }
    if (!member.mayRemain(mission.receivingState())) {
      throw refusal(
          "Not eligible to remain",
          "Only members of the mission with privileges of their own can remain, not local hires, nationals of the"
              + " receiving state or family members",
          staffId);
    }
    int ceiling =
        mission.ceiling()
            .orElseThrow(
                () -> refusal("No ceiling agreed", "No remaining-staff ceiling has been agreed for mission " + mission.id(), staffId));
    int designated = staff.countRemaining(mission.id());
    if (designated >= ceiling) {
      throw refusal(
              "Remaining-staff ceiling reached",
              mission.name() + " may keep at most " + ceiling + " remaining staff, and " + designated + " are designated",
              staffId)
          .with("missionId", mission.id())
          .with("missionName", mission.name())
          .with("ceiling", ceiling)
          .with("designated", designated);
    }
    StaffMember remaining = member.remaining();
    staff.updateStatus(remaining);
    // An exercise's events occur on its case clock, like its orders: notifications compares the two.
    outbox.append(member.officeCode(), new RemainingStaffDesignated(member.id(), mission.id(), mission.officeCode()), mission.now(clock.instant()));
    Audit.changed(caller, "designate remaining staff", member.officeCode(), staffId);
    return remaining;
  }

  /**
   * The person no longer stays: if the mission's staff are ordered out (by a rupture, a cessation or
   * a reduction), so are they, on the deadline as it is now; otherwise they are back on the staff list.
   */
  @Transactional
  StaffMember withdraw(UUID staffId) {
    Caller caller = Callers.current();
    Locked locked = lock(caller, staffId, "withdraw remaining staff designation");
    StaffMember member = locked.member();
    KnownMission mission = locked.mission();
    if (member.status() != StaffStatus.REMAINING) {
      throw refusal("Not remaining staff", "Staff member " + staffId + " is not designated to remain", staffId);
    }
    outbox.append(member.officeCode(), new RemainingStaffWithdrawn(member.id(), mission.id(), mission.officeCode()), mission.now(clock.instant()));
    Optional<KnownDeadline> departure =
        Optional.ofNullable(mission.departureLineageId())
            .or(() -> Optional.ofNullable(mission.reductionLineageId()))
            .flatMap(deadlines::current);
    if (departure.isPresent()) {
      departures.orderOut(member, mission, departure.get());
    } else {
      staff.updateStatus(member.accredited());
    }
    Audit.changed(caller, "withdraw remaining staff designation", member.officeCode(), staffId);
    return staff.find(staffId).orElseThrow();
  }

  private record Locked(KnownMission mission, StaffMember member) {}

  /** Checks access, then locks the mission before the person, as every per-mission decision does. */
  private Locked lock(Caller caller, UUID staffId, String action) {
    StaffMember seen = staff.find(staffId).orElseThrow(() -> ProblemException.notFound("Staff member", staffId));
    OfficeAccess.requireAction(caller, action, seen.officeCode(), "Staff member", staffId, Role.OFFICE_HEAD);
    KnownMission mission = missions.findForUpdate(seen.missionId()).orElseThrow();
    StaffMember member = staff.findForUpdate(staffId).orElseThrow();
    return new Locked(mission, member);
  }

  private static ProblemException refusal(String title, String detail, UUID staffId) {
    return ProblemException.conflict(title, detail).with("staffId", staffId);
  }
}
