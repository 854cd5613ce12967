package org.interestsoffice.notifications.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.notifications.alerts.Alert;
import org.interestsoffice.notifications.alerts.AlertStatus;
import org.interestsoffice.notifications.alerts.Audience;
import org.interestsoffice.notifications.alerts.Channel;
import org.interestsoffice.notifications.alerts.DueAlert;
import org.interestsoffice.notifications.alerts.DueAlert.OrderVersion;
import org.interestsoffice.notifications.alerts.Slot;
import org.interestsoffice.notifications.contacts.Contact;
import org.junit.jupiter.api.Test;

/** Which departure emails put the deadline into the person's calendar, take it out, or say nothing of it. */
class DeadlineCalendarTest {

  private static final UUID STAFF = UUID.fromString("6f1c1b1e-0000-4000-8000-000000000002");
  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");

  @Test
  void theOrderAndAChangeRequestTheEntryAtTheDeadlinesVersion() {
    CalendarEntry order = DeadlineCalendar.forAlert(alert(Slot.ORDER, Channel.EMAIL, Audience.STAFF, DUE, "RUNNING", 1, 1)).orElseThrow();
    CalendarEntry extended = DeadlineCalendar.forAlert(alert(Slot.DEADLINE_CHANGED, Channel.EMAIL, Audience.STAFF, DUE.plusSeconds(86_400), "RUNNING", 2, 1)).orElseThrow();

    assertThat(order.method()).isEqualTo(CalendarMethod.REQUEST);
    assertThat(order.sequence()).isEqualTo(1);
    assertThat(order.dueAt()).isEqualTo(DUE);
    assertThat(order.summary()).isEqualTo("Plazo de salida: Embajada en Caracas");
    assertThat(order.uid()).isEqualTo("order-departure-" + STAFF + "@interests-office");
    assertThat(extended.uid()).isEqualTo(order.uid());
    assertThat(extended.sequence()).isEqualTo(2);
  }

  @Test
  void aSuspensionAndTheEndOfTheOrderCancelIt() {
    CalendarEntry suspended = DeadlineCalendar.forAlert(alert(Slot.DEADLINE_CHANGED, Channel.EMAIL, Audience.STAFF, null, "SUSPENDED", 3, 1)).orElseThrow();
    CalendarEntry ended = DeadlineCalendar.forAlert(alert(Slot.ORDER_ENDED, Channel.EMAIL, Audience.STAFF, DUE, "RUNNING", 4, 1)).orElseThrow();

    assertThat(suspended.method()).isEqualTo(CalendarMethod.CANCEL);
    assertThat(suspended.sequence()).isEqualTo(3);
    assertThat(ended.method()).isEqualTo(CalendarMethod.CANCEL);
    assertThat(ended.sequence()).isEqualTo(4);
  }

  @Test
  void aNewRoundOfOrdersIsANewEntry() {
    CalendarEntry again = DeadlineCalendar.forAlert(alert(Slot.ORDER, Channel.EMAIL, Audience.STAFF, DUE, "RUNNING", 1, 2)).orElseThrow();

    assertThat(again.uid()).isEqualTo("order-departure-" + STAFF + "-round2@interests-office");
  }

  @Test
  void remindersSmsOfficeHeadsAndAnOrderGivenSuspendedCarryNone() {
    assertThat(DeadlineCalendar.forAlert(alert(Slot.reminder(Duration.ofHours(48)), Channel.EMAIL, Audience.STAFF, DUE, "RUNNING", 1, 1))).isEmpty();
    assertThat(DeadlineCalendar.forAlert(alert(Slot.ORDER, Channel.SMS, Audience.STAFF, DUE, "RUNNING", 1, 1))).isEmpty();
    assertThat(DeadlineCalendar.forAlert(alert(Slot.escalation("ccs.head"), Channel.EMAIL, Audience.OFFICE_HEAD, DUE, "RUNNING", 1, 1))).isEmpty();
    assertThat(DeadlineCalendar.forAlert(alert(Slot.ORDER, Channel.EMAIL, Audience.STAFF, null, "SUSPENDED", 1, 1))).isEmpty();
  }

  @Test
  void anExercisesEntrySaysSoInItsTitle() {
    DueAlert drill = alert(Slot.ORDER, Channel.EMAIL, Audience.STAFF, DUE, "RUNNING", 1, 1, true);
    assertThat(DeadlineCalendar.forAlert(drill).orElseThrow().summary()).isEqualTo("EJERCICIO: Plazo de salida: Embajada en Caracas");
  }

  private static DueAlert alert(Slot slot, Channel channel, Audience audience, Instant dueAt, String status, int version, int round) {
    return alert(slot, channel, audience, dueAt, status, version, round, false);
  }

  private static DueAlert alert(
      Slot slot, Channel channel, Audience audience, Instant dueAt, String status, int version, int round, boolean exercise) {
    return new DueAlert(
        new Alert(UUID.randomUUID(), channel, AlertStatus.QUEUED, 0, 0, null, false),
        STAFF,
        slot,
        audience,
        "CCS",
        null,
        null,
        "Embajada en Caracas",
        "America/Caracas",
        dueAt,
        status,
        null,
        "DEPARTURE",
        exercise,
        Optional.empty(),
        Optional.of(new Contact(STAFF, UUID.randomUUID(), "CCS", "Juan Pérez", "juan@mppre.example", "+582125550100", "es")),
        new OrderVersion(version, round));
  }
}
