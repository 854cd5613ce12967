package org.interestsoffice.personnel.missions;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.events.MissionRegistered;
import org.interestsoffice.platform.events.EventEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Personnel's own copy of the missions it may register staff into. */
@Repository
public class KnownMissions {

  private final JdbcClient jdbc;

  KnownMissions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void onMissionRegistered(MissionRegistered event, EventEnvelope envelope) {
    jdbc.sql(
            """
            insert into known_mission (id, office_code, name, receiving_state, time_zone)
            values (:id, :office, :name, :receiving, :zone)
            on conflict (id) do update set name = excluded.name, receiving_state = excluded.receiving_state,
                                           time_zone = excluded.time_zone
            """)
        .param("id", event.missionId())
        .param("office", event.officeCode())
        .param("name", event.name())
        .param("receiving", event.receivingState())
        .param("zone", event.timeZone())
        .update();
  }

  public Optional<KnownMission> find(UUID id) {
    return jdbc.sql("select * from known_mission where id = :id")
        .param("id", id)
        .query(
            (rs, row) ->
                new KnownMission(
                    rs.getObject("id", UUID.class),
                    rs.getString("office_code"),
                    rs.getString("name"),
                    rs.getString("receiving_state"),
                    rs.getString("time_zone")))
        .optional();
  }
}
