package org.interestsoffice.platform.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off: the first retry after {@code initial}, each later one twice as long, never
 * longer than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

  /** How long to wait after the given number of failed attempts (1 for the first failure). */
  public Duration after(int failedAttempts) {
    long millis = initial.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /**
   * {@link #after} with "equal jitter": somewhere between half of it and all of it, so that many
   * retries failed by one outage (a mail server down for 10,000 alerts) do not all come back at
   * the same instant.
   */
  public Duration withJitterAfter(int failedAttempts) {
    long millis = after(failedAttempts).toMillis();
    long half = millis / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(millis - half + 1));
  }
}
