package org.interestsoffice.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What travels on the broker: the metadata every event carries, and its payload.
 *
 * @param causationId the event or request that caused this one
 */
public record EventEnvelope(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    String correlationId,
    String causationId,
    String officeCode,
    JsonNode payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(causationId, "causationId");
    Objects.requireNonNull(officeCode, "officeCode");
    Objects.requireNonNull(payload, "payload");
  }

  public static IntegrationEvent describe(Class<?> payloadType) {
    IntegrationEvent event = payloadType.getAnnotation(IntegrationEvent.class);
    if (event == null) {
      throw new IllegalArgumentException(
          payloadType.getName() + " is not annotated with @" + IntegrationEvent.class.getSimpleName());
    }
    return event;
  }
}
