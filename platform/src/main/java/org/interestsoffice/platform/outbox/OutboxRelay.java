package org.interestsoffice.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.tracing.Traces;
import org.interestsoffice.platform.work.Backoff;
import org.interestsoffice.platform.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.tracing.Span;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events and marks each one published only when the broker has confirmed it and
 * not returned it as unroutable. Anything else is retried with exponential back-off. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances never publish the same row at
 * once; a crash after publishing but before marking means the event is published again, which the
 * consumers' inbox absorbs.
 */
public class OutboxRelay extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration CLEAN_UP_EVERY = Duration.ofHours(1);
  private static final String UNROUTABLE = "returned unroutable: ";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final RabbitTemplate rabbit;
  private final AmqpAdmin topology;
  private final MessagingProperties.Relay settings;
  private final Backoff backoff;
  private final Traces traces;
  private Instant lastCleanUp = Instant.EPOCH;

  public OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      CachingConnectionFactory connectionFactory,
      AmqpAdmin topology,
      MessagingProperties properties,
      Traces traces) {
    super("outbox-relay", properties.relay().pollInterval(), properties.relay().confirmTimeout().plusSeconds(1));
    if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
      throw new IllegalStateException(
          "The outbox relay needs publisher confirms and returns: set "
              + "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true");
    }
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.settings = properties.relay();
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.rabbit = new RabbitTemplate(connectionFactory);
    this.rabbit.setMandatory(true);
    this.topology = topology;
    this.traces = traces;
  }

  /** Publishes one batch of due events and waits for the broker's answers. */
  @Override
  protected boolean workBatch() {
    Integer claimed = transactions.execute(status -> publish(claimDueEvents()));
    cleanUpOccasionally();
    return claimed != null && claimed == settings.batchSize();
  }

  private List<PendingEvent> claimDueEvents() {
    return jdbc.sql(
            """
            select position, event_id, type, exchange, routing_key, envelope::text as envelope, attempts, trace_parent
            from platform.outbox_event
            where published_at is null and next_attempt_at <= now()
            order by position
            limit :batchSize
            for update skip locked
            """)
        .param("batchSize", settings.batchSize())
        .query(
            (rs, row) ->
                new PendingEvent(
                    rs.getLong("position"),
                    rs.getObject("event_id", UUID.class),
                    rs.getString("type"),
                    rs.getString("exchange"),
                    rs.getString("routing_key"),
                    rs.getString("envelope"),
                    rs.getInt("attempts"),
                    Optional.ofNullable(rs.getString("trace_parent"))))
        .list();
  }

  private int publish(List<PendingEvent> events) {
    if (events.isEmpty()) {
      return 0;
    }
    Map<PendingEvent, CorrelationData> sent = new LinkedHashMap<>();
    Map<PendingEvent, String> failed = new LinkedHashMap<>();
    List<PendingEvent> unrouted = new ArrayList<>();
    try {
      // One channel for the whole batch: RabbitMQ keeps the order of messages only within a
      // channel, and consumers rely on events of one transaction arriving in order.
      rabbit.invoke(
          channel -> {
            for (PendingEvent event : events) {
              CorrelationData correlation = new CorrelationData(event.eventId().toString());
              // A span of the trace that wrote the event; the message carries it on to the consumers.
              Span publishing = traces.start("publish " + event.type(), Span.Kind.PRODUCER, event.traceParent());
              try {
                channel.send(event.exchange(), event.routingKey(), toMessage(event, traces.parentOf(publishing)), correlation);
              } finally {
                publishing.end();
              }
              sent.put(event, correlation);
            }
            return null;
          });
    } catch (AmqpException e) {
      events.stream()
          .filter(event -> !sent.containsKey(event))
          .forEach(event -> failed.put(event, "broker unreachable: " + e.getMessage()));
    }
    long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
    List<Long> published = new ArrayList<>();
    sent.forEach(
        (event, correlation) -> {
          String problem = awaitConfirm(correlation, deadline);
          if (problem == null) {
            published.add(event.position());
          } else if (problem.startsWith(UNROUTABLE)) {
            unrouted.add(event);
          } else {
            failed.put(event, problem);
          }
        });
    markPublished(published);
    failed.forEach(this::scheduleRetry);
    park(unrouted);
    if (failed.values().stream().anyMatch(problem -> problem.contains("NOT_FOUND"))) {
      // The exchange is gone (deleted by hand, or an auto-delete one lost its last queue):
      // declare the topology again rather than retry into the void until a reconnect.
      topology.initialize();
    }
    return events.size();
  }

  /** @return null when confirmed and routed, else why not */
  private static String awaitConfirm(CorrelationData correlation, long deadline) {
    try {
      CorrelationData.Confirm confirm =
          correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!confirm.ack()) {
        return "refused by the broker: " + confirm.reason();
      }
      if (correlation.getReturned() != null) {
        return UNROUTABLE + correlation.getReturned().getReplyText();
      }
      return null;
    } catch (TimeoutException e) {
      return "no confirm from the broker in time";
    } catch (ExecutionException e) {
      return "confirm failed: " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for the confirm";
    }
  }

  private static Message toMessage(PendingEvent event, Optional<String> traceparent) {
    MessageProperties properties = new MessageProperties();
    traceparent.ifPresent(parent -> properties.setHeader(Traces.TRACEPARENT, parent));
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding(StandardCharsets.UTF_8.name());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(event.eventId().toString());
    properties.setType(event.type());
    return new Message(event.envelope().getBytes(StandardCharsets.UTF_8), properties);
  }

  private void markPublished(List<Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update platform.outbox_event
            set published_at = now(), attempts = attempts + 1, last_error = null
            where position in (:positions)
            """)
        .param("positions", positions)
        .update();
  }

  private void scheduleRetry(PendingEvent event, String problem) {
    Duration delay = backoff.after(event.attempts() + 1);
    log.atWarn()
        .addKeyValue("eventId", event.eventId())
        .addKeyValue("attempt", event.attempts() + 1)
        .log("Outbox event not published ({}); next attempt in {}", problem, delay);
    jdbc.sql(
            """
            update platform.outbox_event
            set attempts = attempts + 1, last_error = :problem,
                next_attempt_at = now() + make_interval(secs => :backoffSeconds)
            where position = :position
            """)
        .param("problem", problem)
        .param("backoffSeconds", delay.toMillis() / 1000.0)
        .param("position", event.position())
        .update();
  }


  /**
   * Events the broker returned because no queue is bound for their type (yet): not a failure. They
   * wait without the back-off's retries and warnings, offered again every
   * {@code unrouted-retry-interval}, so that a queue created later for that type still gets them,
   * in order; after {@code unrouted-retention} they are deleted. One line tells when events start
   * waiting; the offers after that are logged at debug level only.
   */
  private void park(List<PendingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Long> positions = events.stream().map(PendingEvent::position).toList();
    List<String> newlyWaiting =
        jdbc.sql(
                """
                update platform.outbox_event
                set attempts = attempts + 1, last_error = 'no queue is bound for this event type',
                    unrouted_since = coalesce(unrouted_since, now()),
                    next_attempt_at = now() + make_interval(secs => :intervalSeconds)
                where position in (:positions)
                returning type, unrouted_since = now() as newly
                """)
            .param("intervalSeconds", settings.unroutedRetryInterval().toMillis() / 1000.0)
            .param("positions", positions)
            .query((rs, row) -> rs.getBoolean("newly") ? rs.getString("type") : null)
            .list()
            .stream()
            .filter(java.util.Objects::nonNull)
            .toList();
    if (!newlyWaiting.isEmpty()) {
      Map<String, Long> byType = new java.util.TreeMap<>();
      newlyWaiting.forEach(type -> byType.merge(type, 1L, Long::sum));
      log.atInfo()
          .log(
              "{} events no queue subscribes to yet wait in the outbox ({}); offered again every {}, kept {}",
              newlyWaiting.size(), byType, settings.unroutedRetryInterval(), settings.unroutedRetention());
    }
    log.atDebug().log("{} events still without a subscribing queue", events.size());
  }

  private void cleanUpOccasionally() {
    Instant now = Instant.now();
    if (Duration.between(lastCleanUp, now).compareTo(CLEAN_UP_EVERY) < 0) {
      return;
    }
    lastCleanUp = now;
    cleanUp();
  }

  /** Deletes published events past their retention, and unrouted ones past theirs. */
  void cleanUp() {
    jdbc.sql(
            """
            delete from platform.outbox_event
            where published_at < now() - make_interval(secs => :retentionSeconds)
            """)
        .param("retentionSeconds", settings.retention().toSeconds())
        .update();
    int expired =
        jdbc.sql(
                """
                delete from platform.outbox_event
                where published_at is null and unrouted_since < now() - make_interval(secs => :retentionSeconds)
                """)
            .param("retentionSeconds", settings.unroutedRetention().toSeconds())
            .update();
    if (expired > 0) {
      log.atInfo().log("{} events no queue subscribed to within {} deleted from the outbox", expired, settings.unroutedRetention());
    }
  }

  private record PendingEvent(
      long position,
      UUID eventId,
      String type,
      String exchange,
      String routingKey,
      String envelope,
      int attempts,
      Optional<String> traceParent) {}
}
