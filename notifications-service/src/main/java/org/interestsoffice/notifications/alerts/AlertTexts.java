package org.interestsoffice.notifications.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of every alert, in the recipient's language, with the deadline in UTC and in the
 * mission's local time (a person on the ground thinks in local time; the note counts in UTC). The
 * texts live in the resource bundle {@code alerts/messages}: English is the base, Spanish its
 * {@code _es} translation, and a test fails the build if either lacks a key.
 *
 * <p>SMS texts are kept within {@link #SMS_MAX_LENGTH} characters: a long mission name is shortened
 * in an SMS, never the deadline or the link.
 */
public final class AlertTexts {

  public static final String BUNDLE = "alerts/messages";
  public static final List<String> LANGUAGES = List.of("en", "es");
  /** At most two concatenated SMS parts in GSM-7 (2 × 153), or five in UCS-2 (5 × 67); see docs/alerts.md. */
  public static final int SMS_MAX_LENGTH = 320;

  private static final int SMS_MISSION_NAME_LENGTH = 48;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  // No fallback to the JVM's default locale: an unknown language reads the English base, always.
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private AlertTexts() {}

  /** Which message it is. */
  public enum Kind {
    ORDER("order"),
    CHANGED("changed"),
    SUSPENDED("suspended"),
    REMINDER("reminder"),
    ESCALATION("escalation"),
    ENDED("ended");

    private final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /**
   * What a message states, fixed when the alert was raised.
   *
   * @param change how the deadline changed ({@code EXTENDED}, {@code REISSUED}); for {@link Kind#CHANGED}
   * @param dueAt null for a suspended deadline
   * @param timeLeft for a reminder: how long before the deadline it is sent
   * @param staffName for an escalation: the person who has not acknowledged
   * @param deadlineKind why the person must leave ({@code DEPARTURE}, {@code FINAL_DEPARTURE},
   *     {@code REDUCTION}, {@code PERSONAL}), which an order states; null reads as {@code DEPARTURE}
   * @param exercise an exercise's message says so first, in its subject and its first line
   */
  public record Content(
      Kind kind,
      String change,
      String missionName,
      ZoneId missionZone,
      Instant dueAt,
      Duration timeLeft,
      String staffName,
      String officeCode,
      String deadlineKind,
      boolean exercise) {

    /** Content that does not say why the person must leave: an order reads as a rupture's. */
    public Content(
        Kind kind, String change, String missionName, ZoneId missionZone, Instant dueAt, Duration timeLeft, String staffName, String officeCode) {
      this(kind, change, missionName, missionZone, dueAt, timeLeft, staffName, officeCode, null, false);
    }

    /** Content of a real mission's message. */
    public Content(
        Kind kind,
        String change,
        String missionName,
        ZoneId missionZone,
        Instant dueAt,
        Duration timeLeft,
        String staffName,
        String officeCode,
        String deadlineKind) {
      this(kind, change, missionName, missionZone, dueAt, timeLeft, staffName, officeCode, deadlineKind, false);
    }

    /** The same message, of an exercise. */
    public Content ofExercise() {
      return new Content(kind, change, missionName, missionZone, dueAt, timeLeft, staffName, officeCode, deadlineKind, true);
    }
  }

  /** @param subject null for an SMS */
  public record Rendered(String subject, String text) {}

  public static ResourceBundle bundle(String language) {
    Locale locale = "es".equals(language) ? Locale.forLanguageTag("es") : Locale.ROOT;
    return ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
  }

  public static Rendered render(Content content, Channel channel, String language, String recipientName, String ackLink) {
    ResourceBundle words = bundle(language);
    String marker = content.exercise() ? words.getString("exercise.marker") : "";
    // An exercise's SMS gives the marker's room from the mission's name, never from the deadline or link.
    String mission =
        channel == Channel.SMS ? shortened(content.missionName(), SMS_MISSION_NAME_LENGTH - marker.length()) : content.missionName();
    String utc = content.dueAt() == null ? "" : WHEN.format(content.dueAt().atZone(ZoneOffset.UTC)) + " UTC";
    String local =
        content.dueAt() == null
            ? ""
            : WHEN.format(content.dueAt().atZone(content.missionZone())) + " (" + content.missionZone().getId() + ")";
    String timeLeft = content.timeLeft() == null ? "" : duration(words, content.timeLeft());
    String change = content.kind() == Kind.CHANGED ? words.getString("changed.reason." + knownChange(content.change())) : "";
    String orderKind = knownDeadlineKind(content.deadlineKind());
    String orderReason = content.kind() == Kind.ORDER ? words.getString("order.reason." + orderKind).formatted(utc) : "";
    String orderTitle = content.kind() == Kind.ORDER ? words.getString("order.title." + orderKind) : "";
    Object[] arguments = {
      recipientName, mission, utc, local, ackLink == null ? "" : ackLink, timeLeft, content.staffName(), content.officeCode(), change,
      orderReason, orderTitle
    };
    String key = content.kind().key;
    String subject = channel == Channel.SMS ? null : words.getString(key + ".subject").formatted(arguments);
    String text = words.getString(key + (channel == Channel.SMS ? ".sms" : ".email")).formatted(arguments);
    if (!content.exercise()) {
      return new Rendered(subject, text);
    }
    // Unmistakable: the marker opens the subject, the SMS and the email's first line.
    if (channel == Channel.SMS) {
      return new Rendered(null, marker + ": " + text);
    }
    return new Rendered(marker + ": " + subject, words.getString("exercise.line") + "\n\n" + text);
  }

  /** The kinds an order has its own words for; any other is stated without a reason. */
  private static String knownDeadlineKind(String deadlineKind) {
    if (deadlineKind == null) {
      return "DEPARTURE";
    }
    return switch (deadlineKind) {
      case "DEPARTURE", "FINAL_DEPARTURE", "REDUCTION", "PERSONAL" -> deadlineKind;
      default -> "OTHER";
    };
  }

  private static String knownChange(String change) {
    return "EXTENDED".equals(change) || "REISSUED".equals(change) ? change : "OTHER";
  }

  /** In the largest whole unit: "48 hours", "1 hour", "90 minutes". */
  static String duration(ResourceBundle words, Duration duration) {
    long minutes = duration.toMinutes();
    if (minutes % 60 == 0 && minutes > 0) {
      long hours = minutes / 60;
      return hours == 1 ? words.getString("time.hour") : words.getString("time.hours").formatted(hours);
    }
    long shown = Math.max(1, minutes);
    return shown == 1 ? words.getString("time.minute") : words.getString("time.minutes").formatted(shown);
  }

  private static String shortened(String missionName, int length) {
    return missionName.length() <= length ? missionName : missionName.substring(0, length - 1).stripTrailing() + "…";
  }
}
