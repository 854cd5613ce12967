package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A departure order that moves the person off an order on a deadline of another kind ({@code
 * replaces}: a rupture overtaking a reduction, a persona non grata) ends that order's reminders and
 * escalation, through the real broker, unless a newer version of it is held; and the replaced
 * order, arriving late, raises nothing.
 */
@NotificationsServiceUnderTest
class ReplacedOrdersIT {

  @Autowired Personnel personnel;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;

  @Test
  void aRuptureReplacingAReductionEndsTheReductionsRemindersAndEscalation() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant reductionDue = clock.instant().plus(Duration.ofHours(48)).plusSeconds(60);
    DepartureOrder reduction = personnel.ordersReduction(jane, reductionDue);
    awaitSent(jane, "ORDER", 1);
    assertThat(alertLog.reminders(jane.staffId(), "REDUCTION", "SCHEDULED")).isEqualTo(4);
    assertThat(alertLog.escalationStatus(jane.staffId(), "REDUCTION")).isEqualTo("WAITING");

    Instant ruptureDue = clock.instant().plus(Duration.ofHours(72));
    personnel.ordersReplacing(reduction, "DEPARTURE", ruptureDue);

    awaitSent(jane, "ORDER", 2);
    await().until(() -> alertLog.reminders(jane.staffId(), "REDUCTION", "CANCELLED") == 4);
    assertThat(alertLog.reminders(jane.staffId(), "REDUCTION", "SCHEDULED")).isZero();
    assertThat(alertLog.escalationStatus(jane.staffId(), "REDUCTION")).isEqualTo("CANCELLED");
    assertThat(alertLog.reminders(jane.staffId(), "DEPARTURE", "SCHEDULED")).isEqualTo(4);
    assertThat(alertLog.escalationStatus(jane.staffId(), "DEPARTURE")).isEqualTo("WAITING");

    // Past the reduction's 48-hour reminder instant: only the rupture's order reminds her.
    clock.moveTo(ruptureDue.minus(Duration.ofHours(48)).plusSeconds(1));
    awaitSent(jane, "REMINDER_48H", 1);
    assertThat(alertLog.alertsOf(jane.staffId(), "EMAIL"))
        .filteredOn(row -> row.slot().startsWith("REMINDER"))
        .allSatisfy(row -> assertThat(row.deadlineKind()).isEqualTo("DEPARTURE"));
  }

  @Test
  void theReplacedOrderArrivingAfterTheOneThatReplacedItRaisesNoAlert() {
    StaffMember jane = personnel.registers(aDiplomat());
    // Personnel wrote the reduction's order first; it is held up on the way.
    DepartureOrder reduction = personnel.draftsReduction(jane, clock.instant().plus(Duration.ofHours(48)));
    personnel.ordersReplacing(reduction, "PERSONAL", clock.instant().plus(Duration.ofHours(24)));
    awaitSent(jane, "ORDER", 1);

    personnel.delivers(reduction);
    // Once a marker order published after it has been alerted, the late one has been handled too.
    StaffMember marker = personnel.registers(aDiplomat());
    personnel.ordersDeparture(marker, clock.instant().plus(Duration.ofHours(72)));
    awaitSent(marker, "ORDER", 1);
    await().until(() -> alertLog.reminders(jane.staffId(), "PERSONAL", "SCHEDULED") > 0);

    assertThat(alertLog.alertsOf(jane.staffId(), "EMAIL")).extracting(AlertLog.AlertRow::deadlineKind).containsOnly("PERSONAL");
    assertThat(alertLog.reminders(jane.staffId(), "REDUCTION", "SCHEDULED")).isZero();
    assertThat(alertLog.escalationStatus(jane.staffId(), "REDUCTION")).isNull();
  }

  @Test
  void anOrderHeldAtANewerVersionThanTheOneReplacedStays() {
    StaffMember jane = personnel.registers(aDiplomat());
    Instant due = clock.instant().plus(Duration.ofHours(48)).plusSeconds(60);
    DepartureOrder reduction = personnel.ordersReduction(jane, due);
    awaitSent(jane, "ORDER", 1);
    personnel.extendsDeadline(reduction, due.plus(Duration.ofHours(24)));
    awaitSent(jane, "DEADLINE_CHANGED", 1);

    // Replaces version 1 of the reduction, but version 2 is held: that one stays.
    personnel.ordersReplacing(reduction, "DEPARTURE", clock.instant().plus(Duration.ofHours(72)));
    awaitSent(jane, "ORDER", 2);

    assertThat(alertLog.reminders(jane.staffId(), "REDUCTION", "SCHEDULED")).isEqualTo(4);
    assertThat(alertLog.escalationStatus(jane.staffId(), "REDUCTION")).isEqualTo("WAITING");
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
}
