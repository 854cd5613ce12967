package org.interestsoffice.notifications.calendar;

/**
 * The iTIP method (RFC 5546) of a calendar entry sent with an alert. {@code REQUEST}, not {@code
 * PUBLISH}: mail clients (Outlook, Gmail, Apple Mail) put a request into the person's calendar and
 * replace it when one with the same UID and a higher SEQUENCE arrives, and remove it on a {@code
 * CANCEL}, which iTIP defines for requests; a published entry is an import that later messages do
 * not reliably update or remove. The request asks for no reply ({@code RSVP=FALSE}): the person
 * acknowledges through the alert's link, not through the calendar.
 */
public enum CalendarMethod {
  /** The deadline, new or changed (a higher SEQUENCE). */
  REQUEST,
  /** No deadline to keep any more: the entry is removed ({@code STATUS:CANCELLED}). */
  CANCEL
}
