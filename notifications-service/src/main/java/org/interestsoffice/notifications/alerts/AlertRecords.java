package org.interestsoffice.notifications.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertViews.AlertProgressView;
import org.interestsoffice.notifications.alerts.AlertViews.AlertView;
import org.interestsoffice.notifications.alerts.AlertViews.DeliveryAttemptView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads alerts and their delivery log. Every collection query takes the caller's office filter
 * (empty: all offices), so nothing of another office is ever read.
 */
@Repository
class AlertRecords {

  private static final String IN_OFFICES = "(cast(:filtered as boolean) = false or office_code = any(:offices))";

  private final JdbcClient jdbc;

  AlertRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<AlertView> find(UUID id) {
    return jdbc.sql("select * from alert where id = :id").param("id", id).query(AlertRecords::alert).optional();
  }

  List<DeliveryAttemptView> attemptsOf(UUID alertId) {
    return jdbc.sql("select channel, status, at, error from delivery_attempt where alert_id = :alertId order by id")
        .param("alertId", alertId)
        .query(
            (rs, row) ->
                new DeliveryAttemptView(
                    rs.getString("channel"),
                    AlertStatus.valueOf(rs.getString("status")),
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("error")))
        .list();
  }

  List<AlertView> search(UUID missionId, UUID staffId, AlertStatus status, Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select * from alert
            where (cast(:missionId as uuid) is null or mission_id = :missionId)
              and (cast(:staffId as uuid) is null or staff_id = :staffId)
              and (cast(:status as text) is null or status = :status)
              and """
                + IN_OFFICES
                + """

            order by created_at, id
            """)
        .param("missionId", missionId)
        .param("staffId", staffId)
        .param("status", status == null ? null : status.name())
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(AlertRecords::alert)
        .list();
  }

  /**
   * Whether notifications knows the mission within these offices: from an alert or from the
   * contact details of its staff (notifications keeps no list of missions of its own).
   */
  boolean knowsMission(UUID missionId, Optional<Set<String>> offices) {
    return jdbc.sql(
            "select exists (select 1 from alert where mission_id = :missionId and "
                + IN_OFFICES
                + ") or exists (select 1 from staff_contact where mission_id = :missionId and "
                + IN_OFFICES
                + ")")
        .param("missionId", missionId)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(Boolean.class)
        .single();
  }

  /** The office a mission belongs to, as its alerts or its staff's contact details say. */
  Optional<String> officeOfMission(UUID missionId) {
    return jdbc.sql(
            """
            select office_code from alert where mission_id = :missionId
            union all
            select office_code from staff_contact where mission_id = :missionId
            limit 1
            """)
        .param("missionId", missionId)
        .query(String.class)
        .optional();
  }

  AlertProgressView progress(UUID missionId, Optional<Set<String>> offices) {
    return jdbc.sql(
            """
            select count(*) filter (where audience = 'STAFF') as total,
                   count(*) filter (where audience = 'STAFF' and status = 'QUEUED') as queued,
                   count(*) filter (where audience = 'STAFF' and status = 'RETRYING') as retrying,
                   count(*) filter (where audience = 'STAFF' and status = 'SENT') as sent,
                   count(*) filter (where audience = 'STAFF' and status = 'DELIVERED') as delivered,
                   count(*) filter (where audience = 'STAFF' and status = 'FAILED') as failed,
                   count(*) filter (where audience = 'STAFF' and status = 'DEAD') as dead,
                   count(*) filter (where audience = 'STAFF' and acknowledged_at is not null) as acknowledged,
                   count(distinct staff_id) filter (where audience = 'STAFF') as staff,
                   count(distinct staff_id) filter (where audience = 'STAFF' and acknowledged_at is not null) as staff_acknowledged,
                   count(*) filter (where audience = 'OFFICE_HEAD') as escalations
            from alert where mission_id = :missionId and """
                + IN_OFFICES)
        .param("missionId", missionId)
        .param("filtered", offices.isPresent())
        .param("offices", offices.orElse(Set.of()).toArray(String[]::new))
        .query(
            (rs, row) ->
                new AlertProgressView(
                    missionId,
                    rs.getLong("total"),
                    rs.getLong("queued"),
                    rs.getLong("retrying"),
                    rs.getLong("sent"),
                    rs.getLong("delivered"),
                    rs.getLong("failed"),
                    rs.getLong("dead"),
                    rs.getLong("acknowledged"),
                    rs.getLong("staff"),
                    rs.getLong("staff_acknowledged"),
                    rs.getLong("escalations")))
        .single();
  }

  private static AlertView alert(ResultSet rs, int row) throws SQLException {
    return new AlertView(
        rs.getObject("id", UUID.class),
        rs.getObject("staff_id", UUID.class),
        rs.getObject("mission_id", UUID.class),
        rs.getString("office_code"),
        rs.getString("deadline_kind"),
        rs.getObject("deadline_id", UUID.class),
        rs.getInt("deadline_version"),
        rs.getInt("round"),
        rs.getString("slot"),
        rs.getString("channel"),
        rs.getString("audience"),
        rs.getString("language"),
        AlertStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("sent_at")),
        instant(rs.getTimestamp("delivered_at")),
        instant(rs.getTimestamp("acknowledged_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
