package org.interestsoffice.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.explodingParcel;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.inbox.DeadLetters.DeadLetter;
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

/** The consuming side against the real broker and database: duplicates, poison, failures and re-drives. */
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
  @Autowired DeadLetters deadLetters;

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
  void anUnreadableMessageIsKeptAsADeadLetterAtOnceAndTheConsumerGoesOn() {
    UUID poisonId = UUID.randomUUID();
    publishRaw("this is not an event".getBytes(StandardCharsets.UTF_8), poisonId);
    ParcelService.ship(transactions, outbox, parcel("p-after-poison"));

    await().until(() -> parcels.timesReceived("p-after-poison") == 1);
    DeadLetter dead = await().until(() -> deadLetterOf(poisonId), Optional::isPresent).orElseThrow();
    assertThat(dead.queue()).isEqualTo(subscription.queueName());
    assertThat(dead.reason()).startsWith("PoisonMessageException").contains("Unreadable event envelope");
    assertThat(dead.status()).isEqualTo("WAITING");
    assertThat(dead.eventType()).as("nothing could be read of it").isNull();
    assertThat(deadLetters.canRedrive(dead)).isFalse();
    assertThat(rabbit.receive(subscription.deadLetterQueueName(), 200)).as("kept in the database, not left in the broker").isNull();
  }

  @Test
  void anEventWhoseHandlerKeepsFailingIsRetriedThenKeptAndOnceFixedReDrivenAndHandledOnce() {
    int attemptsBefore = parcels.attempts();
    UUID failing = ParcelService.ship(transactions, outbox, explodingParcel("p-boom")).eventId();
    ParcelService.ship(transactions, outbox, parcel("p-after-boom"));

    await().until(() -> parcels.timesReceived("p-after-boom") == 1);
    int retries = properties.consumer().maxRetries();
    assertThat(parcels.attempts() - attemptsBefore).as("first try, %d retries, then the next event", retries).isEqualTo(1 + retries + 1);
    DeadLetter dead = await().until(() -> deadLetterOf(failing), Optional::isPresent).orElseThrow();
    assertThat(dead.eventType()).isEqualTo("ParcelShipped");
    assertThat(dead.officeCode()).isEqualTo(ParcelService.OFFICE);
    assertThat(dead.reason()).isEqualTo("IllegalStateException: Parcel p-boom exploded");
    assertThat(processedRecords(failing)).as("a failed event is not recorded as processed").isZero();

    // The cause is fixed; an administrator re-drives the event, twice by mistake.
    parcels.defuse("p-boom");
    transactions.executeWithoutResult(status -> deadLetters.redrive(dead.id(), "ministry.admin"));
    await().until(() -> parcels.timesReceived("p-boom") == 1);
    transactions.executeWithoutResult(status -> deadLetters.redrive(dead.id(), "ministry.admin"));
    await().until(() -> deadLetterOf(failing).orElseThrow().redriveCount() == 2);
    ParcelService.ship(transactions, outbox, parcel("p-after-redrive"));
    await().until(() -> parcels.timesReceived("p-after-redrive") == 1);
    await().until(() -> unpublishedEvents() == 0);

    assertThat(parcels.timesReceived("p-boom")).as("the second re-drive found it handled").isEqualTo(1);
    assertThat(processedRecords(failing)).isEqualTo(1);
    DeadLetter redriven = deadLetterOf(failing).orElseThrow();
    assertThat(redriven.status()).isEqualTo("REDRIVEN");
    assertThat(redriven.lastRedrivenBy()).isEqualTo("ministry.admin");
  }

  @Test
  void whenTheDeadLetterCannotBeKeptTheBrokerHoldsItUntilItCan() {
    // The database loses the dead letters table for a while: the consumer cannot keep what fails.
    jdbc.sql("alter table platform.dead_letter rename to dead_letter_away").update();
    UUID failing;
    try {
      failing = ParcelService.ship(transactions, outbox, explodingParcel("p-while-away")).eventId();
      ParcelService.ship(transactions, outbox, parcel("p-after-away"));
      await().until(() -> parcels.timesReceived("p-after-away") == 1);
    } finally {
      jdbc.sql("alter table platform.dead_letter_away rename to dead_letter").update();
    }

    // The broker moved it to the dead-letter queue; from there it is kept once the table is back.
    DeadLetter dead = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(failing), Optional::isPresent).orElseThrow();
    assertThat(dead.reason()).startsWith("dead-lettered by the broker: rejected in " + subscription.queueName());
    assertThat(dead.eventType()).isEqualTo("ParcelShipped");
    assertThat(deadLetters.canRedrive(dead)).isTrue();
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

  private Optional<DeadLetter> deadLetterOf(UUID eventId) {
    return deadLetters.list(false).stream().filter(dead -> eventId.equals(dead.eventId())).findFirst();
  }

  private int unpublishedEvents() {
    return jdbc.sql("select count(*) from platform.outbox_event where published_at is null").query(Integer.class).single();
  }

  private int processedRecords(UUID eventId) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :id").param("id", eventId).query(Integer.class).single();
  }
}
