package org.interestsoffice.platform.messaging;

import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service talks to the broker.
 *
 * @param namespace prefix of every exchange and queue name, so that several environments (or test
 *     runs) can share one broker without sharing a queue; empty in a normal deployment
 * @param queueExpiry when set, queues are declared with {@code x-expires} and exchanges as
 *     auto-delete, so the broker removes them once unused; meant for test runs only
 * @param exchange logical name of the topic exchange this service publishes its events to
 * @param relay the outbox relay
 * @param consumer retries before a message is dead-lettered
 */
@ConfigurationProperties("platform.messaging")
public record MessagingProperties(
    @DefaultValue("") String namespace,
    Duration queueExpiry,
    @DefaultValue("") String exchange,
    @DefaultValue Relay relay,
    @DefaultValue Consumer consumer) {

  public Optional<Duration> expiry() {
    return Optional.ofNullable(queueExpiry);
  }

  /**
   * @param pollInterval how often the relay looks for unpublished events when nothing wakes it
   * @param batchSize events published per transaction
   * @param confirmTimeout how long to wait for the broker's confirms of a batch
   * @param initialBackoff delay before the first retry of an event the broker did not confirm
   * @param maxBackoff ceiling of the exponential back-off
   * @param retention how long published events are kept for inspection
   * @param unroutedRetryInterval how often an event no queue is bound for yet is offered again
   *     (instead of the back-off of a failure): a queue created later still gets it
   * @param unroutedRetention how long such an event is kept and offered before it is deleted
   */
  public record Relay(
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("100") int batchSize,
      @DefaultValue("10s") Duration confirmTimeout,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("5m") Duration maxBackoff,
      @DefaultValue("7d") Duration retention,
      @DefaultValue("10m") Duration unroutedRetryInterval,
      @DefaultValue("30d") Duration unroutedRetention) {}

  /**
   * @param maxRetries retries after the first failed delivery, before dead-lettering (failures of
   *     the message or its handling; an outage of the database or the broker is waited out instead)
   * @param initialInterval delay before the first retry
   * @param multiplier back-off multiplier
   * @param maxInterval ceiling of the back-off
   * @param concurrency consumers per queue in this instance
   * @param prefetch unacknowledged messages per consumer
   * @param deliveryLimit redeliveries (for example after crashes) after which the broker itself
   *     dead-letters a message into the queue's {@code .dlq}; declared explicitly, so RabbitMQ 3.x
   *     and 4.x (whose default is 20) behave the same
   * @param deadLetterQueueDeliveryLimit the same for the {@code .dlq}, after which the broker moves a
   *     message on to {@code .parked}, the last queue, which nothing consumes
   * @param outageMaxInterval the longest wait between two tries while the database or the broker is
   *     down; the consumer waits as long as the outage lasts, holding the message
   * @param batchSize messages a consumer handles in one database transaction (each still recorded
   *     in the inbox and skipped if seen before); 1 handles each alone. A batch that fails is rolled
   *     back and its messages handled one by one, with the retries and dead letters of each
   * @param batchGather with batches, how long a consumer waits for the next message before it
   *     handles the batch it has: the most a lone message is delayed
   */
  public record Consumer(
      @DefaultValue("3") int maxRetries,
      @DefaultValue("500ms") Duration initialInterval,
      @DefaultValue("3.0") double multiplier,
      @DefaultValue("10s") Duration maxInterval,
      @DefaultValue("1") int concurrency,
      @DefaultValue("20") int prefetch,
      @DefaultValue("20") int deliveryLimit,
      @DefaultValue("100") int deadLetterQueueDeliveryLimit,
      @DefaultValue("30s") Duration outageMaxInterval,
      @DefaultValue("1") int batchSize,
      @DefaultValue("20ms") Duration batchGather) {

    public Consumer {
      if (batchSize < 1) {
        throw new IllegalArgumentException("platform.messaging.consumer.batch-size must be at least 1, not " + batchSize);
      }
      if (batchGather == null || batchGather.isNegative() || batchGather.isZero()) {
        throw new IllegalArgumentException("platform.messaging.consumer.batch-gather must be a positive duration, not " + batchGather);
      }
    }
  }
}
