package org.interestsoffice.notifications.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.ReceivedEmail.CalendarPart;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The departure email puts the deadline into the person's calendar, as the SMTP server received it:
 * one entry per person and order, updated with a higher SEQUENCE at every change of the deadline
 * (an extension, a reissue), removed while the deadline is suspended.
 */
@NotificationsServiceUnderTest
class CalendarEntryIT {

  private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired MovableClock clock;

  @Test
  void theOrdersEmailCarriesTheDeadlineAndEachChangeUpdatesTheSameEntryWithAHigherSequence() {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Doe").speaking("en"));
    Instant due = clock.instant().plus(Duration.ofHours(72)).truncatedTo(ChronoUnit.SECONDS);

    DepartureOrder order = personnel.ordersDeparture(jane, due);

    CalendarPart first = calendarOf(smtp.awaitEmailsTo(jane.email(), 1).get(0));
    assertThat(first.contentType()).containsIgnoringCase("text/calendar").containsIgnoringCase("method=REQUEST");
    assertThat(first.property("METHOD")).isEqualTo("REQUEST");
    String uid = first.property("UID");
    assertThat(uid).contains(jane.staffId().toString());
    assertThat(first.property("SEQUENCE")).isEqualTo("1");
    assertThat(first.property("DTSTART")).isEqualTo(ICS_UTC.format(due));
    assertThat(first.property("SUMMARY")).isEqualTo("Departure deadline: " + jane.mission().name());
    assertThat(first.property("STATUS")).isEqualTo("CONFIRMED");
    assertThat(first.lines()).anySatisfy(line -> assertThat(line).startsWith("ATTENDEE").endsWith("mailto:" + jane.email()));

    // Extended by a day: the same entry, a higher SEQUENCE, the new instant.
    Instant extended = due.plus(Duration.ofHours(24));
    DepartureOrder extension = personnel.extendsDeadline(order, extended);
    CalendarPart second = calendarOf(smtp.awaitEmailsTo(jane.email(), 2).get(1));
    assertThat(second.property("METHOD")).isEqualTo("REQUEST");
    assertThat(second.property("UID")).isEqualTo(uid);
    assertThat(Integer.parseInt(second.property("SEQUENCE"))).isGreaterThan(Integer.parseInt(first.property("SEQUENCE")));
    assertThat(second.property("DTSTART")).isEqualTo(ICS_UTC.format(extended));

    // Suspended: no instant to keep, so the entry is removed...
    DepartureOrder suspension = personnel.suspends(extension);
    ReceivedEmail suspended = smtp.awaitEmailsTo(jane.email(), 3).get(2);
    CalendarPart third = calendarOf(suspended);
    assertThat(third.contentType()).containsIgnoringCase("method=CANCEL");
    assertThat(third.property("METHOD")).isEqualTo("CANCEL");
    assertThat(third.property("STATUS")).isEqualTo("CANCELLED");
    assertThat(third.property("UID")).isEqualTo(uid);
    assertThat(Integer.parseInt(third.property("SEQUENCE"))).isGreaterThan(Integer.parseInt(second.property("SEQUENCE")));
    assertThat(third.lines()).noneSatisfy(line -> assertThat(line).startsWith("DTSTART"));

    // ...and a reissued deadline (a new deadline, continuing the version) puts it back, same UID.
    Instant reissued = clock.instant().plus(Duration.ofHours(72)).truncatedTo(ChronoUnit.SECONDS);
    personnel.reissues(suspension, reissued);
    CalendarPart fourth = calendarOf(smtp.awaitEmailsTo(jane.email(), 4).get(3));
    assertThat(fourth.property("METHOD")).isEqualTo("REQUEST");
    assertThat(fourth.property("UID")).isEqualTo(uid);
    assertThat(Integer.parseInt(fourth.property("SEQUENCE"))).isGreaterThan(Integer.parseInt(third.property("SEQUENCE")));
    assertThat(fourth.property("DTSTART")).isEqualTo(ICS_UTC.format(reissued));
    // The text is still there for a client that knows no calendars.
    assertThat(smtp.emailsTo(jane.email())).hasSize(4).allSatisfy(email -> assertThat(email.body()).contains("Dear Jane Doe,"));
  }

  @Test
  void aSpanishSpeakersEntryIsTitledInSpanishAndAnotherPersonsEntryIsAnotherOne() {
    StaffMember juan = personnel.registers(aDiplomat().named("Juan Pérez").speaking("es"));
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Doe").speaking("en"));
    Instant due = clock.instant().plus(Duration.ofHours(48));

    personnel.ordersDeparture(juan, due);
    personnel.ordersDeparture(jane, due);

    CalendarPart his = calendarOf(smtp.awaitEmailTo(juan.email()));
    CalendarPart hers = calendarOf(smtp.awaitEmailTo(jane.email()));
    assertThat(his.property("SUMMARY")).isEqualTo("Plazo de salida: " + juan.mission().name());
    assertThat(his.property("UID")).isNotEqualTo(hers.property("UID"));
  }

  private static CalendarPart calendarOf(ReceivedEmail email) {
    assertThat(email.calendar()).as("the calendar part of \"%s\"", email.subject()).isPresent();
    return email.calendar().get();
  }
}
