package org.interestsoffice.platform.testapp;

import java.util.UUID;

import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** A private queue that receives a copy of every event of one type the service publishes, for a test to read. */
public final class EventTap {

  private final RabbitTemplate rabbit;
  private final String queue;

  private EventTap(RabbitTemplate rabbit, String queue) {
    this.rabbit = rabbit;
    this.queue = queue;
  }

  public static EventTap ofType(String type, AmqpAdmin admin, RabbitTemplate rabbit, MessagingNames names, MessagingProperties properties) {
    // Not auto-delete: each receive() is a consumer that comes and goes. The broker drops it later.
    Queue tap = QueueBuilder.nonDurable(names.of("platformtest.tap." + UUID.randomUUID())).expires(600_000).build();
    admin.declareQueue(tap);
    admin.declareBinding(new Binding(tap.getName(), Binding.DestinationType.QUEUE, names.of(properties.exchange()), type, null));
    return new EventTap(rabbit, tap.getName());
  }

  /** The next event on the tap, or null when none comes within the time. */
  public Message next(long timeoutMillis) {
    return rabbit.receive(queue, timeoutMillis);
  }

  /** Reads the tap until the given event arrives; other events of the same type may come first. */
  public Message receive(UUID eventId) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      Message message = rabbit.receive(queue, 1_000);
      if (message != null && eventId.toString().equals(message.getMessageProperties().getMessageId())) {
        return message;
      }
    }
    throw new AssertionError("Event " + eventId + " never reached the broker");
  }
}
