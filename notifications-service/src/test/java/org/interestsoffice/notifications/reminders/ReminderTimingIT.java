package org.interestsoffice.notifications.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.fixtures.AnotherInstance;
import org.interestsoffice.notifications.orders.DepartureOrder;
import org.interestsoffice.notifications.orders.DepartureOrders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reminder goes out at its due instant, not up to a poll interval later: an instance on the wall
 * clock whose reminder poller looks only once an hour still fires a reminder within a second of its
 * due instant, because it sleeps until the next one falls due and is woken when an earlier one is
 * scheduled. (The test's own instance, on a clock the tests move, stands aside meanwhile.)
 */
@NotificationsServiceUnderTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderTimingIT {

  private static final Duration ONE_HOUR_BEFORE = Duration.ofHours(1);

  @Autowired ConfigurableEnvironment environment;
  @Autowired FiringReminders ownPoller;
  @Autowired JdbcClient jdbc;

  ConfigurableApplicationContext wallClockInstance;

  @BeforeAll
  void startAnInstanceOnTheWallClockThatPollsHourly() {
    ownPoller.stop();
    wallClockInstance =
        AnotherInstance.start(
            environment,
            Clock.systemUTC(),
            Map.of("notifications.instance-name", "wall-clock", "notifications.reminders.poll-interval", "1h", "notifications.reminders.offsets", "1h"));
  }

  @AfterAll
  void stopIt() {
    if (wallClockInstance != null) {
      wallClockInstance.close();
    }
    ownPoller.start();
  }

  @Test
  void aReminderScheduledBeforeTheOneThePollerSleepsUntilWakesItAndGoesOutAtItsDueInstant() {
    UUID later = orderedOutWithAReminderAt(Instant.now().plus(Duration.ofMinutes(50)));
    UUID soon = UUID.randomUUID();
    Instant dueSoon = Instant.now().plusSeconds(2);
    orderedOutWithAReminderAt(soon, dueSoon);

    Instant firedAt = awaitFired(soon);

    assertThat(firedAt).isBetween(dueSoon, dueSoon.plusSeconds(1));
    assertThat(status(later)).isEqualTo("SCHEDULED");
  }

  @Test
  void thePollerLearnsTheNextDueInstantFromTheScheduleAfterEachPass() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    Instant firstDue = Instant.now().plusSeconds(2);
    Instant secondDue = firstDue.plusSeconds(2);
    // Scheduled the later first: the earlier one wakes the poller, and only the schedule tells it of the later.
    orderedOutWithAReminderAt(second, secondDue);
    orderedOutWithAReminderAt(first, firstDue);

    assertThat(awaitFired(first)).isBetween(firstDue, firstDue.plusSeconds(1));
    assertThat(awaitFired(second)).isBetween(secondDue, secondDue.plusSeconds(1));
  }

  private UUID orderedOutWithAReminderAt(Instant fireAt) {
    UUID staffId = UUID.randomUUID();
    orderedOutWithAReminderAt(staffId, fireAt);
    return staffId;
  }

  /** Personnel's order as the wall-clock instance records it, with its one reminder (an hour before the deadline). */
  private void orderedOutWithAReminderAt(UUID staffId, Instant fireAt) {
    DepartureOrder order =
        new DepartureOrder(
            staffId, UUID.randomUUID(), "CCS", "Embassy in Caracas", "America/Caracas", "DEPARTURE", UUID.randomUUID(), 1, "RUNNING",
            fireAt.plus(ONE_HOUR_BEFORE), 1, false);
    wallClockInstance
        .getBean(TransactionTemplate.class)
        .executeWithoutResult(
            status -> {
              Instant now = Instant.now();
              wallClockInstance.getBean(DepartureOrders.class).insert(order, now);
              assertThat(wallClockInstance.getBean(Reminders.class).schedule(order, now)).isEqualTo(1);
            });
  }

  /** When the reminder was first seen fired, looked at every 10 ms. */
  private Instant awaitFired(UUID staffId) {
    AtomicReference<Instant> seen = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              Instant now = Instant.now();
              boolean fired = status(staffId).equals("FIRED");
              if (fired) {
                seen.set(now);
              }
              return fired;
            });
    return seen.get();
  }

  private String status(UUID staffId) {
    return jdbc.sql("select status from reminder where staff_id = :staffId").param("staffId", staffId).query(String.class).single();
  }
}
