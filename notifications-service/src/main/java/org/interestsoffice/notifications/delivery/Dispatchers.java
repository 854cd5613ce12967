package org.interestsoffice.notifications.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.interestsoffice.notifications.acknowledgement.AcknowledgementLinks;
import org.interestsoffice.notifications.alerts.AlertSettings;
import org.interestsoffice.notifications.alerts.Alerts;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.Dispatch;
import org.interestsoffice.platform.tracing.Traces;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One {@link ChannelDispatcher} per channel adapter (the SMTP sender, the SMS sender), started and
 * stopped with the application; wakes a channel's dispatcher when alerts are queued on it.
 */
@Component
class Dispatchers implements Dispatch, SmartLifecycle {

  private final Map<Channel, ChannelDispatcher> byChannel = new EnumMap<>(Channel.class);

  Dispatchers(
      List<ChannelAdapter> adapters,
      Alerts alerts,
      TransactionTemplate transactions,
      AlertSettings settings,
      AcknowledgementLinks links,
      MeterRegistry meters,
      Instance instance,
      Traces traces) {
    for (ChannelAdapter adapter : adapters) {
      byChannel.put(adapter.channel(), new ChannelDispatcher(adapter, alerts, transactions, settings, links, meters, instance, traces));
    }
  }

  @Override
  public void wakeUp(Channel channel) {
    ChannelDispatcher dispatcher = byChannel.get(channel);
    if (dispatcher != null) {
      dispatcher.wakeUp();
    }
  }

  @Override
  public void start() {
    byChannel.values().forEach(ChannelDispatcher::start);
  }

  @Override
  public void stop() {
    byChannel.values().forEach(ChannelDispatcher::stop);
  }

  @Override
  public boolean isRunning() {
    return byChannel.values().stream().anyMatch(ChannelDispatcher::isRunning);
  }

  /** Stops before the connections and the database pool it needs are closed, as every worker does. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }
}
