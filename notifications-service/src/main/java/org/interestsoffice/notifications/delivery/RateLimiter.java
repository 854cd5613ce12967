package org.interestsoffice.notifications.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket shared by one channel's dispatcher threads in this instance: at most {@code
 * perSecond} messages a second, in bursts of at most one second's worth. Zero means no limit. With
 * several instances, each has its own bucket: give each instance its share of the provider's limit.
 */
final class RateLimiter {

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long refilledAt = System.nanoTime();

  RateLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond);
    this.tokens = capacity;
  }

  /** Blocks until one message may go. */
  void acquire() {
    if (perSecond <= 0) {
      return;
    }
    while (true) {
      long waitNanos;
      synchronized (this) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        waitNanos = (long) ((1 - tokens) / perSecond * TimeUnit.SECONDS.toNanos(1));
      }
      LockSupport.parkNanos(waitNanos);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - refilledAt) / (double) TimeUnit.SECONDS.toNanos(1) * perSecond);
    refilledAt = now;
  }
}
