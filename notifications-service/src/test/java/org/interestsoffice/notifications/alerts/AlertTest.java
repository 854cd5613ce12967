package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.interestsoffice.notifications.alerts.AlertStatus.DEAD;
import static org.interestsoffice.notifications.alerts.AlertStatus.DELIVERED;
import static org.interestsoffice.notifications.alerts.AlertStatus.FAILED;
import static org.interestsoffice.notifications.alerts.AlertStatus.QUEUED;
import static org.interestsoffice.notifications.alerts.AlertStatus.RETRYING;
import static org.interestsoffice.notifications.alerts.AlertStatus.SENT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.interestsoffice.notifications.alerts.Alert.IllegalTransition;
import org.interestsoffice.notifications.alerts.Alert.Logged;
import org.interestsoffice.notifications.alerts.Alert.Transition;
import org.interestsoffice.notifications.alerts.AlertEvent.Acknowledged;
import org.interestsoffice.notifications.alerts.AlertEvent.ContactMissing;
import org.interestsoffice.notifications.alerts.AlertEvent.NotSent;
import org.interestsoffice.notifications.alerts.AlertEvent.ReDriven;
import org.interestsoffice.notifications.alerts.AlertEvent.ReportedDelivered;
import org.interestsoffice.notifications.alerts.AlertEvent.ReportedFailed;
import org.interestsoffice.notifications.alerts.AlertEvent.Sent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The alert's state machine, over every (status, event) pair. */
class AlertTest {

  private static final int MAX_ATTEMPTS = 8;

  /** One event of each kind (a failure both ways), named as the table below names them. */
  private static final Map<String, AlertEvent> EVENTS = new LinkedHashMap<>();

  static {
    EVENTS.put("contact missing", new ContactMissing());
    EVENTS.put("sent", new Sent());
    EVENTS.put("not sent, transient", new NotSent("421 try later", false));
    EVENTS.put("not sent, permanent", new NotSent("550 no such mailbox", true));
    EVENTS.put("reported delivered", new ReportedDelivered());
    EVENTS.put("reported failed", new ReportedFailed("handset unreachable"));
    EVENTS.put("re-driven", new ReDriven("ministry-admin"));
    EVENTS.put("acknowledged", new Acknowledged(Instant.parse("2019-01-24T10:00:00Z")));
  }

  /** What each event does in each status: the status after it, "unchanged", or "refused". */
  private static final Map<AlertStatus, List<String>> EXPECTED = new EnumMap<>(AlertStatus.class);

