package org.interestsoffice.notifications.alerts;

/** Whoever sends alerts: told when new ones are queued, so they go out at once rather than at the next poll. */
public interface Dispatch {

  void wakeUp(Channel channel);
}
