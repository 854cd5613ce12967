package org.interestsoffice.notifications.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.Dispatch;
import org.springframework.stereotype.Component;

/** Wakes the dispatcher of a channel when alerts are queued on it. */
@Component
class Dispatchers implements Dispatch {

  private final Map<Channel, ChannelDispatcher> byChannel = new EnumMap<>(Channel.class);

  Dispatchers(List<ChannelDispatcher> dispatchers) {
    dispatchers.forEach(dispatcher -> byChannel.put(dispatcher.channel(), dispatcher));
  }

  @Override
  public void wakeUp(Channel channel) {
    ChannelDispatcher dispatcher = byChannel.get(channel);
    if (dispatcher != null) {
      dispatcher.wakeUp();
    }
  }
}
