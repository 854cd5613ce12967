package org.interestsoffice.notifications.calendar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Writes a {@link CalendarEntry} as an iCalendar object (RFC 5545), by hand: lines end in CRLF,
 * are folded at 75 octets (never inside a UTF-8 character), and text values are escaped. Times are
 * in UTC ({@code 20190126T194500Z}), so no time zone definition is needed.
 */
public final class ICalendar {

  static final String PRODUCT = "-//Interests Office Platform//Departure alerts//EN";
  private static final int MAX_OCTETS = 75;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ICalendar() {}

  /**
   * @param organizer the address the entry comes from (the alerts' sender)
   * @param stamp when this object is made (its {@code DTSTAMP})
   */
  public static String write(CalendarEntry entry, String organizer, Instant stamp) {
    boolean cancel = entry.method() == CalendarMethod.CANCEL;
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "PRODID:" + PRODUCT);
    line(out, "VERSION:2.0");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:" + entry.method().name());
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + entry.uid());
    line(out, "SEQUENCE:" + entry.sequence());
    line(out, "DTSTAMP:" + UTC.format(stamp));
    if (entry.dueAt() != null) {
      line(out, "DTSTART:" + UTC.format(entry.dueAt()));
    }
    line(out, "SUMMARY:" + text(entry.summary()));
    line(out, "ORGANIZER:mailto:" + organizer);
    String name = entry.attendeeName() == null ? "" : "CN=" + parameter(entry.attendeeName()) + ";";
    line(out, "ATTENDEE;" + name + "ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + entry.attendeeEmail());
    line(out, "STATUS:" + (cancel ? "CANCELLED" : "CONFIRMED"));
    // A deadline, not a meeting: it does not make the person look busy.
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
  static String text(String value) {
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  /** A parameter value (§3.2): quoted, as it may hold ':', ';' or ','; a double quote cannot appear in one. */
  static String parameter(String value) {
    return "\"" + CONTROL.matcher(value.replace("\"", "'")).replaceAll(" ") + "\"";
  }

  /** Appends a content line, folded (§3.1): at most 75 octets a line, continued after CRLF and a space. */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = utf8Octets(codePoint);
      if (octets + size > MAX_OCTETS) {
        out.append("\r\n ");
        // The space that starts a continuation line counts towards its 75 octets.
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }

  /** The octets a code point takes in UTF-8: counted, not encoded (this runs for every character of every email). */
  static int utf8Octets(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
