package org.interestsoffice.benchmarks;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Personnel's events as notifications consumes them, published the way personnel's outbox does. */
final class PersonnelEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PersonnelEvents() {}

  /** Staff member number {@code i} of the mission: {@code staff-<i>@bench.example}, a third of them in Spanish. */
  static ObjectNode registration(UUID person, UUID mission, int i) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("staffId", person.toString());
    payload.put("missionId", mission.toString());
    payload.put("officeCode", "CCS");
    payload.put("fullName", "Staff Member " + i);
    payload.put("category", "DIPLOMATIC_AGENT");
    payload.put("email", email(i));
    payload.put("phone", String.format(Locale.ROOT, "+1202%07d", i));
    payload.put("preferredLanguage", i % 3 == 0 ? "es" : "en");
    return payload;
  }

  static String email(int i) {
    return "staff-" + i + "@bench.example";
  }

  static ObjectNode order(UUID person, UUID mission, UUID deadline, Instant due) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("staffId", person.toString());
    payload.put("missionId", mission.toString());
    payload.put("officeCode", "CCS");
    payload.put("missionName", "Embassy of the United States in Caracas");
    payload.put("missionTimeZone", "America/Caracas");
    payload.put("deadlineId", deadline.toString());
    payload.put("deadlineKind", "DEPARTURE");
    payload.put("deadlineVersion", 1);
    payload.put("dueAt", due.toString());
    payload.put("deadlineStatus", "RUNNING");
    payload.put("exercise", false);
    return payload;
  }

  static void publish(Channel channel, String exchange, String type, ObjectNode payload) throws IOException {
    UUID eventId = UUID.randomUUID();
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("eventId", eventId.toString());
    envelope.put("type", type);
    envelope.put("version", 1);
    envelope.put("occurredAt", Instant.now().toString());
    envelope.put("correlationId", eventId.toString());
    envelope.put("causationId", eventId.toString());
    envelope.put("officeCode", "CCS");
    envelope.set("payload", payload);
    AMQP.BasicProperties properties =
        MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").messageId(eventId.toString()).type(type).build();
    channel.basicPublish(exchange, type, true, properties, JSON.writeValueAsBytes(envelope));
  }
}
