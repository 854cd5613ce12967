package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Slots and delivery keys: how they are stored and named, read back in one place. */
class SlotTest {

  @Test
  void everySlotReadsBackAsItself() {
    List<Slot> slots =
        List.of(
            Slot.ORDER,
            Slot.DEADLINE_CHANGED,
            Slot.ORDER_ENDED,
            Slot.reminder(Duration.ofHours(48)),
            Slot.reminder(Duration.ofMinutes(90)),
            Slot.reminder(Duration.ofSeconds(45)),
            Slot.escalation("ccs.head"));
    assertThat(slots).extracting(Slot::code)
        .containsExactly("ORDER", "DEADLINE_CHANGED", "ORDER_ENDED", "REMINDER_48H", "REMINDER_90M", "REMINDER_45S", "ESCALATION:ccs.head");
    slots.forEach(slot -> assertThat(Slot.parse(slot.code())).isEqualTo(slot));
    assertThat(((Slot.Reminder) Slot.parse("REMINDER_6H")).before()).isEqualTo(Duration.ofHours(6));
    assertThat(Slot.parse("REMINDER_6H").toString()).isEqualTo("REMINDER_6H");
  }

  @Test
  void somethingElseIsNotASlot() {
    assertThatThrownBy(() -> Slot.parse("REMINDER_")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slot.parse("order")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slot.reminder(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDeliveryKeyIsTheSameWithinAGenerationAndNewAfterAReDrive() {
    UUID alert = UUID.fromString("0b5f7a52-3c1e-4d0f-8f55-1f7a3c9e2d40");
    DeliveryKey first = new DeliveryKey(alert, 0);
    assertThat(first.idempotencyKey()).isEqualTo(alert.toString());
    assertThat(first.messageId()).isEqualTo("<alert-" + alert + "@interests-office>");
    assertThat(new DeliveryKey(alert, 0)).isEqualTo(first);

    DeliveryKey redriven = new DeliveryKey(alert, 1);
    assertThat(redriven.idempotencyKey()).isEqualTo(alert + "-r1").isNotEqualTo(first.idempotencyKey());
    assertThat(redriven.messageId()).isEqualTo("<alert-" + alert + "@r1.interests-office>").isNotEqualTo(first.messageId());
    // Whoever reads a Message-ID finds the alert before the @, whatever the generation.
    assertThat(redriven.messageId()).startsWith("<alert-" + alert + "@");
  }
}
