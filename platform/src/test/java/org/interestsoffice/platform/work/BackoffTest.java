package org.interestsoffice.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  @Test
  void doublesFromTheInitialDelayUpToTheCeiling() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.after(9)).isEqualTo(Duration.ofMinutes(4).plusSeconds(16));
    assertThat(backoff.after(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.after(1_000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void treatsNoFailureYetAsTheFirst() {
    assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterSpreadsRetriesBetweenHalfTheDelayAndTheWholeOfIt() {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Duration delay = backoff.withJitterAfter(5);
      assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
      seen.add(delay);
    }
    // 500 draws from 8,001 possible milliseconds: all the same would mean no jitter at all.
    assertThat(seen.size()).isGreaterThan(100);
    assertThat(backoff.withJitterAfter(1_000)).isBetween(Duration.ofMinutes(2).plusSeconds(30), Duration.ofMinutes(5));
  }
}
