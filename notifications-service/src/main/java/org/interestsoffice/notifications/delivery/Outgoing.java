package org.interestsoffice.notifications.delivery;

import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.DeliveryKey;
import org.interestsoffice.notifications.calendar.CalendarEntry;

/**
 * A message ready for its channel.
 *
 * @param key names this sending of the alert: the email's Message-ID, the SMS request's
 *     Idempotency-Key; the same on a retry or a re-send after a crash, new after a re-drive
 * @param to an email address or an E.164 phone number
 * @param subject null for an SMS
 * @param calendar the calendar entry an email carries, or null
 */
public record Outgoing(DeliveryKey key, String to, String subject, String text, CalendarEntry calendar) {

  /** A message without a calendar entry. */
  public Outgoing(DeliveryKey key, String to, String subject, String text) {
    this(key, to, subject, text, null);
  }

  public Optional<CalendarEntry> calendarEntry() {
    return Optional.ofNullable(calendar);
  }

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
