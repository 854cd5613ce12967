package org.interestsoffice.notifications.personnel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Publishes an event as its producing service would: persistent, with the broker's confirm awaited. */
final class Publishing {

  private final RabbitTemplate rabbit;
  private final JsonMapper json;
  private final MessagingNames names;

  Publishing(RabbitTemplate rabbit, JsonMapper json, MessagingNames names) {
    this.rabbit = rabbit;
    this.json = json;
    this.names = names;
  }

  EventEnvelope publish(String exchange, EventEnvelope envelope) {
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding(StandardCharsets.UTF_8.name());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(envelope.eventId().toString());
    properties.setType(envelope.type());
    CorrelationData correlation = new CorrelationData(envelope.eventId().toString());
    rabbit.send(names.of(exchange), envelope.type(), new Message(json.writeValueAsBytes(envelope), properties), correlation);
    try {
      CorrelationData.Confirm confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
      if (!confirm.ack() || correlation.getReturned() != null) {
        throw new IllegalStateException("The broker did not take " + envelope.type() + ": " + confirm.reason());
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("No confirm from the broker for " + envelope.type(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing " + envelope.type(), e);
    }
    return envelope;
  }
}
