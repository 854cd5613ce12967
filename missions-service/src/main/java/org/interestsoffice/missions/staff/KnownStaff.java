package org.interestsoffice.missions.staff;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.missions.events.RemainingStaffDesignated;
import org.interestsoffice.missions.events.RemainingStaffWithdrawn;
import org.interestsoffice.missions.events.StaffContactChanged;
import org.interestsoffice.missions.events.StaffDeparted;
import org.interestsoffice.missions.events.StaffRegistered;
import org.interestsoffice.platform.events.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Missions' own register of who belongs to which mission, kept from personnel's events (personnel
 * owns the staff; this is a copy of the little missions needs): enough to refuse a persona non
 * grata of another mission, and a reduction below the remaining staff already designated, at once.
 */
@Repository
public class KnownStaff {

  /** A person as missions knows them. */
  public record Member(UUID staffId, UUID missionId, String officeCode, String fullName, UUID principalId, boolean designated, boolean departed) {}

  private final JdbcClient jdbc;

  KnownStaff(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void onStaffRegistered(StaffRegistered event, EventEnvelope envelope) {
    jdbc.sql(
            """
            insert into known_staff (staff_id, mission_id, office_code, full_name, principal_id)
            values (:id, :missionId, :office, :name, :principal)
            on conflict (staff_id) do update set full_name = excluded.full_name, principal_id = excluded.principal_id
            """)
        .param("id", event.staffId())
        .param("missionId", event.missionId())
        .param("office", event.officeCode())
        .param("name", event.fullName())
        .param("principal", event.principalId(), java.sql.Types.OTHER)
        .update();
  }

  /** A correction of the person's name; the rest of the change (contact data) is not missions' business. */
  void onStaffContactChanged(StaffContactChanged event, EventEnvelope envelope) {
    jdbc.sql(
            """
            insert into known_staff (staff_id, mission_id, office_code, full_name)
            values (:id, :missionId, :office, :name)
            on conflict (staff_id) do update set full_name = excluded.full_name
            """)
        .param("id", event.staffId())
        .param("missionId", event.missionId())
        .param("office", event.officeCode())
        .param("name", event.fullName())
        .update();
  }

  // A designation, a withdrawal or a departure may overtake the registration on the queue: the
  // row is then created from what the event says, and the registration fills in the rest.

  void onRemainingStaffDesignated(RemainingStaffDesignated event, EventEnvelope envelope) {
    mark(event.staffId(), event.missionId(), event.officeCode(), "designated", true);
  }

  void onRemainingStaffWithdrawn(RemainingStaffWithdrawn event, EventEnvelope envelope) {
    mark(event.staffId(), event.missionId(), event.officeCode(), "designated", false);
  }

  void onStaffDeparted(StaffDeparted event, EventEnvelope envelope) {
    mark(event.staffId(), event.missionId(), event.officeCode(), "departed", true);
  }

  private void mark(UUID staffId, UUID missionId, String officeCode, String column, boolean value) {
    jdbc.sql(
            """
            insert into known_staff (staff_id, mission_id, office_code, full_name, %1$s)
            values (:id, :missionId, :office, '', :value)
            on conflict (staff_id) do update set %1$s = excluded.%1$s
            """
                .formatted(column))
        .param("id", staffId)
        .param("missionId", missionId)
        .param("office", officeCode)
        .param("value", value)
        .update();
  }

  /** The person, if they belong to the mission. */
  public Optional<Member> inMission(UUID missionId, UUID staffId) {
    return jdbc.sql("select * from known_staff where staff_id = :id and mission_id = :missionId")
        .param("id", staffId)
        .param("missionId", missionId)
        .query(
            (rs, row) ->
                new Member(
                    rs.getObject("staff_id", UUID.class),
                    rs.getObject("mission_id", UUID.class),
                    rs.getString("office_code"),
                    rs.getString("full_name"),
                    rs.getObject("principal_id", UUID.class),
                    rs.getBoolean("designated"),
                    rs.getBoolean("departed")))
        .optional();
  }

  /** How many of the mission's people are designated remaining staff and have not left. */
  public int designatedIn(UUID missionId) {
    return jdbc.sql("select count(*) from known_staff where mission_id = :missionId and designated and not departed")
        .param("missionId", missionId)
        .query(Integer.class)
        .single();
  }
}
