package org.interestsoffice.notifications.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * The deadline as an event in the person's calendar.
 *
 * @param uid the same for every message about this person's deadline, so each one updates (or
 *     cancels) the same entry
 * @param sequence the deadline's version: higher when the deadline changes
 * @param dueAt when the person must have left, the event's start; null only in a cancellation of
 *     a suspended deadline
 * @param summary the event's title, in the person's language
 * @param attendeeName the person, as their calendar shows them
 * @param attendeeEmail the person's address
 */
public record CalendarEntry(
    CalendarMethod method, String uid, int sequence, Instant dueAt, String summary, String attendeeName, String attendeeEmail) {

  public CalendarEntry {
    Objects.requireNonNull(method);
    Objects.requireNonNull(uid);
    if (method == CalendarMethod.REQUEST) {
      Objects.requireNonNull(dueAt, "a requested entry has its instant");
    }
    Objects.requireNonNull(summary);
    Objects.requireNonNull(attendeeEmail);
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence " + sequence);
    }
  }

  /** The MIME type of its part, with the method as iMIP (RFC 6047) wants it. */
  public String contentType() {
    return "text/calendar; charset=UTF-8; method=" + method.name();
  }

  // Holds personal data: never printed by accident.
  @Override
  public String toString() {
    return "CalendarEntry[method=" + method + ", uid=" + uid + ", sequence=" + sequence + "]";
  }
}
