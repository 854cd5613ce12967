package org.interestsoffice.platform.inbox;

import org.interestsoffice.platform.events.EventEnvelope;

/** Handles one kind of event, inside the transaction that records it as processed. */
@FunctionalInterface
public interface EventHandler<T> {

  void handle(T event, EventEnvelope envelope);
}
