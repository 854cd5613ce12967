package org.interestsoffice.notifications.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this instance's next real-mission reminder falls due, as far as it knows: learnt after each
 * pass from the schedule, and moved earlier when a reminder is scheduled before it. The poller
 * sleeps until then (or its poll interval, whichever is sooner), so a reminder goes out at its due
 * instant rather than up to a poll interval after it. Each pass forgets what it knew and learns
 * anew (a pass that fails leaves nothing known, and the poller waits its poll interval).
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

  /** A pass begins: what it learns replaces what was known. */
  synchronized void forget() {
    earliest = null;
  }

  /**
   * How long until the next reminder falls due (none if it has since: it fell due after the pass
   * that learnt it looked); {@code orElse} when none is known.
   */
  synchronized Duration until(Duration orElse) {
    if (earliest == null) {
      return orElse;
    }
    Duration left = Duration.between(clock.instant(), earliest);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
