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
 * @param idempotencyKey what a provider deduplicates the SMS by: the key's, or for a help text
 *     answering a reply {@code "{alert id}-help"} (one help text per alert)
 * @param reported whether the provider is asked for a delivery report: for the alert itself, not
 *     for a help text (whose report would otherwise be taken for the alert's)
 * @param calendar the calendar entry an email carries, or null
 */
public record Outgoing(
    DeliveryKey key, String to, String subject, String text, String idempotencyKey, boolean reported, CalendarEntry calendar) {

  /** A message without a calendar entry. */
  public Outgoing(DeliveryKey key, String to, String subject, String text) {
    this(key, to, subject, text, key.idempotencyKey(), true, null);
  }

  /** An email that carries a calendar entry (or none, if null). */
  public Outgoing(DeliveryKey key, String to, String subject, String text, CalendarEntry calendar) {
    this(key, to, subject, text, key.idempotencyKey(), true, calendar);
  }

  /** The short help text answering a reply to the alert's SMS that was not understood. */
  public static Outgoing helpAnswering(UUID alertId, String to, String text) {
    return new Outgoing(new DeliveryKey(alertId, 0), to, null, text, alertId + "-help", false, null);
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
    return "Outgoing[alertId=" + key.alertId() + ", generation=" + key.generation() + ", idempotencyKey=" + idempotencyKey + "]";
  }
}
