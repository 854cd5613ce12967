package org.interestsoffice.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.testing.Broker;
import org.interestsoffice.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The broker's side of dead-lettering, on the broker the tests run against: a message delivered
 * and given back more often than the queue's delivery limit moves to its {@code .dlq}, and from
 * there, past that queue's own limit, to {@code .parked}; it is never dropped. RabbitMQ 4.x would
 * drop it after 20 deliveries if the queues did not say where it goes; 3.x has no default limit.
 * The queues are declared as the platform declares them, with small limits.
 */
class DeadLetterChainIT {

  private static final int QUEUE_LIMIT = 2;
  private static final int DEAD_LETTER_QUEUE_LIMIT = 3;

  private static CachingConnectionFactory springConnections;
  private static Connection connection;
  private static String queue;

  @BeforeAll
  static void declareTheChain() throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    Broker broker = infrastructure.rabbit();
    springConnections = new CachingConnectionFactory(broker.host(), broker.port());
    springConnections.setUsername(broker.username());
    springConnections.setPassword(broker.password());
    RabbitAdmin admin = new RabbitAdmin(springConnections);
    MessagingProperties properties = properties(infrastructure.messagingNamespace());
    queue = new MessagingNames(properties).of("platformtest.chain-" + UUID.randomUUID());
    List<Declarable> topology = EventSubscription.topology(queue, queue + ".exchange", List.of("ChainTested"), properties);
    topology.stream().filter(Exchange.class::isInstance).forEach(exchange -> admin.declareExchange((Exchange) exchange));
    topology.stream().filter(Queue.class::isInstance).forEach(declared -> admin.declareQueue((Queue) declared));
    topology.stream().filter(Binding.class::isInstance).forEach(binding -> admin.declareBinding((Binding) binding));
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    connection = factory.newConnection("dead-letter-chain-test");
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
    springConnections.destroy();
  }

  @Test
  void aMessageGivenBackTooOftenMovesToTheDeadLetterQueueThenToParkedAndIsNeverDropped() throws Exception {
    try (Channel channel = connection.createChannel()) {
      String messageId = UUID.randomUUID().toString();
      channel.confirmSelect();
      channel.basicPublish(
          "", queue, new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build(), "chain".getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(5_000);

      int deliveries = giveBackUntilGone(channel, queue);
      assertThat(deliveries).as("deliveries from %s before the broker dead-lettered it", queue).isEqualTo(QUEUE_LIMIT + 1);
      GetResponse inDeadLetterQueue = await(channel, MessagingNames.deadLetterQueueOf(queue));
      assertThat(inDeadLetterQueue.getProps().getMessageId()).isEqualTo(messageId);
      assertThat(reasonOf(inDeadLetterQueue)).isEqualTo("delivery_limit");
      channel.basicNack(inDeadLetterQueue.getEnvelope().getDeliveryTag(), false, true);

      int deadLetterDeliveries = 1 + giveBackUntilGone(channel, MessagingNames.deadLetterQueueOf(queue));
      assertThat(deadLetterDeliveries).as("deliveries from the .dlq").isEqualTo(DEAD_LETTER_QUEUE_LIMIT + 1);
      GetResponse parked = await(channel, MessagingNames.parkingQueueOf(queue));
      assertThat(parked.getProps().getMessageId()).isEqualTo(messageId);
      assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("chain");
      channel.basicAck(parked.getEnvelope().getDeliveryTag(), false);
    }
  }

  /** Takes the message and gives it back (as a consumer that crashes would) until the queue no longer offers it. */
  private static int giveBackUntilGone(Channel channel, String from) throws Exception {
    int deliveries = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      GetResponse response = channel.basicGet(from, false);
      if (response == null) {
        if (channel.messageCount(from) == 0 && deliveries > 0) {
          return deliveries;
        }
        Thread.sleep(50); // the broker moves the message asynchronously; nothing else to wait on
        continue;
      }
      deliveries++;
      channel.basicNack(response.getEnvelope().getDeliveryTag(), false, true);
    }
    throw new AssertionError("The message stayed in " + from + " after " + deliveries + " deliveries");
  }

  private static GetResponse await(Channel channel, String queueName) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      GetResponse response = channel.basicGet(queueName, false);
      if (response != null) {
        return response;
      }
      Thread.sleep(50); // as above
    }
    throw new AssertionError("Nothing arrived in " + queueName);
  }

  @SuppressWarnings("unchecked")
  private static String reasonOf(GetResponse response) {
    List<Map<String, Object>> deaths = (List<Map<String, Object>>) response.getProps().getHeaders().get("x-death");
    return String.valueOf(deaths.get(0).get("reason"));
  }

  private static MessagingProperties properties(String namespace) {
    return new MessagingProperties(
        namespace,
        Duration.ofMinutes(30),
        "",
        new MessagingProperties.Relay(
            Duration.ofMillis(500), 100, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofDays(7),
            Duration.ofMinutes(10), Duration.ofDays(30)),
        new MessagingProperties.Consumer(
            3, Duration.ofMillis(500), 3.0, Duration.ofSeconds(10), 1, 20, QUEUE_LIMIT, DEAD_LETTER_QUEUE_LIMIT, Duration.ofSeconds(30), 1,
            Duration.ofMillis(20)));
  }
}
