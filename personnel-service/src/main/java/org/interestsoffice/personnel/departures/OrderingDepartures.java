package org.interestsoffice.personnel.departures;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.interestsoffice.personnel.events.DepartureOrdered;
import org.interestsoffice.personnel.events.RelationsSevered;
import org.interestsoffice.personnel.missions.KnownMission;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.personnel.staff.StaffCategory;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffRepository;
import org.interestsoffice.personnel.staff.StaffStatus;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Turns a rupture into a departure order for everyone it sends home. */
@Service
public class OrderingDepartures {

  private static final Logger log = LoggerFactory.getLogger(OrderingDepartures.class);

  private final KnownMissions missions;
  private final StaffRepository staff;
  private final Outbox outbox;

  OrderingDepartures(KnownMissions missions, StaffRepository staff, Outbox outbox) {
    this.missions = missions;
    this.staff = staff;
    this.outbox = outbox;
  }

  /** Runs in the consumer's transaction, which also records the event as processed. */
  public void onRelationsSevered(RelationsSevered rupture, EventEnvelope envelope) {
    KnownMission mission =
        missions
            .find(rupture.missionId())
            .orElseThrow(() -> new IllegalStateException("Mission " + rupture.missionId() + " is not known yet"));
    List<StaffMember> members = staff.ofMissionForUpdate(mission.id());
    Map<UUID, StaffMember> byId = members.stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
    int ordered = 0;
    for (StaffMember member : members) {
      if (member.status() != StaffStatus.ACCREDITED || !member.leavesOnRupture(mission.receivingState(), principalLeaves(member, byId, mission))) {
        continue;
      }
      staff.updateStatus(member.orderedOut(rupture.deadlineId(), rupture.dueAt()));
      outbox.append(
          member.officeCode(),
          new DepartureOrdered(
              member.id(),
              mission.id(),
              mission.officeCode(),
              mission.name(),
              mission.timeZone(),
              rupture.deadlineId(),
              rupture.deadlineKind(),
              rupture.deadlineVersion(),
              rupture.dueAt()));
      ordered++;
    }
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("ordered", ordered)
        .addKeyValue("staff", members.size())
        .log("Departure ordered for {} of {} staff after the rupture", ordered, members.size());
  }

  private static boolean principalLeaves(StaffMember member, Map<UUID, StaffMember> byId, KnownMission mission) {
    if (member.category() != StaffCategory.FAMILY_MEMBER) {
      return false;
    }
    return member.principal()
        .map(byId::get)
        .filter(principal -> principal.status() == StaffStatus.ACCREDITED || principal.status() == StaffStatus.DEPARTURE_ORDERED)
        .map(principal -> principal.leavesOnRupture(mission.receivingState(), false))
        .orElse(false);
  }
}
