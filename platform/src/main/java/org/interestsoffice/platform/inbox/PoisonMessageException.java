package org.interestsoffice.platform.inbox;

/** A message that no retry can help: it goes straight to the dead-letter queue. */
public class PoisonMessageException extends RuntimeException {

  public PoisonMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