  static {
    //                              contact    sent       transient  permanent  delivered    failed       re-driven  acknowledged
    EXPECTED.put(QUEUED, List.of("RETRYING", "SENT", "RETRYING", "DEAD", "unchanged", "unchanged", "refused", "QUEUED"));
    EXPECTED.put(RETRYING, List.of("RETRYING", "SENT", "RETRYING", "DEAD", "unchanged", "unchanged", "refused", "RETRYING"));
    EXPECTED.put(SENT, List.of("refused", "refused", "refused", "refused", "DELIVERED", "FAILED", "refused", "SENT"));
    EXPECTED.put(DELIVERED, List.of("refused", "refused", "refused", "refused", "unchanged", "unchanged", "refused", "DELIVERED"));
    EXPECTED.put(FAILED, List.of("refused", "refused", "refused", "refused", "unchanged", "unchanged", "QUEUED", "FAILED"));
    EXPECTED.put(DEAD, List.of("refused", "refused", "refused", "refused", "unchanged", "unchanged", "QUEUED", "DEAD"));
  }

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (AlertStatus status : AlertStatus.values()) {
      List<String> expected = EXPECTED.get(status);
      int column = 0;
      for (Map.Entry<String, AlertEvent> event : EVENTS.entrySet()) {
        pairs.add(Arguments.of(status, event.getKey(), event.getValue(), expected.get(column++)));
      }
    }
    return pairs.stream();
  }

  @Test
  void theTableCoversEveryStatusAndEveryKindOfEvent() {
    assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(AlertStatus.values());
    EXPECTED.values().forEach(row -> assertThat(row).hasSize(EVENTS.size()));
    assertThat(EVENTS.values().stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(AlertEvent.class.getPermittedSubclasses());
  }

  @ParameterizedTest(name = "{0} + {1} -> {3}")
  @MethodSource("everyPair")
  void eachEventInEachStatus(AlertStatus status, String eventName, AlertEvent event, String expected) {
    Alert alert = anAlert(status, 2, 1, null, false);

    if (expected.equals("refused")) {
      assertThatThrownBy(() -> alert.on(event, MAX_ATTEMPTS)).isInstanceOf(IllegalTransition.class).hasMessageContaining(status.name());
      return;
    }
    Transition transition = alert.on(event, MAX_ATTEMPTS);
    assertThat(transition.before()).isEqualTo(alert);
    if (expected.equals("unchanged")) {
      assertThat(transition.changed()).isFalse();
      assertThat(transition.after()).isEqualTo(alert);
      assertThat(transition.logged()).isEmpty();
      return;
    }
    Alert after = transition.after();
    assertThat(after.status()).isEqualTo(AlertStatus.valueOf(expected));
    assertThat(after.id()).isEqualTo(alert.id());
    assertThat(after.channel()).isEqualTo(alert.channel());
    assertThat(transition.changed()).isTrue();
    switch (eventName) {
      case "sent" -> {
        assertThat(after.attempts()).isEqualTo(3);
        assertThat(after.lastError()).isNull();
        assertThat(transition.logged()).contains(new Logged(SENT, null));
      }
      case "not sent, transient", "not sent, permanent" -> {
        NotSent failed = (NotSent) event;
        assertThat(after.attempts()).as("a failed attempt counts").isEqualTo(3);
        assertThat(after.lastError()).isEqualTo(failed.error());
        assertThat(transition.logged()).contains(new Logged(after.status(), failed.error()));
      }
      case "contact missing" -> {
        assertThat(after.attempts()).as("waiting for contact details is not an attempt").isEqualTo(2);
        assertThat(transition.logged()).contains(new Logged(RETRYING, ContactMissing.ERROR));
      }
      case "reported delivered" -> assertThat(transition.logged()).contains(new Logged(DELIVERED, null));
      case "reported failed" -> {
        assertThat(after.lastError()).isEqualTo("handset unreachable");
        assertThat(transition.logged()).contains(new Logged(FAILED, "handset unreachable"));
      }
      case "re-driven" -> {
        assertThat(after.attempts()).as("attempts start again").isZero();
        assertThat(after.generation()).as("a new generation: a new delivery key").isEqualTo(2);
        assertThat(after.deliveryKey()).isNotEqualTo(alert.deliveryKey());
        assertThat(after.lastError()).isNull();
        assertThat(transition.logged()).contains(new Logged(QUEUED, "Re-driven by ministry-admin"));
      }
      case "acknowledged" -> {
        assertThat(after.acknowledged()).isTrue();
        assertThat(after.attempts()).isEqualTo(alert.attempts());
        assertThat(transition.logged()).isEmpty();
      }
      default -> throw new AssertionError("No expectation for " + eventName);
    }
    if (!eventName.equals("re-driven")) {
      assertThat(after.generation()).as("only a re-drive starts a new generation").isEqualTo(alert.generation());
      assertThat(after.deliveryKey()).isEqualTo(alert.deliveryKey());
    }
  }

  @Test
  void aTransientFailureOnTheLastAttemptIsDead() {
    Transition last = anAlert(RETRYING, MAX_ATTEMPTS - 1, 0, "421", false).on(new NotSent("421 again", false), MAX_ATTEMPTS);
    assertThat(last.after().status()).isEqualTo(DEAD);
    assertThat(last.after().attempts()).isEqualTo(MAX_ATTEMPTS);
    assertThat(anAlert(RETRYING, MAX_ATTEMPTS - 2, 0, "421", false).on(new NotSent("421 again", false), MAX_ATTEMPTS).after().status())
        .isEqualTo(RETRYING);
  }

  @Test
  void anAlertIsAcknowledgedOnceWhateverItsStatus() {
    for (AlertStatus status : AlertStatus.values()) {
      Alert acknowledged = anAlert(status, 1, 0, null, true);
      Transition again = acknowledged.on(new Acknowledged(Instant.now()), MAX_ATTEMPTS);
      assertThat(again.changed()).as(status.name()).isFalse();
    }
  }

  @Test
  void waitingForContactDetailsIsSaidOnceInTheDeliveryLog() {
    Alert waiting = anAlert(QUEUED, 0, 0, null, false).on(new ContactMissing(), MAX_ATTEMPTS).after();
    Transition lookedAgain = waiting.on(new ContactMissing(), MAX_ATTEMPTS);
    assertThat(lookedAgain.logged()).isEmpty();
    assertThat(lookedAgain.after().status()).isEqualTo(RETRYING);
    // After another kind of failure, it is said again.
    Alert failedOtherwise = anAlert(RETRYING, 1, 0, "421 try later", false);
    assertThat(failedOtherwise.on(new ContactMissing(), MAX_ATTEMPTS).logged()).contains(new Logged(RETRYING, ContactMissing.ERROR));
  }

  @Test
  void everyStatusIsOneTheDeliveryLogKnows() {
    assertThat(Arrays.stream(AlertStatus.values()).map(Enum::name))
        .containsExactlyInAnyOrder("QUEUED", "SENT", "DELIVERED", "FAILED", "RETRYING", "DEAD");
    assertThat(Optional.of(DEAD).filter(AlertStatus::undelivered)).isPresent();
  }

  private static Alert anAlert(AlertStatus status, int attempts, int generation, String lastError, boolean acknowledged) {
    return new Alert(UUID.fromString("6f1c2a8e-0d55-4c43-9a53-2d1f3b0e7c11"), Channel.SMS, status, attempts, generation, lastError, acknowledged);
  }
}
