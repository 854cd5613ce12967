package org.interestsoffice.notifications.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;

import org.interestsoffice.notifications.acknowledgement.AcknowledgementLinks;
import org.interestsoffice.notifications.alerts.AlertSettings;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DeliveryLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** SMS alerts through the configured {@link SmsProvider}, within its rate limit. */
@Component
class SmsDispatcher extends ChannelDispatcher {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final SmsProvider provider;
  private final RateLimiter rate;

  SmsDispatcher(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      SmsProvider provider,
      AlertSettings settings,
      SmsSettings sms,
      DeliveryLog deliveryLog,
      AcknowledgementLinks links,
      MeterRegistry meters,
      Instance instance) {
    super(Channel.SMS, sms.workers(), jdbc, transactions, settings, deliveryLog, links, meters, instance.name());
    this.provider = provider;
    this.rate = new RateLimiter(sms.ratePerSecond());
  }

  @Override
  protected String addressOf(DueAlert alert) {
    return alert.contactPhone();
  }

  @Override
  protected String unusable(String address) {
    return E164.matcher(address).matches() ? null : "Not an E.164 phone number";
  }

  @Override
  protected List<Outcome> send(List<Outgoing> batch) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (Outgoing message : batch) {
      rate.acquire();
      outcomes.add(provider.send(message));
    }
    return outcomes;
  }
}
