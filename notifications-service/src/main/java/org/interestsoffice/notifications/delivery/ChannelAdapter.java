package org.interestsoffice.notifications.delivery;

import java.util.List;
import java.util.Optional;

import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.contacts.Contact;

/**
 * What differs between channels, and nothing more: the one {@link ChannelDispatcher} does the
 * claiming, rendering, recording and counting for each of them.
 */
interface ChannelAdapter {

  Channel channel();

  /** Dispatcher threads for this channel. */
  int workers();

  /** The person's address on this channel: their email or their phone. */
  String addressOf(Contact contact);

  /** Why this address can never work on this channel, if it cannot. */
  Optional<String> unusable(String address);

  /**
   * Sends the batch and says what became of each message, in the same order. Must not throw for a
   * failed message: a failure is an outcome.
   */
  List<Outcome> send(List<Outgoing> batch);
}
