package org.interestsoffice.notifications.personnel;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Missions, played by the test: the one event of theirs notifications reads, an exercise's case clock moving. */
public final class Missions {

  private static final String EXCHANGE = "missions.events";

  private record CaseClockAdvanced(UUID missionId, String officeCode, Instant startsAt, Instant previousCaseNow, Instant caseNow) {}

  private final Publishing publishing;
  private final JsonMapper json;

  public Missions(RabbitTemplate rabbit, JsonMapper json, MessagingNames names) {
    this.publishing = new Publishing(rabbit, json, names);
    this.json = json;
  }

  /** The crisis cell advances the exercise's case clock from {@code from} to {@code to}; the event occurs at {@code to}. */
  public EventEnvelope advancesCaseClock(Mission exercise, Instant startsAt, Instant from, Instant to) {
    UUID eventId = UUID.randomUUID();
    return publishing.publish(
        EXCHANGE,
        new EventEnvelope(
            eventId,
            "CaseClockAdvanced",
            1,
            to,
            eventId.toString(),
            eventId.toString(),
            exercise.officeCode(),
            json.valueToTree(new CaseClockAdvanced(exercise.missionId(), exercise.officeCode(), startsAt, from, to))));
  }
}
