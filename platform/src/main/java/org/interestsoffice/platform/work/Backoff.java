package org.interestsoffice.platform.work;

import java.time.Duration;

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
}
