package org.interestsoffice.notifications.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.orders.DepartureOrders.Version;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The orders a batch of reminders was made for, looked up by person and deadline kind. */
@NotificationsServiceUnderTest
class DepartureOrdersIT {

  private static final Instant NOW = Instant.parse("2019-01-24T12:00:00Z");

  @Autowired DepartureOrders orders;
  @Autowired TransactionTemplate transactions;

  @Test
  void eachVersionAskedForGetsItsOwnKindsOrderAndOnlyWhileItIsActiveAtThatVersion() {
    UUID expelledTwice = UUID.randomUUID();
    UUID reissued = UUID.randomUUID();
    UUID departed = UUID.randomUUID();
    UUID unknown = UUID.randomUUID();
    DepartureOrder departure = anOrder(expelledTwice, "DEPARTURE", 1);
    DepartureOrder personal = anOrder(expelledTwice, "PERSONAL", 1);
    transactions.executeWithoutResult(
        status -> {
          orders.insert(departure, NOW);
          orders.insert(personal, NOW);
          orders.insert(anOrder(reissued, "DEPARTURE", 2), NOW);
          orders.insert(anOrder(departed, "DEPARTURE", 1), NOW);
          orders.end(departed, "DEPARTED", NOW.plusSeconds(60));
        });

    Map<Version, DepartureOrder> active =
        orders.activeAt(
            List.of(
                versionOf(departure),
                versionOf(personal),
                new Version(reissued, "DEPARTURE", 1, 1),
                new Version(departed, "DEPARTURE", 1, 1),
                new Version(unknown, "DEPARTURE", 1, 1)));

    assertThat(active).containsOnlyKeys(versionOf(departure), versionOf(personal));
    assertThat(active.get(versionOf(departure))).isEqualTo(departure);
    assertThat(active.get(versionOf(personal))).isEqualTo(personal);
    assertThat(orders.activeAt(List.of(versionOf(personal)))).containsOnlyKeys(versionOf(personal));
    assertThat(orders.activeAt(List.of())).isEmpty();
  }

  private static DepartureOrder anOrder(UUID staffId, String kind, int version) {
    return new DepartureOrder(
        staffId, UUID.randomUUID(), "CCS", "Embassy in Caracas", "America/Caracas", kind, UUID.randomUUID(), version, "RUNNING",
        NOW.plus(Duration.ofHours(72)), 1, false);
  }

  private static Version versionOf(DepartureOrder order) {
    return new Version(order.staffId(), order.deadlineKind(), order.deadlineVersion(), order.round());
  }
}
