package org.interestsoffice.notifications.alerts;

/** Whom an alert is for: the staff member it is about, or an office head told of them. */
public enum Audience {
  STAFF,
  OFFICE_HEAD
}
