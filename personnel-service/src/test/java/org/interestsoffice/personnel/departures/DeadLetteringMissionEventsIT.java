package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.Rupture;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.platform.inbox.DeadLetters.DeadLetter;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An event personnel cannot handle does not block the missions events behind it, nor get lost: it is kept as a dead letter. */
@PersonnelServiceUnderTest
class DeadLetteringMissionEventsIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;
  @Autowired EventSubscription missionEvents;
  @Autowired MessagingProperties messagingProperties;
  @Autowired DeadLetters deadLetters;

  @Test
  void aRuptureOfAMissionPersonnelNeverHeardOfIsRetriedThenDeadLetteredAndTheConsumerGoesOn() {
    Mission unheardOf = aMission().inCaracas();
    Instant dueAt = Instant.now().plus(72, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    long sent = System.nanoTime();
    Rupture poison = missionsService.severs(unheardOf, dueAt);
    Mission embassy = aMission().inCaracas();
    EventEnvelope embassyRegistered = missionsService.registers(embassy);

    eventually().until(() -> deadLetter(poison.envelope().eventId()).isPresent());
    Duration waited = Duration.ofNanos(System.nanoTime() - sent);
    // Handled once and retried with back-off before giving up, rather than dead-lettered at once.
    MessagingProperties.Consumer retries = messagingProperties.consumer();
    assertThat(retries.maxRetries()).isEqualTo(2);
    Duration backOff = retries.initialInterval().plus(retries.initialInterval().multipliedBy((long) retries.multiplier()));
    assertThat(waited).as("time until dead-lettered").isGreaterThanOrEqualTo(backOff);
    DeadLetter kept = deadLetter(poison.envelope().eventId()).orElseThrow();
    assertThat(kept.eventType()).isEqualTo("RelationsSevered");
    assertThat(kept.queue()).isEqualTo(missionEvents.queueName());
    assertThat(kept.reason()).as("why it failed, for an administrator").contains(unheardOf.id().toString());
    assertThat(deadLetters.canRedrive(kept)).as("kept as sent, for an administrator to re-drive").isTrue();
    assertThat(messaging.timesRecordedAsProcessed(poison.envelope().eventId())).as("a failed event is not recorded as processed").isZero();

    // The events behind it are handled: the embassy becomes known, and its rupture orders staff out.
    messaging.awaitProcessed(embassyRegistered);
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    missionsService.severs(embassy, dueAt);
    eventually().until(() -> personnel.statusOf(ambassador), "DEPARTURE_ORDERED"::equals);
  }

  /** The dead letter of that event, once the consumer has given up on it. */
  private Optional<DeadLetter> deadLetter(UUID eventId) {
    return deadLetters.list(false).stream().filter(dead -> eventId.equals(dead.eventId())).findFirst();
  }
}
