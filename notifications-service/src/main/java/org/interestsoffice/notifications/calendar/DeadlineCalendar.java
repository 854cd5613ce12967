package org.interestsoffice.notifications.calendar;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.interestsoffice.notifications.alerts.AlertTexts;
import org.interestsoffice.notifications.alerts.Audience;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DueAlert;
import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.notifications.contacts.Contact;

/**
 * Which departure emails carry a calendar entry, and what it says. The order's email and each
 * "deadline changed" email put the deadline into the person's calendar; a suspension removes it
 * (there is no instant to keep while it is suspended) and the next change puts it back; the email
 * sent when the order ends (the person departed, or stays as remaining staff) removes it for good.
 * Every entry of one person's order has the same UID, and the deadline's version as its SEQUENCE,
 * so each message updates the one entry and a late copy of an older one changes nothing.
 */
public final class DeadlineCalendar {

  // The event's title, in the person's language (an unknown language reads English, as alerts do).
  private static final Map<String, String> SUMMARY = Map.of("en", "Departure deadline: %s", "es", "Plazo de salida: %s");

  private DeadlineCalendar() {}

  /** The entry the alert's email carries, if it carries one. */
  public static Optional<CalendarEntry> forAlert(DueAlert alert) {
    if (alert.channel() != Channel.EMAIL || alert.audience() != Audience.STAFF || alert.contact().isEmpty()) {
      return Optional.empty();
    }
    boolean suspended = alert.dueAt() == null || "SUSPENDED".equals(alert.deadlineStatus());
    CalendarMethod method;
    if (Slot.ORDER.equals(alert.slot()) && !suspended) {
      method = CalendarMethod.REQUEST;
    } else if (Slot.DEADLINE_CHANGED.equals(alert.slot())) {
      method = suspended ? CalendarMethod.CANCEL : CalendarMethod.REQUEST;
    } else if (Slot.ORDER_ENDED.equals(alert.slot())) {
      method = CalendarMethod.CANCEL;
    } else {
      return Optional.empty();
    }
    Contact person = alert.contact().get();
    String summary = SUMMARY.getOrDefault(person.language(), SUMMARY.get("en")).formatted(alert.missionName());
    if (alert.exercise()) {
      // A drill must never land in a calendar as a real deadline.
      summary = AlertTexts.bundle(person.language()).getString("exercise.marker") + ": " + summary;
    }
    return Optional.of(
        new CalendarEntry(
            method,
            uid(alert),
            alert.order().deadlineVersion(),
            alert.dueAt(),
            summary,
            person.fullName(),
            person.email()));
  }

  /**
   * One per person and order (the kind of deadline they are ordered out by), not per deadline: a
   * reissued deadline is a new deadline that continues the old one's version, and must replace its
   * entry rather than sit beside it. A person ordered out again after their order ended (a withdrawn
   * designation as remaining staff) gets a new one, as the old one may have been cancelled at the
   * very SEQUENCE the new order starts with.
   */
  static String uid(DueAlert alert) {
    String round = alert.order().round() > 1 ? "-round" + alert.order().round() : "";
    String kind = alert.deadlineKind() == null ? "DEPARTURE" : alert.deadlineKind();
    return "order-" + kind.toLowerCase(Locale.ROOT) + "-" + alert.staffId() + round + "@interests-office";
  }
}
