package org.interestsoffice.notifications.alerts;

import java.time.Instant;

/** What can happen to an alert; {@link Alert#on} decides what it changes. */
public sealed interface AlertEvent {

  /** Claimed for sending, but the person's contact details have not arrived yet: not an attempt. */
  record ContactMissing() implements AlertEvent {
    public static final String ERROR = "No contact details for this person yet";
  }

  /** The channel took the message. */
  record Sent() implements AlertEvent {}

  /** The channel did not take it. */
  record NotSent(String error, boolean permanent) implements AlertEvent {}

  /** The SMS provider reports it on the handset. */
  record ReportedDelivered() implements AlertEvent {}

  /** The SMS provider reports, after taking it, that it could not be delivered. */
  record ReportedFailed(String error) implements AlertEvent {}

  /** An administrator sends it again: a new generation, with its attempts reset. */
  record ReDriven(String by) implements AlertEvent {}

  /** The person confirmed receipt through the link. */
  record Acknowledged(Instant at) implements AlertEvent {}
}
