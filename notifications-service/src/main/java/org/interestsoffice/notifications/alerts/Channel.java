package org.interestsoffice.notifications.alerts;

/** How an alert reaches a person. */
public enum Channel {
  EMAIL,
  SMS
}
