package org.interestsoffice.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.explodingParcel;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.testapp.ParcelLog;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** The consuming side against the real broker and database: duplicates, poison and failures. */
@SpringBootTest(classes = ParcelService.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure(database = "platform_inbox")
@DirtiesContext
class InboxIT {

  @Autowired RabbitTemplate rabbit;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired ParcelLog parcels;
  @Autowired MessagingNames names;
  @Autowired MessagingProperties properties;
  @Autowired EventSubscription subscription;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;

  @Test
  void aRedeliveredEventIsHandledOnce() {
    EventEnvelope envelope = envelopeOf(parcel("p-duplicate"));
    publishRaw(json.writeValueAsBytes(envelope), envelope.eventId());
    publishRaw(json.writeValueAsBytes(envelope), envelope.eventId());
    publishRaw(json.writeValueAsBytes(envelope), envelope.eventId());
    // One consumer handles the queue in order: once the marker is in, the copies before it were handled.
    EventEnvelope marker = envelopeOf(parcel("p-after-duplicates"));
    publishRaw(json.writeValueAsBytes(marker), marker.eventId());

    await().until(() -> parcels.timesReceived("p-after-duplicates") == 1);
    assertThat(parcels.timesReceived("p-duplicate")).isEqualTo(1);
    assertThat(processedRecords(envelope.eventId())).isEqualTo(1);
    assertThat(rabbit.receive(subscription.deadLetterQueueName(), 200)).as("duplicates are not failures").isNull();
  }

  @Test
  void anUnreadableMessageGoesToTheDeadLetterQueueAndTheConsumerGoesOn() {
    UUID poisonId = UUID.randomUUID();
    publishRaw("this is not an event".getBytes(StandardCharsets.UTF_8), poisonId);
    ParcelService.ship(transactions, outbox, parcel("p-after-poison"));

    await().until(() -> parcels.timesReceived("p-after-poison") == 1);
    Message dead = rabbit.receive(subscription.deadLetterQueueName(), 10_000);
    assertThat(dead).as("the poison message waits in the dead-letter queue").isNotNull();
    assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not an event");
    assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(poisonId.toString());
  }

  @Test
  void anEventWhoseHandlerKeepsFailingIsRetriedThenDeadLetteredAndTheConsumerGoesOn() {
    int attemptsBefore = parcels.attempts();
    UUID failing = ParcelService.ship(transactions, outbox, explodingParcel("p-boom")).eventId();
    ParcelService.ship(transactions, outbox, parcel("p-after-boom"));

    await().until(() -> parcels.timesReceived("p-after-boom") == 1);
    int retries = properties.consumer().maxRetries();
    assertThat(parcels.attempts() - attemptsBefore).as("first try, %d retries, then the next event", retries).isEqualTo(1 + retries + 1);
    Message dead = rabbit.receive(subscription.deadLetterQueueName(), 10_000);
    assertThat(dead).isNotNull();
    EventEnvelope deadEnvelope = json.readValue(dead.getBody(), EventEnvelope.class);
    assertThat(deadEnvelope.eventId()).isEqualTo(failing);
    assertThat(processedRecords(failing)).as("a failed event is not recorded as processed").isZero();
  }

  private EventEnvelope envelopeOf(Object payload) {
    return new EventEnvelope(
        UUID.randomUUID(), "ParcelShipped", 1, Instant.now(), "test", "test", ParcelService.OFFICE, json.valueToTree(payload));
  }

  private void publishRaw(byte[] body, UUID messageId) {
    MessageProperties messageProperties = new MessageProperties();
    messageProperties.setMessageId(messageId.toString());
    messageProperties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    rabbit.send(names.of(properties.exchange()), "ParcelShipped", new Message(body, messageProperties));
  }

  private int processedRecords(UUID eventId) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :id").param("id", eventId).query(Integer.class).single();
  }
}
