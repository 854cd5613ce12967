package org.interestsoffice.personnel.departures;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.events.StaffDeparted;
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

/** A person has left the receiving state: on their own, or with a departure group. */
@Service
public class RecordingDepartures {

  private final StaffRepository staff;
  private final KnownMissions missions;
  private final Outbox outbox;
  private final Clock clock;

  RecordingDepartures(StaffRepository staff, KnownMissions missions, Outbox outbox, Clock clock) {
    this.staff = staff;
    this.missions = missions;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** An individual departure, recorded by the office's officers or head. */
  @Transactional
  public StaffMember recordDeparture(UUID staffId, Instant departedAt) {
    Caller caller = Callers.current();
    StaffMember member = staff.findForUpdate(staffId).orElseThrow(() -> ProblemException.notFound("Staff member", staffId));
    OfficeAccess.requireAction(
        caller, "record a departure", member.officeCode(), "Staff member", staffId, Role.OFFICE_OFFICER, Role.OFFICE_HEAD);
    requireNotInFuture(member.missionId(), departedAt);
    if (member.status() == StaffStatus.REMAINING) {
      throw ProblemException.conflict(
              "Designated remaining staff", "Staff member " + staffId + " is designated to remain: withdraw the designation first")
          .with("staffId", staffId);
    }
    StaffMember departed = depart(member, departedAt, null);
    Audit.changed(caller, "record departure", member.officeCode(), staffId);
    return departed;
  }

  /** Marks the person departed and says so; the caller holds their lock. Refuses a second departure. */
  public StaffMember depart(StaffMember member, Instant departedAt, UUID departureGroupId) {
    if (member.hasDeparted()) {
      throw ProblemException.conflict("Already departed", "Staff member " + member.id() + " departed at " + member.departedAt())
          .with("staffId", member.id());
    }
    StaffMember departed = member.departed(departedAt);
    staff.updateStatus(departed);
    // An exercise's events occur on its case clock, like its orders: notifications compares the two.
    Instant now = missions.find(member.missionId()).map(mission -> mission.now(clock.instant())).orElseGet(clock::instant);
    outbox.append(
        member.officeCode(), new StaffDeparted(member.id(), member.missionId(), member.officeCode(), departedAt, departureGroupId), now);
    return departed;
  }

  /**
   * A departure is a fact being recorded, not a plan: it cannot lie ahead of the mission's clock (an
   * exercise's case clock, else the wall clock).
   */
  public void requireNotInFuture(UUID missionId, Instant departedAt) {
    Instant now = missions.find(missionId).map(mission -> mission.now(clock.instant())).orElseGet(clock::instant);
    // A minute of slack for the clocks of the devices people record departures on.
    if (departedAt.isAfter(now.plusSeconds(60))) {
      throw ProblemException.invalid("Departure in the future", "departedAt " + departedAt + " has not happened yet")
          .with("departedAt", departedAt);
    }
  }
}
