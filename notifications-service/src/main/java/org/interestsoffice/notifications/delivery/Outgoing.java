package org.interestsoffice.notifications.delivery;

import java.util.UUID;

import org.interestsoffice.notifications.alerts.DeliveryKey;

/**
 * A message ready for its channel.
 *
 * @param key names this sending of the alert: the email's Message-ID, the SMS request's
 *     Idempotency-Key; the same on a retry or a re-send after a crash, new after a re-drive
 * @param to an email address or an E.164 phone number
 * @param subject null for an SMS
 */
public record Outgoing(DeliveryKey key, String to, String subject, String text) {

  /** The alert it is for: the reference a delivery report quotes. */
  public UUID alertId() {
    return key.alertId();
  }

  // The address and the text are personal data: never printed by accident.
  @Override
  public String toString() {
    return "Outgoing[alertId=" + key.alertId() + ", generation=" + key.generation() + "]";
  }
}
