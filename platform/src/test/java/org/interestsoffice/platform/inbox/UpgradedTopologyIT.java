package org.interestsoffice.platform.inbox;

import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.time.Duration;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.testapp.ParcelLog;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.testing.Broker;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A broker that already holds the queues of an earlier version, whose {@code .dlq} had no delivery
 * limit or dead-letter target: the service still starts and consumes. Declaring the {@code .dlq}
 * with its new arguments fails on such a broker (an existing queue keeps its arguments); that is
 * logged, the rest of the topology is declared, and the old {@code .dlq} works as before until an
 * operator deletes it (docs/events.md).
 */
@SpringBootTest(classes = ParcelService.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure(database = "platform_upgrade")
@DirtiesContext
class UpgradedTopologyIT {

  private static final String DEAD_LETTER_QUEUE = TestInfrastructure.get().messagingNamespace() + ".platformtest.parcels.dlq";

  static {
    // The .dlq as the earlier version declared it, before the service starts.
    operate(channel -> {
      channel.queueDelete(DEAD_LETTER_QUEUE);
      channel.queueDeclare(DEAD_LETTER_QUEUE, true, false, false, Map.of("x-queue-type", "quorum", "x-expires", 1_800_000));
    });
  }

  /** What an operator does after the upgrade (the .dlq is drained into the database): the next start declares it anew. */
  @AfterAll
  static void operatorDeletesTheOldDeadLetterQueue() {
    operate(channel -> channel.queueDelete(DEAD_LETTER_QUEUE));
  }

  private interface Operation {
    void on(Channel channel) throws Exception;
  }

  private static void operate(Operation operation) {
    Broker broker = TestInfrastructure.get().rabbit();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      operation.on(channel);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired ParcelLog parcels;

  @Test
  void theServiceStartsAndConsumesOnABrokerWithTheEarlierDeadLetterQueue() {
    ParcelService.ship(transactions, outbox, parcel("p-after-upgrade"));
    await().atMost(Duration.ofSeconds(30)).until(() -> parcels.timesReceived("p-after-upgrade") == 1);
  }
}
