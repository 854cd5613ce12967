package org.interestsoffice.notifications.delivery;

import java.time.Instant;

import org.interestsoffice.notifications.alerts.ReplyOutcome;

/**
 * Where a message a person sends to the service's number goes (a reply to an alert), whichever way
 * the provider delivers it: the HTTP provider's inbound webhook, or an SMPP {@code deliver_sm}.
 */
public interface InboundSms {

  /**
   * @param providerMessageId the provider's id for the message: the same when it delivers it again
   * @param from the sender's number (E.164, or as the provider writes it: digits without {@code +},
   *     {@code 00} for international)
   * @param text what the person wrote
   */
  record Message(String providerMessageId, String from, String text, Instant receivedAt) {

    // The number and the text are personal data: never printed by accident.
    @Override
    public String toString() {
      return "InboundSms.Message[providerMessageId=" + providerMessageId + "]";
    }
  }

  /**
   * Records the message and acts on it, once per provider message id; throws only when it could not
   * be recorded (the provider should deliver it again).
   *
   * @return what it did (for a message delivered again: what it did the first time)
   */
  ReplyOutcome receive(Message message);
}
