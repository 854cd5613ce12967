package org.interestsoffice.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.interestsoffice.platform.messaging.MessagingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

/**
 * Every limit of a consumer's queues is declared, never left to the broker's default (RabbitMQ 4.x
 * drops a quorum queue's message after 20 deliveries unless it has a dead-letter target; 3.x has
 * no limit): the queue goes to .dlq, the .dlq to .parked.
 */
class EventSubscriptionTopologyTest {

  private static final MessagingProperties SHIPPED =
      new MessagingProperties(
          "",
          null,
          "",
          new MessagingProperties.Relay(
              Duration.ofMillis(500), 100, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofDays(7),
              Duration.ofMinutes(10), Duration.ofDays(30)),
          new MessagingProperties.Consumer(3, Duration.ofMillis(500), 3.0, Duration.ofSeconds(10), 1, 20, 20, 100, Duration.ofSeconds(30), 1, Duration.ofMillis(20)));

  @Test
  void theQueueAndItsDeadLetterQueueEachSayWhereAMessageGoesPastTheirDeliveryLimit() {
    Map<String, Queue> queues = queues();

    assertThat(queues.get("personnel.mission-events").getArguments())
        .containsEntry("x-queue-type", "quorum")
        .containsEntry("x-delivery-limit", 20)
        .containsEntry("x-dead-letter-exchange", "")
        .containsEntry("x-dead-letter-routing-key", "personnel.mission-events.dlq")
        .containsEntry("x-dead-letter-strategy", "at-least-once")
        .containsEntry("x-overflow", "reject-publish");
    assertThat(queues.get("personnel.mission-events.dlq").getArguments())
        .containsEntry("x-queue-type", "quorum")
        .containsEntry("x-delivery-limit", 100)
        .containsEntry("x-dead-letter-exchange", "")
        .containsEntry("x-dead-letter-routing-key", "personnel.mission-events.parked")
        .containsEntry("x-dead-letter-strategy", "at-least-once")
        .containsEntry("x-overflow", "reject-publish");
    assertThat(queues.get("personnel.mission-events.parked").getArguments())
        .containsEntry("x-queue-type", "quorum")
        .doesNotContainKey("x-dead-letter-exchange");
    assertThat(queues.values()).allSatisfy(queue -> assertThat(queue.isDurable()).isTrue());
  }

  private static Map<String, Queue> queues() {
    return EventSubscription.topology("personnel.mission-events", "missions.events", List.of("RelationsSevered"), SHIPPED).stream()
        .filter(Queue.class::isInstance)
        .map(Queue.class::cast)
        .collect(java.util.stream.Collectors.toMap(Queue::getName, queue -> queue));
  }
}
