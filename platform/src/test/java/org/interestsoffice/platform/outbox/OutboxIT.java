package org.interestsoffice.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.testapp.EventTap;
import org.interestsoffice.platform.testapp.ParcelLog;
import org.interestsoffice.platform.testapp.ParcelLost;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.platform.testapp.ParcelShipped;
import org.interestsoffice.testing.Broker;
import org.interestsoffice.testing.TcpProxy;
import org.interestsoffice.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox against the real broker and database. The service reaches RabbitMQ through a proxy
 * the test can cut, to stand for a broker that is down or unreachable.
 */
@SpringBootTest(
    classes = ParcelService.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "platform.messaging.relay.unrouted-retry-interval=3s")
@DirtiesContext
class OutboxIT {

  private static final TcpProxy brokerLink;

  static {
    Broker broker = TestInfrastructure.get().rabbit();
    brokerLink = TcpProxy.start(broker.host(), broker.port());
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().springProperties("platform_outbox").forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.rabbitmq.host", brokerLink::host);
    registry.add("spring.rabbitmq.port", brokerLink::port);
  }

  @AfterAll
  static void closeLink() {
    brokerLink.close();
  }

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired ParcelLog parcels;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired MessagingNames names;
  @Autowired MessagingProperties properties;
  @Autowired CachingConnectionFactory connectionFactory;
  @Autowired JsonMapper json;
  @Autowired OutboxRelay relay;

  @Test
  void publishesTheEnvelopeOnlyAfterCommitAndMarksItPublishedOnTheBrokersConfirm() {
    EventTap tap = tapEventsOfType("ParcelShipped");
    EventEnvelope[] written = new EventEnvelope[1];
    Correlation.runWith("request-7", "request-7", () -> written[0] = ParcelService.ship(transactions, outbox, parcel("p-envelope")));

    Message message = tap.receive(written[0].eventId());
    EventEnvelope published = json.readValue(message.getBody(), EventEnvelope.class);
    assertThat(published.eventId()).isEqualTo(written[0].eventId());
    assertThat(published.type()).isEqualTo("ParcelShipped");
    assertThat(published.version()).isEqualTo(1);
    assertThat(published.officeCode()).isEqualTo(ParcelService.OFFICE);
    assertThat(published.correlationId()).isEqualTo("request-7");
    assertThat(published.causationId()).isEqualTo("request-7");
    assertThat(published.occurredAt()).isNotNull();
    assertThat(json.treeToValue(published.payload(), ParcelShipped.class)).isEqualTo(parcel("p-envelope"));
    assertThat(message.getMessageProperties().getMessageId()).isEqualTo(written[0].eventId().toString());
    await().untilAsserted(() -> assertThat(row(written[0].eventId()).get("published_at")).isNotNull());
    assertThat(parcels.timesReceived("p-envelope")).isEqualTo(1);
  }

  @Test
  void aRolledBackChangeLeavesNoEventBehind() {
    transactions.executeWithoutResult(
        status -> {
          outbox.append(ParcelService.OFFICE, parcel("p-rolled-back"));
          status.setRollbackOnly();
        });
    ParcelService.ship(transactions, outbox, parcel("p-after-rollback"));

    await().until(() -> parcels.timesReceived("p-after-rollback") == 1);
    assertThat(parcels.timesReceived("p-rolled-back")).isZero();
    assertThat(jdbc.sql("select count(*) from platform.outbox_event where envelope -> 'payload' ->> 'parcel' = 'p-rolled-back'")
            .query(Integer.class).single())
        .isZero();
  }

