package org.interestsoffice.notifications.delivery;

/** What became of one message handed to a channel. */
public sealed interface Outcome {

  /** @param providerMessageId the provider's id for it, if it gives one (delivery reports name it) */
  record Sent(String providerMessageId) implements Outcome {}

  /** @param permanent whether trying again cannot help (a rejected address, an invalid number) */
  record Failed(String error, boolean permanent) implements Outcome {

    static Failed transientFailure(String error) {
      return new Failed(error, false);
    }

    static Failed permanentFailure(String error) {
      return new Failed(error, true);
    }
  }
}
