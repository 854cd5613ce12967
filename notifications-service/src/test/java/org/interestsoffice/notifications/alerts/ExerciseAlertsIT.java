package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomatOf;

import java.time.Duration;
import java.time.Instant;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.Stamp;
import org.interestsoffice.notifications.fixtures.NotificationsEvents;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.Mission;
import org.interestsoffice.notifications.personnel.Missions;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An exercise's alerts: marked "EXERCISE" / "EJERCICIO" in the subject, the SMS and the email's
 * first line, stamped on the case clock, and its reminders and escalation falling due only as the
 * crisis cell advances that clock (a jump past several reminder slots sends the latest and records
 * the others as missed), while a real mission beside it keeps the wall clock.
 */
@NotificationsServiceUnderTest
class ExerciseAlertsIT {

  /** The rupture note of 23 January 2019, replayed: 72 hours to leave. */
  private static final Instant NOTE = Instant.parse("2019-01-23T21:00:00Z");
  private static final Instant DUE = NOTE.plus(Duration.ofHours(72));
  private static final String CARACAS_HEAD = "ccs.head@state.example";

  @Autowired Personnel personnel;
  @Autowired Missions missions;
  @Autowired SmtpServer smtp;
  @Autowired SmsProviderServer sms;
  @Autowired AlertLog alertLog;
  @Autowired NotificationsEvents published;
  @Autowired MovableClock clock;

  @Test
  void anExercisesAlertsAreMarkedStampedInCaseTimeAndFollowItsCaseClockOnly() {
    Mission exercise = Mission.exerciseInCaracas();
    personnel.hearsCaseClockAt(exercise, NOTE);
    String name = "Jane Drill " + exercise.missionId().toString().substring(0, 8);
    StaffMember jane = personnel.registers(aDiplomatOf(exercise).named(name));
    StaffMember rosa = personnel.registers(aDiplomatOf(exercise).named("Rosa Simulacro").speaking("es"));
    StaffMember real = personnel.registers(aDiplomat().named("Bob Real"));
    personnel.ordersDeparture(jane, DUE);
    personnel.ordersDeparture(rosa, DUE);
    personnel.ordersDeparture(real, clock.instant().plus(Duration.ofHours(72)));

    ReceivedEmail order = smtp.awaitEmailTo(jane.email());
    assertThat(order.subject()).isEqualTo("EXERCISE: Departure order: leave by 2019-01-26 21:00 UTC");
    assertThat(order.body().lines().findFirst()).hasValue("EXERCISE: this message is part of a drill of the crisis cell. It is not a real order.");
    assertThat(smtp.awaitEmailTo(rosa.email()).subject()).startsWith("EJERCICIO: ");
    assertThat(smtp.awaitEmailTo(rosa.email()).body()).startsWith("EJERCICIO: este mensaje forma parte de un simulacro");
    assertThat(sms.awaitAcceptedFor(jane.phone(), 1).get(0).text()).startsWith("EXERCISE: Departure order (");
    assertThat(sms.awaitAcceptedFor(rosa.phone(), 1).get(0).text()).startsWith("EJERCICIO: ");
    assertThat(smtp.awaitEmailTo(real.email()).subject()).doesNotContain("EXERCISE");
    assertThat(alertLog.stampsOf(jane.staffId(), "EMAIL")).containsExactly(new Stamp("ORDER", true, NOTE));
    assertThat(alertLog.stampsOf(real.staffId(), "EMAIL")).containsExactly(new Stamp("ORDER", false, null));

    // The exercise's reminders are due in 2019 by the wall clock, but they follow the case clock:
    // once the scheduler has fired a real reminder due now, none of them has gone.
    awaitSchedulerPassed();
    assertThat(alertLog.reminderSlots(jane.staffId(), "SCHEDULED")).containsExactly("REMINDER_48H", "REMINDER_24H", "REMINDER_6H", "REMINDER_1H");
    assertThat(alertLog.escalationStatus(jane.staffId())).isEqualTo("WAITING");

    // 30 hours on: the 48-hour reminder (due 24 hours after the note) goes, and nobody acknowledged
    // within the 6 hours the tests configure: the office head is told, as of 6 hours after the note.
    missions.advancesCaseClock(exercise, NOTE, NOTE, NOTE.plus(Duration.ofHours(30)));
    awaitSent(jane, "REMINDER_48H");
    assertThat(alertLog.stampsOf(jane.staffId(), "SMS"))
        .containsExactly(new Stamp("ORDER", true, NOTE), new Stamp("REMINDER_48H", true, DUE.minus(Duration.ofHours(48))));
    ReceivedEmail escalation =
        await().until(
                () -> smtp.emailsTo(CARACAS_HEAD).stream().filter(email -> email.subject().endsWith(": " + name)).toList(),
                emails -> emails.size() == 1)
            .get(0);
    assertThat(escalation.subject()).startsWith("EXERCISE: ");
    EventEnvelope escalated = await().until(() -> published.received("AlertEscalated", jane.staffId()), events -> events.size() == 1).get(0);
    assertThat(escalated.occurredAt()).isEqualTo(NOTE.plus(Duration.ofHours(6)));
    assertThat(escalated.payload().path("escalatedAt").asString()).isEqualTo("2019-01-24T03:00:00Z");

    // One jump past the 24-hour, 6-hour and 1-hour slots: only the latest goes, the others are missed.
    missions.advancesCaseClock(exercise, NOTE, NOTE.plus(Duration.ofHours(30)), DUE.minus(Duration.ofMinutes(30)));
    awaitSent(jane, "REMINDER_1H");
    assertThat(alertLog.reminderSlots(jane.staffId(), "MISSED")).containsExactly("REMINDER_24H", "REMINDER_6H");
    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER", "REMINDER_48H", "REMINDER_1H");
    assertThat(alertLog.stampsOf(jane.staffId(), "EMAIL")).last().isEqualTo(new Stamp("REMINDER_1H", true, DUE.minus(Duration.ofHours(1))));
    assertThat(smtp.awaitEmailsTo(jane.email(), 3).get(2).subject()).isEqualTo("EXERCISE: Reminder: leave by 2019-01-26 21:00 UTC (1 hour left)");

    // The real mission beside it: still on the wall clock, none of its reminders touched.
    assertThat(alertLog.sentSlots(real.staffId(), "EMAIL")).containsExactly("ORDER");
    assertThat(alertLog.reminders(real.staffId(), "SCHEDULED")).isEqualTo(4);
    assertThat(alertLog.escalationStatus(real.staffId())).isEqualTo("WAITING");
  }

