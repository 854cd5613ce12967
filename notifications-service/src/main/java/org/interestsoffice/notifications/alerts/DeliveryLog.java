package org.interestsoffice.notifications.alerts;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every step of an alert's delivery, per channel, kept next to the alert in the same transaction
 * as the status change it reports, so the log never disagrees with the alert.
 */
@Repository
public class DeliveryLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  DeliveryLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(UUID alertId, Channel channel, AlertStatus status, String error) {
    jdbc.sql("insert into delivery_attempt (alert_id, channel, status, at, error) values (:alertId, :channel, :status, :at, :error)")
        .param("alertId", alertId)
        .param("channel", channel.name())
        .param("status", status.name())
        .param("at", Timestamp.from(clock.instant()))
        .param("error", error)
        .update();
  }
}
