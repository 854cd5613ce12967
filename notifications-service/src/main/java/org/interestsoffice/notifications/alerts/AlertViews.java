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
   * @param exercise whether the alert belongs to an exercise (its message says so)
   * @param caseAt for an exercise, when the alert was raised on its case clock (the order's instant,
   *     a reminder's or an escalation's due instant); null for a real mission
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
      Instant acknowledgedAt,
      boolean exercise,
      Instant caseAt) {}

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
   * @param exercise whether these are an exercise's alerts: a drill's figures, never to be added to a
   *     real mission's
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
      long escalations,
      boolean exercise) {}
}
