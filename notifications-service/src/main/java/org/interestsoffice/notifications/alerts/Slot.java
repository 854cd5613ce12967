package org.interestsoffice.notifications.alerts;

import java.time.Duration;

/**
 * Which message of an order an alert is: with the person, the deadline version, the round and the
 * channel, its slot makes an alert unique, so each is sent once.
 */
public final class Slot {

  /** The order itself. */
  public static final String ORDER = "ORDER";
  /** The deadline behind the order changed: extended, suspended or reissued. */
  public static final String DEADLINE_CHANGED = "DEADLINE_CHANGED";

  private static final String REMINDER = "REMINDER_";
  private static final String ESCALATION = "ESCALATION:";

  private Slot() {}

  /** A reminder that long before the deadline: {@code REMINDER_48H}, {@code REMINDER_90M}. */
  public static String reminder(Duration before) {
    if (before.toSeconds() % 3600 == 0) {
      return REMINDER + before.toHours() + "H";
    }
    if (before.toSeconds() % 60 == 0) {
      return REMINDER + before.toMinutes() + "M";
    }
    return REMINDER + before.toSeconds() + "S";
  }

  /** The message telling one office head that a person has not acknowledged. */
  public static String escalation(String officeHead) {
    return ESCALATION + officeHead;
  }

  public static boolean isReminder(String slot) {
    return slot.startsWith(REMINDER);
  }
}
