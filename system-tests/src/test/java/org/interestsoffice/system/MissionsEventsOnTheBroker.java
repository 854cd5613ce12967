package org.interestsoffice.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.interestsoffice.testing.Broker;
import org.interestsoffice.testing.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event on the running system's broker as the missions service's outbox does (the
 * run's {@code missions.events} exchange, the type as routing key, the envelope as JSON, the event
 * id as message id, persistent, confirmed by the broker): for the system tests that need an event
 * the services would not send of their own accord, such as one about a mission a consumer never
 * heard of.
 */
final class MissionsEventsOnTheBroker {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MissionsEventsOnTheBroker() {}

  /** {@code MissionRegistered} of an embassy of this office, as missions publishes it. */
  static void missionRegistered(UUID missionId, String officeCode, String name, String receivingState, String timeZone) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("missionId", missionId);
    payload.put("officeCode", officeCode);
    payload.put("name", name);
    payload.put("receivingState", receivingState);
    payload.put("timeZone", timeZone);
    payload.put("status", "OPERATING");
    payload.put("staffCeiling", null);
    payload.put("exerciseStartsAt", null);
    publish("MissionRegistered", officeCode, payload);
  }

  /** {@code RelationsSevered}: the mission's departure deadline, due at {@code dueAt}. */
  static void relationsSevered(UUID missionId, String officeCode, Instant dueAt) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("missionId", missionId);
    payload.put("officeCode", officeCode);
    payload.put("deadlineId", UUID.randomUUID());
    payload.put("deadlineKind", "DEPARTURE");
    payload.put("deadlineVersion", 1);
    payload.put("dueAt", dueAt.toString());
    payload.put("supersededDeadlineIds", List.of());
    publish("RelationsSevered", officeCode, payload);
  }

  private static void publish(String type, String officeCode, Map<String, Object> payload) {
    UUID eventId = UUID.randomUUID();
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("eventId", eventId);
    envelope.put("type", type);
    envelope.put("version", 1);
    envelope.put("occurredAt", Instant.now().toString());
    envelope.put("correlationId", "system-test-" + eventId);
    envelope.put("causationId", "system-test");
    envelope.put("officeCode", officeCode);
    envelope.put("payload", payload);
    TestInfrastructure infrastructure = TestInfrastructure.get();
    Broker broker = infrastructure.rabbit();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    try (Connection connection = factory.newConnection("system-test-publisher"); Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      AMQP.BasicProperties properties =
          new AMQP.BasicProperties.Builder().messageId(eventId.toString()).type(type).contentType("application/json").deliveryMode(2).build();
      channel.basicPublish(
          infrastructure.messagingNamespace() + ".missions.events", type, true, properties, JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(10_000);
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("Could not publish " + type + " on the broker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing " + type, e);
    }
  }
}
