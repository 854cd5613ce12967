package org.interestsoffice.notifications.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.contacts.Contact;
import org.springframework.stereotype.Component;

/** SMS through the configured {@link SmsProvider}, one request per message, within its rate limit. */
@Component
class SmsSender implements ChannelAdapter {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final SmsProvider provider;
  private final SmsSettings settings;
  private final RateLimiter rate;

  SmsSender(SmsProvider provider, SmsSettings settings) {
    this.provider = provider;
    this.settings = settings;
    this.rate = new RateLimiter(settings.ratePerSecond());
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public int workers() {
    return settings.workers();
  }

  @Override
  public String addressOf(Contact contact) {
    return contact.phone();
  }

  @Override
  public Optional<String> unusable(String address) {
    return E164.matcher(address).matches() ? Optional.empty() : Optional.of("Not an E.164 phone number");
  }

  @Override
  public List<Outcome> send(List<Outgoing> batch) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (Outgoing message : batch) {
      rate.acquire();
      outcomes.add(provider.send(message));
    }
    return outcomes;
  }
}
