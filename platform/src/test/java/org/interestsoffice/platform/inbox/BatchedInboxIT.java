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
import org.interestsoffice.platform.testapp.ParcelLog;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.platform.testapp.ParcelShipped;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer that takes its messages in batches, against the real broker and database. Each test
 * stops the consumer, fills its queue and starts it again, so that the batches really hold what
 * the test is about: many events, copies of one, a poison message, a handler that keeps failing.
 */
@SpringBootTest(
    classes = ParcelService.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "platform.messaging.consumer.batch-size=25",
      // Long enough that a batch takes everything the queue holds, even on a busy machine.
      "platform.messaging.consumer.batch-gather=500ms",
      "platformtest.parcels-queue=platformtest.parcels-batched"
    })
@RealInfrastructure(database = "platform_batched")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class BatchedInboxIT {

  private static final int BATCH = 25;

  @Autowired RabbitTemplate rabbit;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired ParcelLog parcels;
  @Autowired MessagingNames names;
  @Autowired MessagingProperties properties;
  @Autowired EventSubscription subscription;
  @Autowired DeadLetters deadLetters;

  @AfterEach
  void consuming() {
    subscription.start();
  }

  @Test
  void aFullQueueIsHandledOnceEachInOneTransactionPerBatch() {
    subscription.stop();
    for (int i = 0; i < 4 * BATCH; i++) {
      publish(envelopeOf(parcel("p-many-" + i)));
    }
    subscription.start();

    await().until(() -> receivedLike("p-many-%") == 4 * BATCH);
    assertThat(jdbc.sql("select count(distinct parcel) from parcel_receipt where parcel like 'p-many-%'").query(Integer.class).single())
        .isEqualTo(4 * BATCH);
    // Rows a transaction inserts carry its id (xmin): one transaction per batch, not per event.
    int transactions = jdbc.sql("select count(distinct xmin::text) from parcel_receipt where parcel like 'p-many-%'").query(Integer.class).single();
    assertThat(transactions).as("transactions for %d events in batches of %d", 4 * BATCH, BATCH).isBetween(4, 8);
  }

  @Test
  void copiesOfAnEventInOneBatchAreHandledOnce() {
    subscription.stop();
    int attemptsBefore = parcels.attempts();
    EventEnvelope copied = envelopeOf(parcel("p-copied"));
    publish(copied);
    publish(envelopeOf(parcel("p-between-copies")));
    publish(copied);
    publish(copied);
    subscription.start();

    await().until(() -> parcels.timesReceived("p-between-copies") == 1);
    assertThat(parcels.timesReceived("p-copied")).isEqualTo(1);
    // Skipped inside the batch: a copy handled again would fail the batch (the receipt's key) and
    // send all four through the one-by-one path, which would also end with one receipt each.
    assertThat(parcels.attempts() - attemptsBefore).as("handler calls: one per distinct event").isEqualTo(2);
    assertThat(rabbit.receive(subscription.deadLetterQueueName(), 200)).as("copies are not failures").isNull();
  }

  @Test
  void poisonAndAFailingHandlerInABatchBecomeDeadLettersAndTheirNeighboursAreHandledOnce() {
    subscription.stop();
    int attemptsBefore = parcels.attempts();
    publish(envelopeOf(parcel("p-neighbour-1")));
    UUID poison = UUID.randomUUID();
    publishRaw("not an event".getBytes(StandardCharsets.UTF_8), poison);
    publish(envelopeOf(parcel("p-neighbour-2")));
    EventEnvelope exploding = envelopeOf(explodingParcel("p-batch-boom"));
    publish(exploding);
    publish(envelopeOf(parcel("p-neighbour-3")));
    subscription.start();

    DeadLetter unreadable = await().until(() -> deadLetterOf(poison), Optional::isPresent).orElseThrow();
    assertThat(unreadable.reason()).startsWith("PoisonMessageException").contains("Unreadable event envelope");
    DeadLetter failed = await().until(() -> deadLetterOf(exploding.eventId()), Optional::isPresent).orElseThrow();
    assertThat(failed.reason()).isEqualTo("IllegalStateException: Parcel p-batch-boom exploded");
    assertThat(failed.eventType()).isEqualTo("ParcelShipped");
    await().until(() -> receivedLike("p-neighbour-%") == 3);
    for (int i = 1; i <= 3; i++) {
      assertThat(parcels.timesReceived("p-neighbour-" + i)).isEqualTo(1);
    }
    // The poison message fails the batch before its transaction begins; then each is handled alone:
    // the neighbours once, the exploding parcel once and then as often as the retries allow.
    assertThat(parcels.attempts() - attemptsBefore).isEqualTo(3 + 1 + properties.consumer().maxRetries());
    assertThat(processedRecords(exploding.eventId())).as("a failed event is not recorded as processed").isZero();
    assertThat(rabbit.receive(subscription.deadLetterQueueName(), 200)).as("kept in the database, not left in the broker").isNull();
  }

  @Test
  void whenADeadLetterCannotBeKeptOnlyThatMessageGoesToTheBrokersDeadLetterQueue(CapturedOutput output) {
    jdbc.sql("alter table platform.dead_letter rename to dead_letter_away").update();
    EventEnvelope exploding = envelopeOf(explodingParcel("p-batch-away"));
    try {
      subscription.stop();
      publish(envelopeOf(parcel("p-away-neighbour-1")));
      publish(exploding);
      publish(envelopeOf(parcel("p-away-neighbour-2")));
      subscription.start();
      await().until(() -> receivedLike("p-away-neighbour-%") == 2);
      // The table comes back only once the failing message has been rejected for want of it (the
      // neighbours' receipts alone came before that once, in CI, and the dead letter was kept).
      await().until(() -> output.getOut().contains("Dead letter not kept") && output.getOut().contains("moving it to " + subscription.deadLetterQueueName()));
    } finally {
      jdbc.sql("alter table platform.dead_letter_away rename to dead_letter").update();
    }

    DeadLetter dead = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(exploding.eventId()), Optional::isPresent).orElseThrow();
    assertThat(dead.reason()).startsWith("dead-lettered by the broker: rejected in " + subscription.queueName());
    assertThat(parcels.timesReceived("p-away-neighbour-1")).isEqualTo(1);
    assertThat(parcels.timesReceived("p-away-neighbour-2")).isEqualTo(1);
    assertThat(deadLetters.list(false, 1000).stream().filter(letter -> letter.reason().startsWith("dead-lettered by the broker")))
        .as("only the failing message was rejected into the broker's dead-letter queue")
        .extracting(DeadLetter::eventId)
        .containsExactly(exploding.eventId());
  }

  private EventEnvelope envelopeOf(ParcelShipped payload) {
    return new EventEnvelope(
        UUID.randomUUID(), "ParcelShipped", 1, Instant.now(), "test", "test", ParcelService.OFFICE, json.valueToTree(payload));
  }

  private void publish(EventEnvelope envelope) {
    publishRaw(json.writeValueAsBytes(envelope), envelope.eventId());
  }

  /** Straight to this test's queue, so that no other test's queue on the exchange gets a copy. */
  private void publishRaw(byte[] body, UUID messageId) {
    MessageProperties messageProperties = new MessageProperties();
    messageProperties.setMessageId(messageId.toString());
    messageProperties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    rabbit.send("", subscription.queueName(), new Message(body, messageProperties));
  }

  private int receivedLike(String pattern) {
    return jdbc.sql("select count(*) from parcel_receipt where parcel like :pattern").param("pattern", pattern).query(Integer.class).single();
  }

  private Optional<DeadLetter> deadLetterOf(UUID eventId) {
    return deadLetters.list(false, 1000).stream().filter(dead -> eventId.equals(dead.eventId())).findFirst();
  }

  private int processedRecords(UUID eventId) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :id").param("id", eventId).query(Integer.class).single();
  }
}
