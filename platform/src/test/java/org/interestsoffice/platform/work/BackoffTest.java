package org.interestsoffice.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
}
