package org.interestsoffice.notifications.delivery;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.AlertStatus;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DeliveryLog;
import org.interestsoffice.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the SMS provider reports after sending: delivered to the handset, or failed on the way. Only
 * a sent message changes (a report for one already reported the same way changes nothing), and a
 * message that failed after being sent can be re-driven like a dead one.
 */
@Service
class DeliveryReports {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

  /** A report as the provider sends it: its id for the message, and/or our reference (the alert id). */
  record Report(String id, UUID reference, String status, String error) {}

  /** The alert the report was about, and where it stands now. */
  record Reported(UUID alertId, AlertStatus status) {}

  private final JdbcClient jdbc;
  private final DeliveryLog deliveryLog;

  DeliveryReports(JdbcClient jdbc, DeliveryLog deliveryLog) {
    this.jdbc = jdbc;
    this.deliveryLog = deliveryLog;
  }

  /** The provider's key has been checked ({@link DeliveryReportKey}). */
  @Transactional
  Reported receive(Report report) {
    AlertStatus reported =
        switch (report.status()) {
          case "DELIVERED" -> AlertStatus.DELIVERED;
          case "FAILED" -> AlertStatus.FAILED;
          default -> throw new ProblemException(400, "Bad Request", "status must be DELIVERED or FAILED");
        };
    Optional<SentSms> sms = find(report);
    if (sms.isEmpty()) {
      throw new ProblemException(404, "Not Found", "No SMS alert matches this report");
    }
    SentSms alert = sms.get();
    if (!alert.status().equals(AlertStatus.SENT.name())) {
      log.atInfo().addKeyValue("alertId", alert.id()).log("Delivery report for an alert already {}; nothing changed", alert.status());
      return new Reported(alert.id(), AlertStatus.valueOf(alert.status()));
    }
    String error = reported == AlertStatus.FAILED ? "Reported by the SMS provider: " + (report.error() == null ? "failed" : report.error()) : null;
    jdbc.sql(
            """
            update alert set status = :status, last_error = :error,
                             delivered_at = case when :status = 'DELIVERED' then now() else delivered_at end
            where id = :id
            """)
        .param("status", reported.name())
        .param("error", error)
        .param("id", alert.id())
        .update();
    deliveryLog.record(alert.id(), Channel.SMS, reported, error);
    log.atInfo().addKeyValue("alertId", alert.id()).log("SMS alert {}", reported);
    return new Reported(alert.id(), reported);
  }

  private record SentSms(UUID id, String status) {}

  private Optional<SentSms> find(Report report) {
    if (report.id() != null && !report.id().isBlank()) {
      Optional<SentSms> byProviderId =
          jdbc.sql("select id, status from alert where channel = 'SMS' and provider_message_id = :id for update")
              .param("id", report.id())
              .query((rs, row) -> new SentSms(rs.getObject("id", UUID.class), rs.getString("status")))
              .optional();
      if (byProviderId.isPresent() || report.reference() == null) {
        return byProviderId;
      }
    }
    if (report.reference() == null) {
      return Optional.empty();
    }
    return jdbc.sql("select id, status from alert where channel = 'SMS' and id = :id for update")
        .param("id", report.reference())
        .query((rs, row) -> new SentSms(rs.getObject("id", UUID.class), rs.getString("status")))
        .optional();
  }
}
