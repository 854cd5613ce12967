package org.interestsoffice.personnel.groups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.personnel.departures.RecordingDepartures;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffRepository;
import org.interestsoffice.personnel.staff.StaffStatus;
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

/** The office head puts people on flights and convoys, and confirms when they have left. */
@Service
class OrganisingDepartureGroups {

  private final DepartureGroups groups;
  private final KnownMissions missions;
  private final StaffRepository staff;
  private final RecordingDepartures departures;

  OrganisingDepartureGroups(DepartureGroups groups, KnownMissions missions, StaffRepository staff, RecordingDepartures departures) {
    this.groups = groups;
    this.missions = missions;
    this.staff = staff;
    this.departures = departures;
  }

  record NewGroup(UUID missionId, String name, Instant scheduledAt, Transport transport) {}

  @Transactional
  DepartureGroup create(NewGroup request) {
    Caller caller = Callers.current();
    // A mission of another office is as unknown to the caller as one that does not exist.
    KnownMission mission =
        missions
            .find(request.missionId())
            .filter(known -> visibleTo(caller, known, "create departure group"))
            .orElseThrow(
                () ->
                    ProblemException.invalid("Unknown mission", "No mission with id " + request.missionId())
                        .with("missionId", request.missionId()));
    OfficeAccess.requireOffice(caller, "create departure group", mission.officeCode(), Role.OFFICE_HEAD);
    DepartureGroup group =
        new DepartureGroup(
            UUID.randomUUID(), mission.id(), mission.officeCode(), request.name(), request.scheduledAt(), request.transport(), null,
            List.of());
    groups.add(group);
    Audit.changed(caller, "create departure group", mission.officeCode(), group.id());
    return group;
  }

  /**
   * Everyone added must be of the group's mission (and so of its office) and still to leave; one
   * person who is not refuses the whole request, so that nothing is half-added.
   */
  @Transactional
  DepartureGroup addMembers(UUID groupId, List<UUID> staffIds) {
    Caller caller = Callers.current();
    DepartureGroup group = lockForChange(caller, groupId, "add departure group members");
    if (group.hasDeparted()) {
      throw ProblemException.conflict("Group departed", "Departure group " + groupId + " has already left").with("groupId", groupId);
    }
    Set<UUID> wanted = new LinkedHashSet<>(staffIds);
    List<StaffMember> found = staff.findAllForUpdate(wanted);
    List<UUID> foreign = new ArrayList<>(wanted);
    found.stream().filter(member -> member.missionId().equals(group.missionId())).map(StaffMember::id).forEach(foreign::remove);
    if (!foreign.isEmpty()) {
      // Staff of another mission or office are named only by the ids the caller sent.
      throw ProblemException.invalid(
              "Not of the group's mission", "Staff " + foreign + " are not staff of mission " + group.missionId())
          .with("staffIds", foreign);
    }
    List<UUID> unable =
        found.stream()
            .filter(member -> member.hasDeparted() || member.status() == StaffStatus.REMAINING)
            .map(StaffMember::id)
            .toList();
    if (!unable.isEmpty()) {
      throw ProblemException.conflict("Cannot join a departure group", "Staff " + unable + " have departed or are remaining staff")
          .with("staffIds", unable);
    }
    Map<UUID, UUID> elsewhere = groups.groupsOf(wanted);
    elsewhere.values().removeIf(groupId::equals);
    if (!elsewhere.isEmpty()) {
      throw ProblemException.conflict("Already in another group", "Staff " + elsewhere.keySet() + " already travel with another group")
          .with("staffIds", List.copyOf(elsewhere.keySet()));
    }
    groups.addMembers(groupId, wanted);
    Audit.changed(caller, "add departure group members", group.officeCode(), groupId);
    return groups.find(groupId).orElseThrow();
  }

  /** The group has left: every member who had not already left is departed, one event each. */
  @Transactional
  DepartureGroup confirmDeparture(UUID groupId, Instant departedAt) {
    Caller caller = Callers.current();
    DepartureGroup group = lockForChange(caller, groupId, "confirm group departure");
    departures.requireNotInFuture(group.missionId(), departedAt);
    if (group.hasDeparted()) {
      throw ProblemException.conflict("Group departed", "Departure group " + groupId + " left at " + group.departedAt())
          .with("groupId", groupId);
    }
    if (group.memberIds().isEmpty()) {
      throw ProblemException.conflict("Empty group", "Departure group " + groupId + " has no members").with("groupId", groupId);
    }
    for (StaffMember member : staff.findAllForUpdate(group.memberIds())) {
      if (!member.hasDeparted()) {
        departures.depart(member, departedAt, groupId);
      }
    }
    groups.markDeparted(groupId, departedAt);
    Audit.changed(caller, "confirm group departure", group.officeCode(), groupId);
    return groups.find(groupId).orElseThrow();
  }

  @Transactional(readOnly = true)
  DepartureGroup get(UUID groupId) {
    DepartureGroup group = groups.find(groupId).orElseThrow(() -> ProblemException.notFound("Departure group", groupId));
    OfficeAccess.requireVisible(Callers.current(), group.officeCode(), "Departure group", groupId);
    return group;
  }

  /** A page of the groups of the caller's offices; a mission of another office is not found. */
  @Transactional(readOnly = true)
  Page<DepartureGroup> search(UUID missionId, PageQuery page) {
    Caller caller = Callers.current();
    if (missionId != null) {
      missions.find(missionId)
          .filter(known -> visibleTo(caller, known, "list departure groups"))
          .orElseThrow(() -> ProblemException.notFound("Mission", missionId));
    }
    return groups.search(missionId, caller.officeFilter(), page);
  }

  /** Locks the mission, then the group: group changes queue behind designations of the same mission. */
  private DepartureGroup lockForChange(Caller caller, UUID groupId, String action) {
    DepartureGroup seen = groups.find(groupId).orElseThrow(() -> ProblemException.notFound("Departure group", groupId));
    OfficeAccess.requireAction(caller, action, seen.officeCode(), "Departure group", groupId, Role.OFFICE_HEAD);
    missions.findForUpdate(seen.missionId());
    return groups.findForUpdate(groupId).orElseThrow();
  }

  private static boolean visibleTo(Caller caller, KnownMission mission, String action) {
    if (caller.belongsTo(mission.officeCode())) {
      return true;
    }
    Audit.refused(caller, action, mission.officeCode(), mission.id(), "other office");
    return false;
  }
}
