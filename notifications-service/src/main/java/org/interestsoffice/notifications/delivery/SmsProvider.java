package org.interestsoffice.notifications.delivery;

/**
 * Sends one SMS through a provider. Adding a provider is one class: implement this, annotate it
 * {@code @Component @ConditionalOnProperty(name = "notifications.sms.provider", havingValue = "...")}
 * and select it with {@code NOTIFICATIONS_SMS_PROVIDER}.
 */
public interface SmsProvider {

  /**
   * @param message {@code to} in E.164; {@code key().idempotencyKey()} identifies the request (the
   *     same on every attempt of one sending, new after a re-drive: a provider must send a key it
   *     has already taken only once), {@code alertId()} is the reference a delivery report may quote
   * @return {@link Outcome.Sent} with the provider's message id, or {@link Outcome.Failed} saying
   *     whether retrying may help; never throws for a refused or failed message
   */
  Outcome send(Outgoing message);
}
