package org.interestsoffice.notifications.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The calendar entry as RFC 5545 writes it: CRLF lines, folded at 75 octets, text escaped. */
class ICalendarTest {

  // The 72 hours given to US diplomats in Caracas on 23 January 2019.
  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");
  private static final Instant STAMP = Instant.parse("2019-01-23T21:30:05Z");
  private static final String UID = "deadline-6f1c1b1e-0000-4000-8000-000000000001-staff-6f1c1b1e-0000-4000-8000-000000000002@interests-office";

  @Test
  void aRequestPutsTheDeadlineIntoTheCalendarInUtcWithItsUidAndSequence() {
    String ics = ICalendar.write(request("Departure deadline: Embassy of the United States in Caracas", 3), "alerts@interests-office.local", STAMP);

    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    List<String> lines = unfolded(ics);
    assertThat(lines)
        .contains("VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", "END:VEVENT")
        .contains("UID:" + UID)
        .contains("SEQUENCE:3")
        .contains("DTSTART:20190126T200000Z")
        .contains("DTSTAMP:20190123T213005Z")
        .contains("SUMMARY:Departure deadline: Embassy of the United States in Caracas")
        .contains("ORGANIZER:mailto:alerts@interests-office.local")
        .contains("ATTENDEE;CN=\"Jane Doe\";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:jane@state.example")
        .contains("STATUS:CONFIRMED")
        .anySatisfy(line -> assertThat(line).startsWith("PRODID:"));
    // Every line ends in CRLF: no bare LF anywhere.
    assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void aCancellationHasTheSameUidAndSaysItIsCancelled() {
    CalendarEntry cancel = new CalendarEntry(CalendarMethod.CANCEL, UID, 4, null, "Plazo de salida: Embajada", "Juan Pérez", "juan@mppre.example");

    List<String> lines = unfolded(ICalendar.write(cancel, "alerts@interests-office.local", STAMP));

    assertThat(lines).contains("METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:4", "UID:" + UID);
    // Suspended: there is no instant to state.
    assertThat(lines).noneSatisfy(line -> assertThat(line).startsWith("DTSTART"));
    assertThat(cancel.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=CANCEL");
  }

  @Test
  void longLinesAreFoldedAtSeventyFiveOctetsNeverInsideACharacter() {
    String summary = "Plazo de salida: Embajada de la República Bolivariana de Venezuela en Washington, D.C. — sección de intereses ñ€𝄞";
    String ics = ICalendar.write(request(summary, 1), "alerts@interests-office.local", STAMP);

    for (String physical : ics.split("\r\n")) {
      assertThat(physical.getBytes(StandardCharsets.UTF_8).length).as(physical).isLessThanOrEqualTo(75);
      // A split surrogate pair or UTF-8 sequence would not survive this round trip.
      assertThat(new String(physical.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(physical);
    }
    assertThat(ics).contains("\r\n ");
    assertThat(unfolded(ics)).contains("SUMMARY:" + ICalendar.text(summary));
    assertThat(ICalendar.text(summary)).contains("Washington\\, D.C.");
  }

  @Test
  void textIsEscapedAndParametersQuoted() {
    assertThat(ICalendar.text("a\\b;c,d\ne\r\nf")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf");
    assertThat(ICalendar.parameter("Doe, Jane \"JD\": Esq;")).isEqualTo("\"Doe, Jane 'JD': Esq;\"");
  }

  private static CalendarEntry request(String summary, int sequence) {
    return new CalendarEntry(CalendarMethod.REQUEST, UID, sequence, DUE, summary, "Jane Doe", "jane@state.example");
  }

  /** The content lines, with folding undone (RFC 5545 §3.1). */
  static List<String> unfolded(String ics) {
    return Arrays.asList(ics.replace("\r\n ", "").split("\r\n"));
  }

  @Test
  void octetsAreCountedAsUtf8EncodesThemForEveryWidthOfCharacter() {
    for (String character : List.of("a", "~", "\u00f1", "\u00e9", "\u0645", "\u0416", "\u20ac", "\u4e2d", "\ud83c\uddfb\ud83c\uddea".substring(0, 2))) {
      assertThat(ICalendar.utf8Octets(character.codePointAt(0)))
          .as("U+%04X", character.codePointAt(0))
          .isEqualTo(character.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
