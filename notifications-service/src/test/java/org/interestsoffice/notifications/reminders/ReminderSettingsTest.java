package org.interestsoffice.notifications.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The reminders' settings refuse what would leave reminders unfired or fired backwards. */
class ReminderSettingsTest {

  private static final List<Duration> OFFSETS = List.of(Duration.ofHours(48), Duration.ofHours(1));

  @Test
  void aBatchAndAThreadAtLeast() {
    assertThatThrownBy(() -> new ReminderSettings(OFFSETS, Duration.ofSeconds(1), 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch-size");
    assertThatThrownBy(() -> new ReminderSettings(OFFSETS, Duration.ofSeconds(1), 100, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }

  @Test
  void offsetsArePositive() {
    assertThatThrownBy(() -> new ReminderSettings(List.of(Duration.ZERO), Duration.ofSeconds(1), 100, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validSettingsAreKept() {
    ReminderSettings settings = new ReminderSettings(OFFSETS, Duration.ofSeconds(1), 100, 2);

    assertThat(settings.threads()).isEqualTo(2);
    assertThat(settings.offsets()).containsExactlyElementsOf(OFFSETS);
  }
}
