package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders before the deadline (48 h, 24 h, 6 h and 1 h by default), shown by moving the service's
 * clock: each fires once, on both channels; they stop when the person leaves or stays, and follow
 * the deadline when it is extended, suspended or reissued.
 */
@NotificationsServiceUnderTest
class ReminderScheduleIT {

  private static final List<String> FULL_SCHEDULE = List.of("ORDER", "REMINDER_48H", "REMINDER_24H", "REMINDER_6H", "REMINDER_1H");

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired SmsProviderServer sms;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void theFullScheduleGoesOutOnceOnEachChannelAsTheClockMoves() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");
    assertThat(alertLog.reminders(jane.staffId(), "SCHEDULED")).isEqualTo(4);

    for (String slot : List.of("REMINDER_48H", "REMINDER_24H", "REMINDER_6H", "REMINDER_1H")) {
      clock.moveTo(due.minus(Duration.parse("PT" + slot.substring("REMINDER_".length()))).plusSeconds(1));
      awaitSent(jane, slot);
    }
    clock.moveTo(due.plus(Duration.ofHours(1)));

    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactlyElementsOf(FULL_SCHEDULE);
    assertThat(alertLog.sentSlots(jane.staffId(), "SMS")).containsExactlyElementsOf(FULL_SCHEDULE);
    List<ReceivedEmail> emails = smtp.awaitEmailsTo(jane.email(), 5);
    assertThat(emails).hasSize(5);
    assertThat(emails.get(1).subject()).isEqualTo("Reminder: leave by " + Times.utc(due) + " (48 hours left)");
    assertThat(emails.get(4).subject()).isEqualTo("Reminder: leave by " + Times.utc(due) + " (1 hour left)");
    assertThat(sms.acceptedFor(jane.phone())).hasSize(5);
    assertThat(sms.acceptedFor(jane.phone()).get(3).text()).contains("6 hours left");
    assertThat(alertLog.reminders(jane.staffId(), "FIRED")).isEqualTo(4);
  }

  @Test
  void onlyRemindersStillAheadAreScheduled() {
    StaffMember jane = personnel.registers(aDiplomat());
    // Ordered out five hours before the deadline: only the 1-hour reminder is still ahead.
    Instant due = clock.instant().plus(Duration.ofHours(5));
    personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");

    assertThat(alertLog.reminders(jane.staffId(), "SCHEDULED")).isEqualTo(1);
    clock.moveTo(due.minus(Duration.ofMinutes(59)));
    awaitSent(jane, "REMINDER_1H");
    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER", "REMINDER_1H");
  }

  @Test
  void remindersStopWhenThePersonDeparts() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");

    personnel.departs(jane);
    await().until(() -> alertLog.reminders(jane.staffId(), "CANCELLED") == 4);
    // One email says the order ended (it takes the deadline out of the person's calendar).
    await().until(() -> alertLog.sentSlots(jane.staffId(), "EMAIL").contains("ORDER_ENDED"));
    clock.moveTo(due.plus(Duration.ofHours(1)));
    // Let the scheduler run past every slot: nothing more goes out.
    awaitSchedulerPassed();

    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER", "ORDER_ENDED");
    assertThat(alertLog.sentSlots(jane.staffId(), "SMS")).containsExactly("ORDER");
    assertThat(alertLog.reminders(jane.staffId(), "FIRED")).isZero();
  }

  @Test
  void remindersStopForRemainingStaffAndAWithdrawnDesignationOrdersThePersonOutAnew() {
    StaffMember consul = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    DepartureOrder order = personnel.ordersDeparture(consul, due);
    awaitSent(consul, "ORDER");

    personnel.designatesRemaining(consul);
    await().until(() -> alertLog.reminders(consul.staffId(), "CANCELLED") == 4);
    // The designation is withdrawn: personnel orders the person out again on the same deadline.
    personnel.ordersAgain(order);

    List<AlertRow> again =
        await().until(
            () -> alertLog.alertsOf(consul.staffId()).stream().filter(row -> row.round() == 2 && row.status().equals("SENT")).toList(),
            rows -> rows.size() == 2);
    assertThat(again).extracting(AlertRow::slot).containsOnly("ORDER");
    // The order, the email saying it ended with the designation, and the order of the new round.
    assertThat(smtp.awaitEmailsTo(consul.email(), 3)).hasSize(3);
    assertThat(alertLog.sentSlots(consul.staffId(), "SMS")).containsExactly("ORDER", "ORDER");
    assertThat(alertLog.reminders(consul.staffId(), "SCHEDULED")).isEqualTo(4);
  }

  @Test
  void anExtensionSendsADeadlineChangedAlertAndReschedulesOldRemindersNeverGoOut() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    DepartureOrder order = personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");
    clock.moveTo(due.minus(Duration.ofHours(48)).plusSeconds(1));
    awaitSent(jane, "REMINDER_48H");

    // Extended by two days, a day into the window.
    Instant extended = due.plus(Duration.ofHours(48));
    personnel.extendsDeadline(order, extended);
    awaitSent(jane, "DEADLINE_CHANGED");
    ReceivedEmail changed = smtp.awaitEmailsTo(jane.email(), 3).get(2);
    assertThat(changed.subject()).isEqualTo("Departure deadline changed: leave by " + Times.utc(extended));
    assertThat(changed.body()).contains("Your departure deadline has been extended. Earlier reminders no longer apply.");
    assertThat(sms.awaitAcceptedFor(jane.phone(), 3).get(2).text()).startsWith("Your departure deadline has been extended.");

    // Past the old deadline and the new one: the old reminders never go out, the new ones do.
    clock.moveTo(due.plus(Duration.ofMinutes(1)));
    awaitSent(jane, "REMINDER_48H", 2);
    clock.moveTo(extended.minus(Duration.ofHours(24)).plusSeconds(1));
    awaitSent(jane, "REMINDER_24H");
    clock.moveTo(extended.minus(Duration.ofHours(6)).plusSeconds(1));
    awaitSent(jane, "REMINDER_6H");
    clock.moveTo(extended.minus(Duration.ofHours(1)).plusSeconds(1));
    awaitSent(jane, "REMINDER_1H");

    List<AlertRow> emails = alertLog.alertsOf(jane.staffId(), "EMAIL").stream().filter(row -> row.audience().equals("STAFF")).toList();
    assertThat(emails.stream().filter(row -> row.deadlineVersion() == 1).map(AlertRow::slot)).containsExactly("ORDER", "REMINDER_48H");
    assertThat(emails.stream().filter(row -> row.deadlineVersion() == 2).map(AlertRow::slot))
        .containsExactly("DEADLINE_CHANGED", "REMINDER_48H", "REMINDER_24H", "REMINDER_6H", "REMINDER_1H");
    assertThat(smtp.emailsTo(jane.email())).hasSize(7);
    assertThat(sms.acceptedFor(jane.phone())).hasSize(7);
  }

  @Test
  void aSuspensionSaysSoAndPausesRemindersUntilTheDeadlineIsReissued() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    DepartureOrder order = personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");

    // January 2019: the 72 hours were suspended.
    DepartureOrder suspended = personnel.suspends(order);
    awaitSent(jane, "DEADLINE_CHANGED");
    ReceivedEmail notice = smtp.awaitEmailsTo(jane.email(), 2).get(1);
    assertThat(notice.subject()).isEqualTo("Departure deadline suspended");
    assertThat(notice.body()).contains("has been suspended").doesNotContain("UTC");
    assertThat(alertLog.reminders(jane.staffId(), "SCHEDULED")).isZero();
    clock.moveTo(due.plus(Duration.ofHours(1)));
    awaitSchedulerPassed();
    assertThat(smtp.emailsTo(jane.email())).hasSize(2);

    // March 2019: a new 72-hour deadline.
    Instant reissuedDue = clock.instant().plus(Duration.ofHours(72));
    personnel.reissues(suspended, reissuedDue);
    awaitSent(jane, "DEADLINE_CHANGED", 2);
    assertThat(smtp.awaitEmailsTo(jane.email(), 3).get(2).body())
        .contains("A new departure deadline has been set.")
        .contains("New deadline: " + Times.utc(reissuedDue));
    assertThat(alertLog.reminders(jane.staffId(), "SCHEDULED")).isEqualTo(4);
  }

  @Test
  void aStaleChangeArrivingAfterANewerOneSendsNothing() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    DepartureOrder order = personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");
    DepartureOrder second = personnel.extendsDeadline(order, due.plus(Duration.ofHours(24)));
    awaitSent(jane, "DEADLINE_CHANGED");
    DepartureOrder third = personnel.extendsDeadline(second, due.plus(Duration.ofHours(48)));
    awaitSent(jane, "DEADLINE_CHANGED", 2);

    // Version 2, retried on personnel's side, arrives after version 3.
    personnel.ordersAgain(second);
    personnel.ordersAgain(third);
    awaitSchedulerPassed();

    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER", "DEADLINE_CHANGED", "DEADLINE_CHANGED");
    assertThat(alertLog.reminders(jane.staffId(), "SCHEDULED")).as("only the newest version's").isEqualTo(4);
  }

  @Test
  void afterAnOutageOnlyTheLatestDueReminderGoesOut() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    personnel.ordersDeparture(jane, due);
    awaitSent(jane, "ORDER");

    // Nothing ran between 48 and 24 hours before the deadline: both fall due at once.
    clock.moveTo(due.minus(Duration.ofHours(23)));
    awaitSent(jane, "REMINDER_24H");
    awaitSchedulerPassed();

    assertThat(alertLog.sentSlots(jane.staffId(), "EMAIL")).containsExactly("ORDER", "REMINDER_24H");
    assertThat(alertLog.reminders(jane.staffId(), "MISSED")).isEqualTo(1);
  }

  @Test
  void remindersFallingDueTogetherAreSettledInOneBatchEachAsItWouldBeAlone() {
    StaffMember jane = personnel.registers(aDiplomat());
    StaffMember john = personnel.registers(aDiplomat());
    StaffMember ended = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(72));
    for (StaffMember member : List.of(jane, john, ended)) {
      personnel.ordersDeparture(member, due);
      awaitSent(member, "ORDER");
    }
    // The race a claimed reminder can meet: its order ended, its reminders not yet cancelled.
    jdbc.sql("update departure_order set state = 'ENDED' where staff_id = :staffId").param("staffId", ended.staffId()).update();

    // Six reminders due at once: for each person the 48-hour one is overtaken by the 24-hour one.
    clock.moveTo(due.minus(Duration.ofHours(23)));
    awaitSent(jane, "REMINDER_24H");
    awaitSent(john, "REMINDER_24H");
    await().atMost(Duration.ofSeconds(30)).until(() -> alertLog.reminders(ended.staffId(), "CANCELLED") == 2);

    for (StaffMember member : List.of(jane, john)) {
      assertThat(alertLog.reminders(member.staffId(), "FIRED")).isEqualTo(1);
      assertThat(alertLog.reminders(member.staffId(), "MISSED")).isEqualTo(1);
      assertThat(alertLog.sentSlots(member.staffId(), "EMAIL")).containsExactly("ORDER", "REMINDER_24H");
      assertThat(alertLog.sentSlots(member.staffId(), "SMS")).containsExactly("ORDER", "REMINDER_24H");
    }
    assertThat(alertLog.reminders(ended.staffId(), "SCHEDULED")).isEqualTo(2);
    assertThat(alertLog.sentSlots(ended.staffId(), "EMAIL")).containsExactly("ORDER");
  }

  private void awaitSent(StaffMember member, String slot) {
    awaitSent(member, slot, 1);
  }

  /** Waits until that many alerts of the slot went out on each channel. */
  private void awaitSent(StaffMember member, String slot, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertLog.sentSlots(member.staffId(), "EMAIL").stream().filter(slot::equals).count() == count
                    && alertLog.sentSlots(member.staffId(), "SMS").stream().filter(slot::equals).count() == count);
  }

  /**
   * Waits until a reminder scheduled now, for a person of its own, has fired: the scheduler has then
   * looked at everything due before it at least once.
   */
  private void awaitSchedulerPassed() {
    StaffMember marker = personnel.registers(aDiplomat());
    personnel.ordersDeparture(marker, clock.instant().plus(Duration.ofMinutes(61)));
    awaitSent(marker, "ORDER");
    clock.advance(Duration.ofMinutes(2));
    awaitSent(marker, "REMINDER_1H");
  }
}
