package org.interestsoffice.notifications.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of a departure order, in the person's language, with the deadline in UTC and in the
 * mission's local time (a person on the ground thinks in local time; the note counts in UTC). The
 * texts live in the resource bundle {@code alerts/departure-alert}: English is the base, Spanish
 * its {@code _es} translation, and a test fails the build if either lacks a key.
 */
final class DepartureAlertText {

  static final String BUNDLE = "alerts/departure-alert";
  static final List<String> LANGUAGES = List.of("en", "es");

  /**
   * Stands for the acknowledgement link in a stored body; the dispatcher puts a fresh link in when
   * it sends, so the raw token is never stored.
   */
  static final String ACK_LINK = "{ackLink}";

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  // No fallback to the JVM's default locale: an unknown language reads the English base, always.
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private DepartureAlertText() {}

  record Rendered(String subject, String body) {}

  static ResourceBundle bundle(String language) {
    Locale locale = "es".equals(language) ? Locale.forLanguageTag("es") : Locale.ROOT;
    return ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
  }

  static Rendered render(String language, String fullName, String missionName, Instant dueAt, ZoneId missionZone) {
    String utc = WHEN.format(dueAt.atZone(ZoneOffset.UTC)) + " UTC";
    String local = WHEN.format(dueAt.atZone(missionZone)) + " (" + missionZone.getId() + ")";
    ResourceBundle words = bundle(language);
    Object[] arguments = {fullName, missionName, utc, local, ACK_LINK};
    return new Rendered(words.getString("subject").formatted(arguments), words.getString("body").formatted(arguments));
  }
}
