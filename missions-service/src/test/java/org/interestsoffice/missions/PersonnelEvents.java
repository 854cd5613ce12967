package org.interestsoffice.missions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Personnel's events, published to personnel's exchange on the real broker as its outbox relay does. */
final class PersonnelEvents {

  private final RabbitTemplate rabbit;
  private final JsonMapper json;
  private final String exchange;

  PersonnelEvents(RabbitTemplate rabbit, JsonMapper json, MessagingNames names) {
    this.rabbit = rabbit;
    this.json = json;
    this.exchange = names.of("personnel.events");
  }

  /** A person registered in the mission, as personnel announces them (contact data left out). */
  UUID registered(UUID missionId, String officeCode, String fullName, UUID principalId) {
    UUID staffId = UUID.randomUUID();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("staffId", staffId);
    payload.put("missionId", missionId);
    payload.put("officeCode", officeCode);
    payload.put("fullName", fullName);
    payload.put("category", principalId == null ? "DIPLOMATIC_AGENT" : "FAMILY_MEMBER");
    payload.put("principalId", principalId);
    payload.put("email", "someone@state.example.org");
    payload.put("phone", "+15550100");
    payload.put("preferredLanguage", "en");
    publish(officeCode, "StaffRegistered", payload);
    return staffId;
  }

  void designated(UUID staffId, UUID missionId, String officeCode) {
    publish(officeCode, "RemainingStaffDesignated", Map.of("staffId", staffId, "missionId", missionId, "officeCode", officeCode));
  }

  private void publish(String officeCode, String type, Object payload) {
    String correlationId = UUID.randomUUID().toString();
    EventEnvelope envelope =
        new EventEnvelope(UUID.randomUUID(), type, 1, Instant.now(), correlationId, correlationId, officeCode, json.valueToTree(payload));
    MessageProperties properties = new MessageProperties();
    properties.setMessageId(envelope.eventId().toString());
    properties.setType(type);
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    rabbit.send(exchange, type, new Message(json.writeValueAsBytes(envelope), properties));
  }
}
