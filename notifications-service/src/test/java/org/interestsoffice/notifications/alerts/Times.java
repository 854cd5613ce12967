package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** An instant as the alerts state it, for tests to look for. */
final class Times {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Times() {}

  static String utc(Instant instant) {
    return WHEN.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
  }

  static String local(Instant instant, String zone) {
    return WHEN.format(instant.atZone(ZoneId.of(zone))) + " (" + zone + ")";
  }
}
