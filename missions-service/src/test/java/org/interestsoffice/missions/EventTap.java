package org.interestsoffice.missions;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import org.interestsoffice.platform.events.EventEnvelope;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * A private queue bound to the service's events exchange: what a consumer of these events would
 * receive from the real broker.
 */
final class EventTap {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String queue;
  private final RabbitTemplate rabbit;
  private final JsonMapper json;

  private EventTap(String queue, RabbitTemplate rabbit, JsonMapper json) {
    this.queue = queue;
    this.rabbit = rabbit;
    this.json = json;
  }

  /** Taps the given event types; must be opened before the events are published. */
  static EventTap open(
      AmqpAdmin admin, RabbitTemplate rabbit, JsonMapper json, TopicExchange events, String queueName, String... types) {
    // Not auto-delete: each receive() is a consumer that comes and goes. It expires on the broker
    // once unused. The exchange is declared again because in test runs it is auto-delete and may
    // have gone with the last queue bound to it.
    Queue tap = QueueBuilder.nonDurable(queueName).expires(600_000).build();
    admin.declareExchange(events);
    admin.declareQueue(tap);
    for (String type : types) {
      admin.declareBinding(new Binding(tap.getName(), Binding.DestinationType.QUEUE, events.getName(), type, null));
    }
    return new EventTap(tap.getName(), rabbit, json);
  }

  /** A published event: its envelope and the broker message id it travelled under. */
  record Received(EventEnvelope envelope, String messageId) {}

  /** Reads the tap until an event of the type that the predicate accepts arrives; others are skipped. */
  Received next(String type, Predicate<EventEnvelope> wanted) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Message message = rabbit.receive(queue, 1_000);
      if (message == null) {
        continue;
      }
      EventEnvelope envelope = json.readValue(message.getBody(), EventEnvelope.class);
      if (type.equals(envelope.type()) && wanted.test(envelope)) {
        return new Received(envelope, message.getMessageProperties().getMessageId());
      }
    }
    throw new AssertionError("No " + type + " event arrived on " + queue + " within " + PATIENCE);
  }

  /** Reads the tap until an event (of any tapped type) that the predicate accepts arrives. */
  EventEnvelope next(Predicate<EventEnvelope> wanted) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Message message = rabbit.receive(queue, 1_000);
      if (message == null) {
        continue;
      }
      EventEnvelope envelope = json.readValue(message.getBody(), EventEnvelope.class);
      if (wanted.test(envelope)) {
        return envelope;
      }
    }
    throw new AssertionError("No wanted event arrived on " + queue + " within " + PATIENCE);
  }

  /** Accepts events whose payload concerns the given mission. */
  static Predicate<EventEnvelope> aboutMission(UUID missionId) {
    return envelope -> missionId.toString().equals(envelope.payload().path("missionId").asString(""));
  }
}
