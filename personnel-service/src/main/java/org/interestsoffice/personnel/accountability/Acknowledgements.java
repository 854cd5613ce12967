package org.interestsoffice.personnel.accountability;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.personnel.events.AlertAcknowledged;
import org.interestsoffice.platform.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The acknowledgements notifications reports. Kept per deadline version, so a late event for an
 * older version never hides that the newest one is still unacknowledged.
 */
@Repository
class Acknowledgements {

  private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);

  private final JdbcClient jdbc;

  Acknowledgements(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void onAlertAcknowledged(AlertAcknowledged acknowledged, EventEnvelope envelope) {
    int recorded =
        jdbc.sql(
                """
                insert into alert_acknowledgement (staff_id, deadline_id, deadline_version, acknowledged_at)
                select id, :deadlineId, :version, :at from staff_member where id = :staffId
                on conflict do nothing
                """)
            .param("staffId", acknowledged.staffId())
            .param("deadlineId", acknowledged.deadlineId())
            .param("version", acknowledged.deadlineVersion())
            .param("at", Timestamp.from(acknowledged.acknowledgedAt()))
            .update();
    if (recorded == 0) {
      log.atInfo().addKeyValue("staffId", acknowledged.staffId()).log("Acknowledgement already known, or of nobody registered here");
    }
  }

  /**
   * The mission's staff ordered out (or overdue) who have not acknowledged an alert of the deadline
   * version they are ordered out on now.
   */
  List<UUID> unacknowledgedIn(UUID missionId) {
    return jdbc.sql(
            """
            select s.id from staff_member s
            where s.mission_id = :missionId and s.status in ('DEPARTURE_ORDERED', 'OVERDUE')
              and not exists (select 1 from alert_acknowledgement a
                              where a.staff_id = s.id and a.deadline_id = s.departure_deadline_id
                                and a.deadline_version >= s.departure_deadline_version)
            order by s.full_name, s.id
            """)
        .param("missionId", missionId)
        .query(UUID.class)
        .list();
  }
}
