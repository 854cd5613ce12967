package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aLocalHire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.personnel.fixtures.StaffRegistration;
import org.interestsoffice.platform.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registrations racing the rupture that orders the mission's staff out: whichever commits first,
 * every person with privileges ends up ordered out exactly once, by the rupture's handler (registered
 * before it) or by their own registration (registered after it). The registration and the handler
 * take the same lock, the mission's {@code known_mission} row, so neither can miss the other.
 */
@PersonnelServiceUnderTest
class RegisteringDuringARuptureIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  /**
   * Many registrations through the HTTP API in parallel threads, the rupture published while they
   * run: nobody is missed and nobody is ordered out twice.
   */
  @Test
  void registrationsInParallelWithTheRuptureAreEachOrderedOutExactlyOnce() throws Exception {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    int threads = 8;
    int perThread = 10;
    AtomicInteger done = new AtomicInteger();
    List<UUID> diplomats = Collections.synchronizedList(new ArrayList<>());
    List<UUID> localHires = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Rupture rupture;
    try {
      List<CompletableFuture<Void>> registering =
          IntStream.range(0, threads)
              .mapToObj(
                  thread ->
                      CompletableFuture.runAsync(
                          () -> {
                            for (int i = 0; i < perThread; i++) {
                              boolean local = i % 5 == 4;
                              StaffRegistration person = (local ? aLocalHire() : aDiplomat()).in(embassy);
                              (local ? localHires : diplomats).add(personnel.registers(person));
                              done.incrementAndGet();
                            }
                          },
                          pool))
              .toList();
      // Published once a fifth of them are in, while the rest are on their way.
      eventually().until(() -> done.get() >= threads * perThread / 5);
      rupture = missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
      CompletableFuture.allOf(registering.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    messaging.awaitProcessed(rupture.envelope());

    assertThat(diplomats).hasSize(threads * perThread * 4 / 5);
    assertEachOrderedOutExactlyOnce(embassy, rupture, diplomats, localHires);
  }

  /**
   * The same race made certain: the mission's row is held as a transaction in flight would hold it,
   * registrations queue behind it, then the rupture's handler, then more registrations; only then is
   * it let go. Those queued before the handler are ordered out by it, those after by their own
   * registration.
   */
  @Test
  void registrationsQueuedOnEitherSideOfTheRupturesHandlerAreEachOrderedOutExactlyOnce() throws Exception {
    Mission embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    int eachSide = 4;
    ExecutorService pool = Executors.newFixedThreadPool(2 * eachSide);
    List<UUID> registered = new ArrayList<>();
    Rupture rupture;
    try (Connection inFlight = dataSource.getConnection()) {
      inFlight.setAutoCommit(false);
      try (PreparedStatement lock = inFlight.prepareStatement("select id from known_mission where id = ? for update")) {
        lock.setObject(1, embassy.id());
        lock.executeQuery().close();
      }
      List<CompletableFuture<UUID>> before = register(embassy, eachSide, pool);
      eventually().until(() -> waitingForLocks() >= eachSide);
      rupture = missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
      eventually().until(() -> waitingForLocks() >= eachSide + 1);
      List<CompletableFuture<UUID>> after = register(embassy, eachSide, pool);
      eventually().until(() -> waitingForLocks() >= 2 * eachSide + 1);
      inFlight.rollback();
      for (CompletableFuture<UUID> registration : concat(before, after)) {
        registered.add(registration.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    messaging.awaitProcessed(rupture.envelope());

    assertEachOrderedOutExactlyOnce(embassy, rupture, registered, List.of());
    // Which side each person fell on, for the record: both paths were taken.
    Map<Boolean, Long> byHandler =
        registered.stream()
            .collect(
                Collectors.partitioningBy(
                    person -> published.received("DepartureOrdered", person).get(0).causationId().equals(rupture.envelope().eventId().toString()),
                    Collectors.counting()));
    System.out.printf("Ordered out by the rupture's handler: %d, by their own registration: %d%n", byHandler.get(true), byHandler.get(false));
    assertThat(byHandler.get(true)).as("ordered out by the rupture's handler").isPositive();
    assertThat(byHandler.get(false)).as("ordered out by their own registration").isPositive();
  }

  private List<CompletableFuture<UUID>> register(Mission embassy, int count, ExecutorService pool) {
    return IntStream.range(0, count)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> personnel.registers(aDiplomat().in(embassy)), pool))
        .toList();
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private void assertEachOrderedOutExactlyOnce(Mission embassy, Rupture rupture, List<UUID> leaving, List<UUID> staying) {
    assertThat(personnel.idsOf(personnel.staff(embassy, "DEPARTURE_ORDERED"))).containsExactlyInAnyOrderElementsOf(leaving);
    assertThat(personnel.idsOf(personnel.staff(embassy, "ACCREDITED"))).containsExactlyInAnyOrderElementsOf(staying);
    for (UUID person : leaving) {
      assertThat(messaging.written("DepartureOrdered", person)).as("orders written for %s", person).isEqualTo(1);
    }
    for (UUID person : staying) {
      assertThat(messaging.written("DepartureOrdered", person)).as("orders written for %s", person).isZero();
    }
    // And on the broker: published means confirmed, so every order is on the tap once none is left unpublished.
    eventually().until(() -> messaging.unpublished(embassy) == 0);
    List<EventEnvelope> orders = published.received("DepartureOrdered", embassy);
    Map<String, Long> perPerson = orders.stream().collect(Collectors.groupingBy(o -> o.payload().path("staffId").asString(), Collectors.counting()));
    assertThat(perPerson).as("orders per person on the broker").hasSize(leaving.size());
    assertThat(perPerson.values()).containsOnly(1L);
    assertThat(orders).allSatisfy(order -> assertThat(order.payload().path("deadlineId").asString()).isEqualTo(rupture.deadlineId().toString()));
  }

  private int waitingForLocks() {
    return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .query(Integer.class)
        .single();
  }
}
