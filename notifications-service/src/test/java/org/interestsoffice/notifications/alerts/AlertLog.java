package org.interestsoffice.notifications.alerts;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The alert rows of one staff member, read straight from notifications' database. */
final class AlertLog {

  record AlertRow(UUID id, int deadlineVersion, String slot, String channel, String status, int attempts, String lastError) {}

  private final JdbcClient jdbc;

  AlertLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<AlertRow> alertsOf(UUID staffId) {
    return jdbc.sql(
            """
            select id, deadline_version, slot, channel, status, attempts, last_error from alert
            where staff_id = :staffId order by created_at
            """)
        .param("staffId", staffId)
        .query(
            (rs, row) ->
                new AlertRow(
                    rs.getObject("id", UUID.class),
                    rs.getInt("deadline_version"),
                    rs.getString("slot"),
                    rs.getString("channel"),
                    rs.getString("status"),
                    rs.getInt("attempts"),
                    rs.getString("last_error")))
        .list();
  }
}
