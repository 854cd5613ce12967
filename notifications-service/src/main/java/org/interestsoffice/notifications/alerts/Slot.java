package org.interestsoffice.notifications.alerts;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which message of an order an alert is: with the person, the deadline version, the round and the
 * channel, its slot makes an alert unique, so each is sent once. {@link #code()} is how it is stored
 * and shown ({@code ORDER}, {@code REMINDER_48H}, {@code ESCALATION:ccs.head}); {@link #parse} reads
 * it back, in this one place.
 */
public sealed interface Slot {

  /** The order itself. */
  Slot ORDER = new Order();
  /** The deadline behind the order changed: extended, suspended or reissued. */
  Slot DEADLINE_CHANGED = new DeadlineChanged();
  /**
   * The order ended (the person departed, or was designated remaining staff): the email that takes
   * the deadline out of their calendar.
   */
  Slot ORDER_ENDED = new OrderEnded();

  String code();

  /** A reminder that long before the deadline: {@code REMINDER_48H}, {@code REMINDER_90M}. */
  static Slot reminder(Duration before) {
    return new Reminder(before);
  }

  /** The message telling one office head that a person has not acknowledged. */
  static Slot escalation(String officeHead) {
    return new Escalation(officeHead);
  }

  static Slot parse(String code) {
    if (code.equals(ORDER.code())) {
      return ORDER;
    }
    if (code.equals(DEADLINE_CHANGED.code())) {
      return DEADLINE_CHANGED;
    }
    if (code.equals(ORDER_ENDED.code())) {
      return ORDER_ENDED;
    }
    if (code.startsWith(Escalation.PREFIX)) {
      return new Escalation(code.substring(Escalation.PREFIX.length()));
    }
    Matcher reminder = Reminder.CODE.matcher(code);
    if (reminder.matches()) {
      long amount = Long.parseLong(reminder.group(1));
      return new Reminder(
          switch (reminder.group(2)) {
            case "H" -> Duration.ofHours(amount);
            case "M" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
          });
    }
    throw new IllegalArgumentException("Not a slot: " + code);
  }

  record Order() implements Slot {
    @Override
    public String toString() {
      return code();
    }

    @Override
    public String code() {
      return "ORDER";
    }
  }

  record DeadlineChanged() implements Slot {
    @Override
    public String toString() {
      return code();
    }

    @Override
    public String code() {
      return "DEADLINE_CHANGED";
    }
  }

  record OrderEnded() implements Slot {
    @Override
    public String toString() {
      return code();
    }

    @Override
    public String code() {
      return "ORDER_ENDED";
    }
  }

  /** @param before how long before the deadline it goes out */
  record Reminder(Duration before) implements Slot {

    private static final Pattern CODE = Pattern.compile("REMINDER_([0-9]+)([HMS])");

    @Override
    public String toString() {
      return code();
    }

    public Reminder {
      if (before.isNegative() || before.isZero()) {
        throw new IllegalArgumentException("A reminder goes out before the deadline, not " + before);
      }
    }

    @Override
    public String code() {
      long seconds = before.toSeconds();
      if (seconds % 3600 == 0) {
        return "REMINDER_" + before.toHours() + "H";
      }
      if (seconds % 60 == 0) {
        return "REMINDER_" + before.toMinutes() + "M";
      }
      return "REMINDER_" + seconds + "S";
    }
  }

  /** @param officeHead the username of the office head told */
  record Escalation(String officeHead) implements Slot {

    private static final String PREFIX = "ESCALATION:";

    @Override
    public String toString() {
      return code();
    }

    @Override
    public String code() {
      return PREFIX + officeHead;
    }
  }
}
