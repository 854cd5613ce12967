package org.interestsoffice.notifications.alerts;

/**
 * Where an alert's delivery stands; also the statuses of its delivery log. The transitions between
 * them are decided by {@link Alert} alone.
 */
public enum AlertStatus {
  /** Waiting for its first attempt (or again, after a re-drive). */
  QUEUED,
  /** Handed to the SMTP server or the SMS provider. */
  SENT,
  /** The SMS provider reported it on the handset. */
  DELIVERED,
  /** The SMS provider reported, after taking it, that it could not be delivered. */
  FAILED,
  /** An attempt failed (or the person's contact details have not arrived yet); tried again later. */
  RETRYING,
  /** Given up: a permanent failure, or too many attempts. */
  DEAD;

  /** Whether a dispatcher may claim it. */
  public boolean waitingToBeSent() {
    return this == QUEUED || this == RETRYING;
  }

  /** Whether an administrator may re-drive it: it did not get through. */
  public boolean undelivered() {
    return this == DEAD || this == FAILED;
  }
}
