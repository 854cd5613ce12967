package org.interestsoffice.notifications.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this instance's next real-mission reminder falls due, as far as it knows: learnt after each
 * pass from the schedule, and moved earlier when a reminder is scheduled before it. The poller
 * sleeps until then (or its poll interval, whichever is sooner), so a reminder goes out at its due
 * instant rather than up to a poll interval after it. An instant already passed says nothing: the
 * pass that learnt it had looked at everything due by then.
 */
final class NextDue {

  private final Clock clock;
  private Instant earliest;

  NextDue(Clock clock) {
    this.clock = clock;
  }

  /** What the schedule says after a pass: its earliest reminder still ahead, if any. */
  synchronized void is(Optional<Instant> next) {
    earliest = next.orElse(null);
  }

  /**
   * A reminder was scheduled for {@code fireAt}.
   *
   * @return whether it falls due before the one the poller waits for, so it must be woken
   */
  synchronized boolean scheduled(Instant fireAt) {
    if (earliest != null && !fireAt.isBefore(earliest)) {
      return false;
    }
    earliest = fireAt;
    return true;
  }

  /** How long until the next reminder falls due; {@code orElse} when none is known ahead. */
  synchronized Duration until(Duration orElse) {
    Instant now = clock.instant();
    return earliest != null && earliest.isAfter(now) ? Duration.between(now, earliest) : orElse;
  }
}
