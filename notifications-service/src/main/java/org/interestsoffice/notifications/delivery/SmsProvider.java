package org.interestsoffice.notifications.delivery;

/**
 * Sends one SMS through a provider. Adding a provider is one class: implement this, annotate it
 * {@code @Component @ConditionalOnProperty(name = "notifications.sms.provider", havingValue = "...")}
 * and select it with {@code NOTIFICATIONS_SMS_PROVIDER}.
 */
public interface SmsProvider {

  /**
   * @param message {@code to} in E.164; {@code alertId} identifies the request (idempotency key, and
   *     the reference a delivery report may quote)
   * @return {@link Outcome.Sent} with the provider's message id, or {@link Outcome.Failed} saying
   *     whether retrying may help; never throws for a refused or failed message
   */
  Outcome send(Outgoing message);
}
