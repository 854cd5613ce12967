package org.interestsoffice.notifications.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.events.DepartureOrdered;
import org.interestsoffice.notifications.events.StaffRegistered;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Personnel registers a person while an order runs and publishes the registration and the order in
 * one transaction; notifications' consumer threads take them at the same moment. The interleaving
 * that once held the alert back for a whole contact wait (a minute), played step by step: the
 * registration records the details and wakes the person's waiting alerts (none yet) but has not
 * committed; the order is consumed meanwhile. Now the order waits for the registration, and the
 * alert goes out as soon as both are in.
 */
@NotificationsServiceUnderTest
class RegistrationAndOrderTogetherIT {

  @Autowired FollowingDepartureOrders following;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired SmtpServer smtp;
  @Autowired MovableClock clock;

  @Test
  void anOrderConsumedWhileThePersonsRegistrationIsStillOpenIsAlertedAsSoonAsBothAreIn() throws Exception {
    UUID staffId = UUID.randomUUID();
    UUID missionId = UUID.randomUUID();
    String email = "together-" + staffId + "@state.example";
    CountDownLatch registrationHeld = new CountDownLatch(1);
    CountDownLatch commitRegistration = new CountDownLatch(1);

    CompletableFuture<Void> registration =
        CompletableFuture.runAsync(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      following.onStaffRegistered(
                          new StaffRegistered(staffId, missionId, "CCS", "Tomás Juntos", email, "+584121234567", "es", 1L), envelope("StaffRegistered"));
                      registrationHeld.countDown();
                      awaitLatch(commitRegistration);
                    }));
    assertThat(registrationHeld.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> order =
        CompletableFuture.runAsync(
            () ->
                transactions.executeWithoutResult(
                    status ->
                        following.onDepartureOrdered(
                            new DepartureOrdered(
                                staffId, missionId, "CCS", "Embassy of the United States in Caracas", "America/Caracas", UUID.randomUUID(), "DEPARTURE", 1,
                                clock.instant().plus(Duration.ofHours(72)), "RUNNING", null, null, false),
                            envelope("DepartureOrdered"))));

    // While the registration is open, either the order waits for it (the person's lock), or, as
    // before, its alert is already queued and a dispatcher has found no details for it.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> waitingForThePersonsLock() || (order.isDone() && emailAlertFoundWithoutDetails(staffId)));

    commitRegistration.countDown();
    registration.get(30, TimeUnit.SECONDS);
    order.get(30, TimeUnit.SECONDS);
    // Well within the contact wait of a minute.
    await().atMost(Duration.ofSeconds(10)).until(() -> smtp.emailsTo(email).size() == 1);
  }

  private boolean waitingForThePersonsLock() {
    return jdbc.sql(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'")
        .query(Integer.class)
        .single()
        > 0;
  }

  private boolean emailAlertFoundWithoutDetails(UUID staffId) {
    return jdbc.sql("select count(*) from alert where staff_id = :staffId and channel = 'EMAIL' and status = 'RETRYING'")
        .param("staffId", staffId)
        .query(Integer.class)
        .single()
        > 0;
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the registration commit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static EventEnvelope envelope(String type) {
    UUID eventId = UUID.randomUUID();
    return new EventEnvelope(eventId, type, 1, Instant.now(), eventId.toString(), eventId.toString(), "CCS", JsonNodeFactory.instance.objectNode());
  }
}
