package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the alerts API shows: the delivery state, not the message or the person's address. */
final class AlertViews {

  private AlertViews() {}

  /**
   * @param audience {@code STAFF} (the person it is about) or {@code OFFICE_HEAD} (an escalation)
   * @param round counts the times the person was ordered out on this deadline (a withdrawn
   *     remaining-staff designation starts a new round)
   */
  record AlertView(
      UUID id,
      UUID staffId,
      UUID missionId,
      String officeCode,
      String deadlineKind,
      UUID deadlineId,
      int deadlineVersion,
      int round,
      String slot,
      String channel,
      String audience,
      String language,
      AlertStatus status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant sentAt,
      Instant deliveredAt,
      Instant acknowledgedAt) {}

  /**
   * A line of an alert's log: an attempt to deliver it, or the person's reply to its SMS.
   *
   * @param status the alert's status after the attempt (for a reply: as it stood then)
   * @param reply what the person replied to the SMS, on a reply's line only
   * @param replyOutcome what the reply did, on a reply's line only
   */
  record DeliveryAttemptView(String channel, AlertStatus status, Instant at, String error, String reply, ReplyOutcome replyOutcome) {}

  record AlertDetailView(AlertView alert, List<DeliveryAttemptView> deliveryLog) {}

  /**
   * How far a mission's alerts to its staff have got, counted by status (escalations to office heads
   * are counted apart).
   *
   * @param acknowledged alerts acknowledged through their link
   * @param staff people alerted
   * @param staffAcknowledged people who acknowledged at least one alert
   * @param escalations messages to office heads about people who did not acknowledge
   */
  record AlertProgressView(
      UUID missionId,
      long total,
      long queued,
      long retrying,
      long sent,
      long delivered,
      long failed,
      long dead,
      long acknowledged,
      long staff,
      long staffAcknowledged,
      long escalations) {}
}
