package org.interestsoffice.notifications.reminders;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param offsets how long before the deadline each reminder goes out ({@code NOTIFICATIONS_REMINDERS_OFFSETS},
 *     comma-separated, e.g. {@code 48h,24h,6h,1h})
 * @param pollInterval how often the schedule is looked at
 * @param batchSize reminders fired per transaction
 * @param threads threads firing due reminders side by side, each claiming its own batch (rows
 *     already claimed are skipped), so that thousands due at one instant go out together
 */
@ConfigurationProperties("notifications.reminders")
public record ReminderSettings(
    @DefaultValue({"48h", "24h", "6h", "1h"}) List<Duration> offsets,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("2") int threads) {

  public ReminderSettings {
    if (batchSize < 1 || threads < 1) {
      throw new IllegalArgumentException("notifications.reminders.batch-size and threads must be at least 1");
    }
    for (Duration offset : offsets) {
      if (offset.isZero() || offset.isNegative()) {
        throw new IllegalArgumentException("notifications.reminders.offsets must be positive durations, not " + offset);
      }
    }
    offsets = List.copyOf(offsets);
  }
}
