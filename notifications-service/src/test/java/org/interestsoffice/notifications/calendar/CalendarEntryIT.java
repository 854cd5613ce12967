package org.interestsoffice.notifications.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
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
 * (an extension, a reissue), removed while the deadline is suspended and when the order ends.
 */
@NotificationsServiceUnderTest
class CalendarEntryIT {

  private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired MovableClock clock;
  @Autowired AlertLog alertLog;

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
    CalendarPart third = assertCancels(smtp.awaitEmailsTo(jane.email(), 3).get(2), uid, Integer.toString(suspension.deadlineVersion()));
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

  @Test
  void whenThePersonDepartsOrStaysTheEntryIsCancelledByEmailOnly() {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Doe").speaking("en"));
    StaffMember consul = personnel.registers(aDiplomat().named("Juan Pérez").speaking("es"));
    Instant due = clock.instant().plus(Duration.ofHours(72));
    personnel.ordersDeparture(jane, due);
    DepartureOrder first = personnel.ordersDeparture(consul, due);
    // Sent before the extension comes (else the order would simply go out at the newer version).
    smtp.awaitEmailTo(consul.email());
    DepartureOrder consulsOrder = personnel.extendsDeadline(first, due.plus(Duration.ofHours(24)));
    String janesUid = calendarOf(smtp.awaitEmailsTo(jane.email(), 1).get(0)).property("UID");
    List<ReceivedEmail> consulsEmails = smtp.awaitEmailsTo(consul.email(), 2);
    String consulsUid = calendarOf(consulsEmails.get(1)).property("UID");
    String consulsSequence = calendarOf(consulsEmails.get(1)).property("SEQUENCE");

    personnel.departs(jane);
    personnel.designatesRemaining(consul);

    ReceivedEmail departed = smtp.awaitEmailsTo(jane.email(), 2).get(1);
    assertThat(departed.subject()).isEqualTo("Departure order ended: no deadline to keep");
    assertCancels(departed, janesUid, "1");

    ReceivedEmail remaining = smtp.awaitEmailsTo(consul.email(), 3).get(2);
    assertThat(remaining.subject()).isEqualTo("Orden de salida terminada: ya no hay plazo que cumplir");
    assertThat(consulsSequence).isEqualTo(Integer.toString(consulsOrder.deadlineVersion()));
    assertCancels(remaining, consulsUid, consulsSequence);
    // Only the email had put the deadline in a calendar: the SMS channel says nothing more.
    assertThat(alertLog.sentSlots(jane.staffId(), "SMS")).containsExactly("ORDER");
    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER", "ORDER_ENDED");
  }

  /** The email removes the entry with that UID from the person's calendar. */
  private static CalendarPart assertCancels(ReceivedEmail email, String uid, String sequence) {
    CalendarPart cancel = calendarOf(email);
    assertThat(cancel.contentType()).containsIgnoringCase("method=CANCEL");
    assertThat(cancel.property("METHOD")).isEqualTo("CANCEL");
    assertThat(cancel.property("STATUS")).isEqualTo("CANCELLED");
    assertThat(cancel.property("UID")).isEqualTo(uid);
    assertThat(cancel.property("SEQUENCE")).isEqualTo(sequence);
    return cancel;
  }

  private static CalendarPart calendarOf(ReceivedEmail email) {
    assertThat(email.calendar()).as("the calendar part of \"%s\"", email.subject()).isPresent();
    return email.calendar().get();
  }
}
