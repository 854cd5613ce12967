package org.interestsoffice.notifications.delivery;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.Alert;
import org.interestsoffice.notifications.alerts.Alert.Transition;
import org.interestsoffice.notifications.alerts.AlertEvent;
import org.interestsoffice.notifications.alerts.AlertStatus;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private final Alerts alerts;

  DeliveryReports(Alerts alerts) {
    this.alerts = alerts;
  }

  /** The provider's key has been checked ({@link DeliveryReportKey}). */
  @Transactional
  Reported receive(Report report) {
    AlertEvent reported =
        switch (report.status()) {
          case "DELIVERED" -> new AlertEvent.ReportedDelivered();
          case "FAILED" -> new AlertEvent.ReportedFailed("Reported by the SMS provider: " + (report.error() == null ? "failed" : report.error()));
          default -> throw new ProblemException(400, "Bad Request", "status must be DELIVERED or FAILED");
        };
    Optional<String> providerId = Optional.ofNullable(report.id()).filter(id -> !id.isBlank());
    Transition transition =
        alerts.reportedBySmsProvider(providerId, Optional.ofNullable(report.reference()), reported)
            .orElseThrow(() -> new ProblemException(404, "Not Found", "No SMS alert matches this report"));
    Alert alert = transition.after();
    if (!transition.changed()) {
      log.atInfo().addKeyValue("alertId", alert.id()).log("Delivery report for an alert already {}; nothing changed", alert.status());
    } else {
      log.atInfo().addKeyValue("alertId", alert.id()).log("SMS alert {}", alert.status());
    }
    return new Reported(alert.id(), alert.status());
  }
}
