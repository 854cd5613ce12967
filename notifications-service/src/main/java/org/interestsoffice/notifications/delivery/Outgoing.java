package org.interestsoffice.notifications.delivery;

import java.util.UUID;

/**
 * A message ready for its channel.
 *
 * @param alertId also the idempotency key a provider may use to recognise a repeated request
 * @param to an email address or an E.164 phone number
 * @param subject null for an SMS
 */
public record Outgoing(UUID alertId, String to, String subject, String text) {

  // The address and the text are personal data: never printed by accident.
  @Override
  public String toString() {
    return "Outgoing[alertId=" + alertId + "]";
  }
}
