package org.interestsoffice.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.events.IntegrationEvent;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same database transaction as the change it reports. The relay publishes
 * it once the transaction has committed; if the transaction rolls back, the event never existed.
 */
public class Outbox {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final String exchange;
  private final OutboxRelay relay;
  private final Traces traces;

  public Outbox(
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      MessagingProperties properties,
      MessagingNames names,
      OutboxRelay relay,
      Traces traces) {
    if (properties.exchange().isBlank()) {
      throw new IllegalStateException(
          "platform.messaging.exchange is not set: the outbox needs the exchange this service publishes to");
    }
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.exchange = names.of(properties.exchange());
    this.relay = relay;
    this.traces = traces;
  }

  /** Adds the event to the current transaction; there must be one. */
  public EventEnvelope append(String officeCode, Object payload) {
    return append(officeCode, payload, clock.instant());
  }

  /**
   * Adds the event to the current transaction, stamped as having occurred at the given instant
   * (an exercise's events occur on its case clock, not the wall clock).
   */
  public EventEnvelope append(String officeCode, Object payload, Instant occurredAt) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("An event must be written in the transaction of the change it reports");
    }
    IntegrationEvent event = EventEnvelope.describe(payload.getClass());
    String correlationId = Correlation.correlationId().orElseGet(Correlation::newId);
    EventEnvelope envelope =
        new EventEnvelope(
            UUID.randomUUID(),
            event.type(),
            event.version(),
            occurredAt,
            correlationId,
            Correlation.causationId().orElse(correlationId),
            officeCode,
            json.valueToTree(payload));
    jdbc.sql(
            """
            insert into platform.outbox_event (event_id, type, exchange, routing_key, envelope, trace_parent)
            values (:eventId, :type, :exchange, :routingKey, cast(:envelope as jsonb), cast(:traceParent as text))
            """)
        .param("eventId", envelope.eventId())
        .param("type", envelope.type())
        .param("exchange", exchange)
        .param("routingKey", envelope.type())
        .param("envelope", json.writeValueAsString(envelope))
        // The trace of the change goes with the event: the consumers' spans continue it.
        .param("traceParent", traces.currentParent().orElse(null))
        .update();
    wakeRelayAfterCommit();
    return envelope;
  }

  /**
   * Sends an event received earlier back to one queue (through the default exchange), with its
   * own id and envelope unchanged: how a dead letter is re-driven. Adds to the current transaction.
   */
  public void redeliver(String queue, UUID eventId, String type, String envelopeJson) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("A re-delivery must be written in the transaction that decides it");
    }
    jdbc.sql(
            """
            insert into platform.outbox_event (event_id, type, exchange, routing_key, envelope, trace_parent)
            values (:eventId, :type, '', :queue, cast(:envelope as jsonb), cast(:traceParent as text))
            on conflict (event_id) do update
              set exchange = '', routing_key = excluded.routing_key, envelope = excluded.envelope, type = excluded.type,
                  published_at = null, attempts = 0, last_error = null, next_attempt_at = now(),
                  trace_parent = excluded.trace_parent
            """)
        .param("eventId", eventId)
        .param("type", type)
        .param("queue", queue)
        .param("envelope", envelopeJson)
        // A re-drive is part of the trace of the administrator's request that decided it.
        .param("traceParent", traces.currentParent().orElse(null))
        .update();
    wakeRelayAfterCommit();
  }

  private void wakeRelayAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            relay.wakeUp();
          }
        });
  }
}
