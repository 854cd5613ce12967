package org.interestsoffice.platform.messaging;

/** Turns logical exchange and queue names into the names used on the broker. */
public final class MessagingNames {

  private final String namespace;

  public MessagingNames(MessagingProperties properties) {
    this.namespace = properties.namespace().strip();
  }

  public String of(String logicalName) {
    return namespace.isEmpty() ? logicalName : namespace + "." + logicalName;
  }

  public static String deadLetterQueueOf(String queue) {
    return queue + ".dlq";
  }

  /** Where the broker moves what its dead-letter queue could not deliver either: nothing consumes it. */
  public static String parkingQueueOf(String queue) {
    return queue + ".parked";
  }
}
