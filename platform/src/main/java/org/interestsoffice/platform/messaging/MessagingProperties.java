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
   */
  public record Relay(
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("100") int batchSize,
      @DefaultValue("10s") Duration confirmTimeout,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("5m") Duration maxBackoff,
      @DefaultValue("7d") Duration retention) {}

  /**
   * @param maxRetries retries after the first failed delivery, before dead-lettering
   * @param initialInterval delay before the first retry
   * @param multiplier back-off multiplier
   * @param maxInterval ceiling of the back-off
   * @param concurrency consumers per queue in this instance
   * @param prefetch unacknowledged messages per consumer
   * @param deliveryLimit redeliveries (for example after crashes) after which the broker itself
   *     dead-letters a message
   */
  public record Consumer(
      @DefaultValue("3") int maxRetries,
      @DefaultValue("500ms") Duration initialInterval,
      @DefaultValue("3.0") double multiplier,
      @DefaultValue("10s") Duration maxInterval,
      @DefaultValue("1") int concurrency,
      @DefaultValue("20") int prefetch,
      @DefaultValue("20") int deliveryLimit) {}
}
