package org.interestsoffice.notifications.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** How long the reminder poller sleeps: until the next reminder falls due, at most its poll interval. */
class NextDueTest {

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Instant NOW = Instant.parse("2019-01-23T18:00:00Z");

  private final MovableClock clock = new MovableClock(NOW);
  private final NextDue next = new NextDue(clock);

  @Test
  void withNothingScheduledItSleepsItsPollInterval() {
    next.is(Optional.empty());

    assertThat(next.until(POLL)).isEqualTo(POLL);
  }

  @Test
  void itSleepsUntilTheNextReminderFallsDue() {
    next.is(Optional.of(NOW.plusMillis(300)));

    assertThat(next.until(POLL)).isEqualTo(Duration.ofMillis(300));
    clock.advance(Duration.ofMillis(100));
    assertThat(next.until(POLL)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aReminderThatFellDueSinceThePassThatLearntItCallsForAPassAtOnce() {
    next.is(Optional.of(NOW.plusMillis(300)));
    clock.advance(Duration.ofSeconds(1));

    assertThat(next.until(POLL)).isZero();
  }

  @Test
  void aPassForgetsWhatWasKnownSoAFailedPassWaitsThePollInterval() {
    next.is(Optional.of(NOW.plusMillis(300)));
    next.forget();
    clock.advance(Duration.ofSeconds(1));

    assertThat(next.until(POLL)).isEqualTo(POLL);
  }

  @Test
  void aReminderScheduledBeforeTheNextOneWakesThePollerAndALaterOneDoesNot() {
    next.is(Optional.of(NOW.plus(Duration.ofHours(1))));

    assertThat(next.scheduled(NOW.plus(Duration.ofHours(2)))).isFalse();
    assertThat(next.until(Duration.ofDays(1))).isEqualTo(Duration.ofHours(1));
    assertThat(next.scheduled(NOW.plusSeconds(2))).isTrue();
    assertThat(next.until(Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theFirstReminderScheduledWakesAPollerThatKnewOfNone() {
    next.is(Optional.empty());

    assertThat(next.scheduled(NOW.plus(Duration.ofHours(1)))).isTrue();
  }
}