  @Test
  void anEventWrittenWhileTheBrokerIsUnreachableIsPublishedOnceItIsBack() {
    brokerLink.cut();
    UUID eventId;
    try {
      eventId = ParcelService.ship(transactions, outbox, parcel("p-outage")).eventId();
      await().atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                Map<String, Object> row = row(eventId);
                assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
                assertThat(row.get("published_at")).isNull();
                assertThat((String) row.get("last_error")).contains("unreachable");
              });
    } finally {
      brokerLink.restore();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> parcels.timesReceived("p-outage") == 1);
    assertThat(row(eventId).get("published_at")).isNotNull();
  }

  @Test
  void anEventNoQueueSubscribesToWaitsQuietlyAndReachesAQueueCreatedLater() {
    UUID eventId = ParcelService.ship(transactions, outbox, new ParcelLost("p-lost")).eventId();
    await().atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Object> row = row(eventId);
              assertThat(row.get("unrouted_since")).as("waiting for a subscriber").isNotNull();
              assertThat((String) row.get("last_error")).contains("no queue is bound");
              assertThat(row.get("published_at")).isNull();
            });
    // Not retried on the back-off of a failure (0.2 s doubling to 1 s here, a WARN line each), but
    // offered again at the unrouted interval (3 s here, 10 min by default).
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2))
        .until(() -> (Integer) row(eventId).get("attempts") == 1);

    EventTap tap = tapEventsOfType("ParcelLost");

    tap.receive(eventId);
    await().untilAsserted(() -> assertThat(row(eventId).get("published_at")).isNotNull());
  }

  @Test
  void anEventNoQueueSubscribedToWithinItsRetentionIsDeleted() {
    UUID eventId = UUID.randomUUID();
    String nobodysQueue = names.of("platformtest.nobody-" + eventId);
    EventEnvelope envelope = new EventEnvelope(eventId, "ParcelLost", 1, java.time.Instant.now(), "t", "t", ParcelService.OFFICE,
        json.valueToTree(new ParcelLost("p-forgotten")));
    transactions.executeWithoutResult(status -> outbox.redeliver(nobodysQueue, eventId, "ParcelLost", json.writeValueAsString(envelope)));
    await().atMost(Duration.ofSeconds(20)).until(() -> row(eventId).get("unrouted_since") != null);
    UUID recent = ParcelService.ship(transactions, outbox, parcel("p-recent")).eventId();
    await().until(() -> row(recent).get("published_at") != null);

    jdbc.sql("update platform.outbox_event set unrouted_since = now() - interval '31 days' where event_id = :id").param("id", eventId).update();
    relay.cleanUp();

    assertThat(jdbc.sql("select count(*) from platform.outbox_event where event_id = :id").param("id", eventId).query(Integer.class).single())
        .as("past its 30 days an unrouted event is deleted").isZero();
    assertThat(row(recent).get("published_at")).as("published events are kept for their own retention").isNotNull();
  }

  @Test
  void eventsOfOneTransactionArriveInTheOrderTheyWereWritten() throws Exception {
    EventTap tap = tapEventsOfType("ParcelShipped");
    int events = 200;
    transactions.executeWithoutResult(
        status -> {
          for (int i = 0; i < events; i++) {
            outbox.append(ParcelService.OFFICE, parcel("p-order-" + i));
          }
        });
    java.util.List<String> arrived = new java.util.ArrayList<>();
    while (arrived.size() < events) {
      Message message = tap.next(15_000);
      assertThat(message).as("only %d of %d events arrived", arrived.size(), events).isNotNull();
      String parcel = json.treeToValue(json.readValue(message.getBody(), EventEnvelope.class).payload(), ParcelShipped.class).parcel();
      if (parcel.startsWith("p-order-")) {
        arrived.add(parcel);
      }
    }
    assertThat(arrived).containsExactlyElementsOf(java.util.stream.IntStream.range(0, events).mapToObj(i -> "p-order-" + i).toList());
  }

  @Test
  void aLostExchangeIsDeclaredAgainAndTheEventStillArrives() throws Exception {
    // Deleted by an operator, over a connection of their own.
    Broker broker = TestInfrastructure.get().rabbit();
    com.rabbitmq.client.ConnectionFactory operator = new com.rabbitmq.client.ConnectionFactory();
    operator.setHost(broker.host());
    operator.setPort(broker.port());
    operator.setUsername(broker.username());
    operator.setPassword(broker.password());
    try (com.rabbitmq.client.Connection connection = operator.newConnection();
        com.rabbitmq.client.Channel channel = connection.createChannel()) {
      channel.exchangeDelete(names.of(properties.exchange()));
    }

    ParcelService.ship(transactions, outbox, parcel("p-after-exchange-lost"));

    await().atMost(Duration.ofSeconds(30)).until(() -> parcels.timesReceived("p-after-exchange-lost") == 1);
  }

  @Test
  void twoRelaysOnOneDatabaseNeverPublishTheSameEventTwice() {
    EventTap tap = tapEventsOfType("ParcelShipped");
    OutboxRelay secondInstance = new OutboxRelay(jdbc, transactions, connectionFactory, admin, properties, org.interestsoffice.platform.tracing.Traces.none());
    secondInstance.start();
    int events = 300;
    try {
      transactions.executeWithoutResult(
          status -> {
            for (int i = 0; i < events; i++) {
              outbox.append(ParcelService.OFFICE, parcel("p-race-" + i));
            }
          });
      Set<String> seen = new HashSet<>();
      int deliveries = 0;
      while (seen.size() < events) {
        Message message = tap.next(15_000);
        assertThat(message).as("only %d of %d events arrived", seen.size(), events).isNotNull();
        seen.add(message.getMessageProperties().getMessageId());
        deliveries++;
      }
      assertThat(deliveries).as("each event published exactly once").isEqualTo(events);
      assertThat(tap.next(1_000)).as("no duplicate after the last event").isNull();
    } finally {
      secondInstance.stop();
    }
  }

  private EventTap tapEventsOfType(String type) {
    return EventTap.ofType(type, admin, rabbit, names, properties);
  }

  private Map<String, Object> row(UUID eventId) {
    return jdbc.sql("select attempts, last_error, published_at, unrouted_since from platform.outbox_event where event_id = :id")
        .param("id", eventId)
        .query()
        .singleRow();
  }
}