  @Test
  void aJumpPastTheDeadlineSkipsEveryReminderAndEscalatesOnce() {
    Mission exercise = Mission.exerciseInCaracas();
    personnel.hearsCaseClockAt(exercise, NOTE);
    StaffMember jane = personnel.registers(aDiplomatOf(exercise).named("Jane Sixty Days"));
    personnel.ordersDeparture(jane, DUE);
    awaitSent(jane, "ORDER");

    missions.advancesCaseClock(exercise, NOTE, NOTE, NOTE.plus(Duration.ofDays(60)));

    await().until(() -> alertLog.reminderSlots(jane.staffId(), "MISSED").size() == 4);
    await().until(() -> "ESCALATED".equals(alertLog.escalationStatus(jane.staffId())));
    // A second, redundant announcement of the same position changes nothing.
    missions.advancesCaseClock(exercise, NOTE, NOTE.plus(Duration.ofDays(60)), NOTE.plus(Duration.ofDays(60)));
    awaitSchedulerPassed();
    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER");
    assertThat(alertLog.sentSlots(jane.staffId(), "SMS")).containsExactly("ORDER");
    assertThat(published.received("AlertEscalated", jane.staffId())).hasSize(1);
  }

  @Test
  void whatFellDueInCaseTimeBeforeADesignationHappensBeforeItEvenAheadOfTheClocksAnnouncement() {
    Mission exercise = Mission.exerciseInCaracas();
    personnel.hearsCaseClockAt(exercise, NOTE);
    StaffMember consul = personnel.registers(aDiplomatOf(exercise).named("Consul Stays " + exercise.missionId().toString().substring(0, 8)));
    personnel.ordersDeparture(consul, DUE);
    awaitSent(consul, "ORDER");

    // Personnel designates the consul 30 hours after the note, in case time, and says so before
    // missions' CaseClockAdvanced reaches notifications: the 48-hour reminder (due 24 hours after the
    // note) and the escalation (due 6 hours after it) come first, stamped where they fell due.
    personnel.hearsCaseClockAt(exercise, NOTE.plus(Duration.ofHours(30)));
    personnel.designatesRemaining(consul);

    await().until(() -> alertLog.reminderSlots(consul.staffId(), "CANCELLED").size() == 3);
    assertThat(alertLog.reminderSlots(consul.staffId(), "FIRED")).containsExactly("REMINDER_48H");
    assertThat(alertLog.stampsOf(consul.staffId(), "SMS"))
        .containsExactly(new Stamp("ORDER", true, NOTE), new Stamp("REMINDER_48H", true, DUE.minus(Duration.ofHours(48))));
    assertThat(alertLog.escalationStatus(consul.staffId())).isEqualTo("ESCALATED");
    EventEnvelope escalated = await().until(() -> published.received("AlertEscalated", consul.staffId()), events -> events.size() == 1).get(0);
    assertThat(escalated.occurredAt()).isEqualTo(NOTE.plus(Duration.ofHours(6)));
    awaitSent(consul, "REMINDER_48H");
  }

  private void awaitSent(StaffMember member, String slot) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertLog.sentSlots(member.staffId(), "EMAIL").contains(slot) && alertLog.sentSlots(member.staffId(), "SMS").contains(slot));
  }

  /** Waits until a real reminder due now, for a person of its own, has fired: the scheduler has then passed. */
  private void awaitSchedulerPassed() {
    StaffMember marker = personnel.registers(aDiplomat());
    personnel.ordersDeparture(marker, clock.instant().plus(Duration.ofMinutes(61)));
    awaitSent(marker, "ORDER");
    clock.advance(Duration.ofMinutes(2));
    awaitSent(marker, "REMINDER_1H");
  }
}
