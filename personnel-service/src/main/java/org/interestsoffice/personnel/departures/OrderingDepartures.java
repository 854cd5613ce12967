package org.interestsoffice.personnel.departures;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.interestsoffice.personnel.events.DepartureOrdered;
import org.interestsoffice.personnel.events.MissionCeased;
import org.interestsoffice.personnel.events.NegotiationOpened;
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

/**
 * Turns the mission's events into departure orders: a rupture for everyone it sends home, a
 * cessation for the remaining staff. Every handler runs in the consumer's transaction, which also
 * records the event as processed, and locks the mission first, like every use case that decides
 * something per mission.
 */
@Service
public class OrderingDepartures {

  private static final Logger log = LoggerFactory.getLogger(OrderingDepartures.class);

  private final KnownMissions missions;
  private final KnownDeadlines deadlines;
  private final StaffRepository staff;
  private final Outbox outbox;

  OrderingDepartures(KnownMissions missions, KnownDeadlines deadlines, StaffRepository staff, Outbox outbox) {
    this.missions = missions;
    this.deadlines = deadlines;
    this.staff = staff;
    this.outbox = outbox;
  }

  public void onRelationsSevered(RelationsSevered rupture, EventEnvelope envelope) {
    KnownMission mission = missions.require(rupture.missionId());
    UUID lineage =
        deadlines.record(
            mission.id(), rupture.deadlineId(), null, rupture.deadlineKind(), "RUNNING", rupture.dueAt(), rupture.deadlineVersion());
    missions.recordDepartureLineage(mission.id(), lineage);
    // A change of the deadline may have overtaken the rupture: order people out on the newest version.
    KnownDeadline deadline = deadlines.current(lineage).orElseThrow();
    List<StaffMember> members = staff.ofMissionForUpdate(mission.id());
    Map<UUID, StaffMember> byId = members.stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
    int ordered = 0;
    for (StaffMember member : members) {
      if (member.status() != StaffStatus.ACCREDITED || !member.leavesOnRupture(mission.receivingState(), principalLeaves(member, byId, mission))) {
        continue;
      }
      orderOut(member, mission, deadline);
      ordered++;
    }
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("ordered", ordered)
        .addKeyValue("staff", members.size())
        .log("Departure ordered for {} of {} staff after the rupture", ordered, members.size());
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
        mission.id(), negotiation.deadlineId(), null, "NEGOTIATION", "RUNNING", negotiation.dueAt(), negotiation.deadlineVersion());
  }

  /** No agreement: the remaining staff must leave too, by the final departure deadline. */
  public void onMissionCeased(MissionCeased cessation, EventEnvelope envelope) {
    KnownMission mission = missions.require(cessation.missionId());
    UUID lineage =
        deadlines.record(
            mission.id(), cessation.deadlineId(), null, "FINAL_DEPARTURE", "RUNNING", cessation.dueAt(), cessation.deadlineVersion());
    missions.recordDepartureLineage(mission.id(), lineage);
    missions.recordCessation(mission.id(), cessation.effectiveAt());
    KnownDeadline deadline = deadlines.current(lineage).orElseThrow();
    List<StaffMember> remaining = staff.ofMissionForUpdate(mission.id(), StaffStatus.REMAINING);
    remaining.forEach(member -> orderOut(member, mission, deadline));
    log.atInfo()
        .addKeyValue("missionId", mission.id())
        .addKeyValue("ordered", remaining.size())
        .log("Departure ordered for {} remaining staff after the mission ceased", remaining.size());
  }

  /** Orders the person out on the deadline, and says so. Also used when a designation is withdrawn. */
  public void orderOut(StaffMember member, KnownMission mission, KnownDeadline deadline) {
    staff.updateStatus(member.orderedOut(deadline.deadlineId(), deadline.kind(), deadline.version(), deadline.dueAt()));
    announce(member, mission, deadline, null);
  }

  /**
   * Publishes the order as it stands on the deadline.
   *
   * @param change null for a new order, else how the deadline behind an existing order changed
   */
  void announce(StaffMember member, KnownMission mission, KnownDeadline deadline, String change) {
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
            deadline.status(),
            change));
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
