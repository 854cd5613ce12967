package org.interestsoffice.personnel.staff;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.events.StaffRegistered;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.interestsoffice.platform.security.Audit;
import org.interestsoffice.platform.security.Caller;
import org.interestsoffice.platform.security.Callers;
import org.interestsoffice.platform.security.OfficeAccess;
import org.interestsoffice.platform.security.Role;
import org.interestsoffice.platform.web.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enters a person in the register. A person registered while an order runs in their mission falls
 * under it in the same transaction ({@code StaffRegistered}, then {@code DepartureOrdered}), and an
 * interests section registered as such takes no one with privileges beyond its ceiling. Both are
 * decided under the mission's row lock, the lock every handler of the missions events takes first,
 * so a registration racing an order is either seen by it or sees it.
 */
@Service
public class RegisteringStaff {

  private final StaffRepository staff;
  private final KnownMissions missions;
  private final OrdersForNewcomers orders;
  private final Outbox outbox;

  RegisteringStaff(StaffRepository staff, KnownMissions missions, OrdersForNewcomers orders, Outbox outbox) {
    this.staff = staff;
    this.missions = missions;
    this.orders = orders;
    this.outbox = outbox;
  }

  public record NewStaffMember(
      UUID missionId,
      String fullName,
      StaffCategory category,
      UUID principalId,
      String nationality,
      String email,
      String phone,
      String preferredLanguage) {}

  @Transactional
  public StaffMember register(NewStaffMember request) {
    Caller caller = Callers.current();
    // A mission of another office is as unknown to the caller as one that does not exist.
    KnownMission mission =
        missions
            .find(request.missionId())
            .filter(known -> visibleTo(caller, known, "register staff"))
            .orElseThrow(
                () ->
                    ProblemException.invalid("Unknown mission", "No mission with id " + request.missionId())
                        .with("missionId", request.missionId()));
    OfficeAccess.requireOffice(caller, "register staff", mission.officeCode(), Role.OFFICE_OFFICER, Role.OFFICE_HEAD);
    KnownMission locked = missions.findForUpdate(mission.id()).orElseThrow();
    checkPrincipal(request);
    StaffMember member =
        StaffMember.accredited(
            UUID.randomUUID(),
            mission.id(),
            mission.officeCode(),
            request.fullName(),
            request.category(),
            request.principalId(),
            request.nationality(),
            request.email(),
            request.phone(),
            request.preferredLanguage());
    requireRoomInSection(locked, member);
    staff.add(member);
    outbox.append(
        member.officeCode(),
        new StaffRegistered(
            member.id(),
            member.missionId(),
            member.officeCode(),
            member.fullName(),
            member.category().name(),
            member.principalId(),
            member.email(),
            member.phone(),
            member.preferredLanguage(),
            member.version()));
    StaffMember registered = orders.applyTo(member, locked);
    Audit.changed(caller, "register staff member", member.officeCode(), member.id());
    return registered;
  }

  /**
   * An interests section registered as such has a ceiling for staff with privileges of their own:
   * one more is refused. Those ordered out or gone no longer count.
   */
  private void requireRoomInSection(KnownMission mission, StaffMember newcomer) {
    if (mission.staffCeilingOfSection().isEmpty() || !newcomer.hasPrivilegesOfTheirOwn(mission.receivingState())) {
      return;
    }
    int ceiling = mission.staffCeilingOfSection().get();
    long counted =
        staff.ofMission(mission.id()).stream()
            .filter(member -> member.status() == StaffStatus.ACCREDITED || member.status() == StaffStatus.REMAINING)
            .filter(member -> member.hasPrivilegesOfTheirOwn(mission.receivingState()))
            .count();
    if (counted >= ceiling) {
      throw ProblemException.conflict(
              "Staff ceiling reached",
              mission.name() + " may have at most " + ceiling + " staff with privileges of their own, and " + counted
                  + " are registered")
          .with("missionId", mission.id())
          .with("missionName", mission.name())
          .with("ceiling", ceiling)
          .with("registered", counted);
    }
  }

  /** Family members belong to a principal of the same mission; nobody else has one. */
  private void checkPrincipal(NewStaffMember request) {
    boolean family = request.category() == StaffCategory.FAMILY_MEMBER;
    if (family != (request.principalId() != null)) {
      throw ProblemException.invalid(
          "Invalid principal",
          family ? "A family member needs the principalId of the staff member they belong to"
                 : "Only family members have a principal");
    }
    Optional.ofNullable(request.principalId())
        .ifPresent(
            principalId -> {
              StaffMember principal =
                  staff
                      .find(principalId)
                      .filter(p -> p.missionId().equals(request.missionId()))
                      .orElseThrow(
                          () ->
                              ProblemException.invalid(
                                  "Invalid principal", "No staff member " + principalId + " in mission " + request.missionId()));
              if (principal.category() == StaffCategory.FAMILY_MEMBER) {
                throw ProblemException.invalid("Invalid principal", "A family member cannot be a principal");
              }
            });
  }

  /** A staff member the caller may see; one of another office does not exist for them. */
  @Transactional(readOnly = true)
  public StaffMember get(UUID id) {
    StaffMember member = staff.find(id).orElseThrow(() -> ProblemException.notFound("Staff member", id));
    OfficeAccess.requireVisible(Callers.current(), member.officeCode(), "Staff member", id);
    return member;
  }

  /**
   * A page of the staff of the caller's offices, optionally of one mission and in one status. A mission of
   * another office is not found; without a mission the office scope is applied in the query.
   */
  @Transactional(readOnly = true)
  public Page<StaffMember> search(UUID missionId, StaffStatus status, PageQuery page) {
    Caller caller = Callers.current();
    if (missionId != null) {
      missions
          .find(missionId)
          .filter(known -> visibleTo(caller, known, "list staff"))
          .orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    }
    return staff.search(missionId, status, caller.officeFilter(), page);
  }

  private static boolean visibleTo(Caller caller, KnownMission mission, String action) {
    if (caller.belongsTo(mission.officeCode())) {
      return true;
    }
    Audit.refused(caller, action, mission.officeCode(), mission.id(), "other office");
    return false;
  }
}
