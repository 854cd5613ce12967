package org.interestsoffice.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.interestsoffice.notifications.calendar.CalendarEntry;
import org.interestsoffice.notifications.calendar.ICalendar;

/**
 * An email's text with its calendar entry, as iMIP (RFC 6047) and the common mail clients expect
 * it: {@code multipart/alternative} of the {@code text/plain} message and the {@code text/calendar}
 * part with its method. A client that knows no calendars shows the text.
 */
final class CalendarPart {

  private CalendarPart() {}

  static MimeMultipart withText(String text, CalendarEntry entry, String organizer, Instant stamp) throws MessagingException {
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, StandardCharsets.UTF_8.name());
    plain.setHeader("Content-Transfer-Encoding", TextEncoding.of(text));
    MimeBodyPart calendar = new MimeBodyPart();
    byte[] ics = ICalendar.write(entry, organizer, stamp).getBytes(StandardCharsets.UTF_8);
    calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(ics, entry.contentType())));
    // iCalendar lines are CRLF-terminated and may be 75 octets of UTF-8: base64 keeps them intact.
    calendar.setHeader("Content-Transfer-Encoding", "base64");
    calendar.setHeader("Content-Class", "urn:content-classes:calendarmessage");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(calendar);
    return alternative;
  }
}
