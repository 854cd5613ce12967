package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the alerts API shows: the delivery state, not the message or the person's address. */
final class AlertViews {

  private AlertViews() {}

  record AlertView(
      UUID id,
      UUID staffId,
      UUID missionId,
      String officeCode,
      UUID deadlineId,
      int deadlineVersion,
      String slot,
      String channel,
      String language,
      AlertStatus status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant sentAt,
      Instant acknowledgedAt) {}

  record DeliveryAttemptView(String channel, AlertStatus status, Instant at, String error) {}

  record AlertDetailView(AlertView alert, List<DeliveryAttemptView> deliveryLog) {}

  /** How far a mission's alerts have got, counted by status of the alerts of the caller's offices. */
  record AlertProgressView(
      UUID missionId,
      long total,
      long queued,
      long retrying,
      long sent,
      long delivered,
      long failed,
      long dead,
      long acknowledged) {}
}
