package org.interestsoffice.notifications.alerts;

/** What a person's reply to an SMS alert did; the ones about an alert show in its log. */
public enum ReplyOutcome {
  /** Not handled yet (a reply being handled, or one whose handling failed and is tried again). */
  RECEIVED,
  /** The reply ("OK", "SI", "SÍ", "YES", "1") acknowledged the person's latest unacknowledged alert. */
  ACKNOWLEDGED,
  /** Not understood: the help text was sent (once per alert). */
  HELP_SENT,
  /** Not understood, and the help text could not be sent: the next reply not understood tries again. */
  HELP_NOT_SENT,
  /** Not understood, and the help text had been sent for this alert already: nothing more is sent. */
  NOT_UNDERSTOOD,
  /** A known person with no unacknowledged SMS alert: nothing changed. */
  NO_OPEN_ALERT,
  /** A number that is nobody's contact: nothing changed. */
  UNKNOWN_SENDER;

  /** Whether the reply is about one alert, and so shows in its log. */
  public boolean aboutAnAlert() {
    return this == ACKNOWLEDGED || this == HELP_SENT || this == HELP_NOT_SENT || this == NOT_UNDERSTOOD;
  }
}
