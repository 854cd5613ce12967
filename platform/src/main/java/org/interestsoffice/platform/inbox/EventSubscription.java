package org.interestsoffice.platform.inbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.tracing.Traces;
import org.interestsoffice.platform.work.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.tracing.Span;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A queue this service owns, its dead-letter queue, the bindings to the events it wants, and the
 * consumer that handles them. Declared as {@link Declarables} so that the broker topology is
 * (re)declared by Spring AMQP whenever a connection opens.
 *
 * <p>Each message is handled in one database transaction that first records its event id for this
 * consumer: a redelivered or duplicated event finds its id there and is skipped. While the
 * database or the broker is down ({@link Outages}), the consumer holds the message and tries again
 * until the outage ends: no retry is spent and nothing is dead-lettered. A failure of the message
 * itself is retried with exponential back-off; after the last retry, or at once for a message that cannot be
 * read, the message is kept in this service's dead letters ({@link DeadLetters}) until an
 * administrator re-drives it. Should that fail too, the message is rejected and the broker moves it
 * to the dead-letter queue, which is drained into the dead letters as soon as they can be written.
 * The queue is a quorum queue with at-least-once dead-lettering, so no path loses the message.
 *
 * <p>With {@code batch-size} above 1, a consumer takes up to that many messages at a time and
 * handles them in one transaction (one commit and one inbox statement for all of them, instead of
 * one of each per message), then acknowledges each. Should the batch fail for anything but an
 * outage, it is rolled back and its messages are handled one by one as above, each with its own
 * retries and dead letter: a poison message costs its neighbours one more try, never their place.
 */
public class EventSubscription extends Declarables implements SmartLifecycle, ApplicationContextAware {

  private static final Logger log = LoggerFactory.getLogger(EventSubscription.class);

  private final String consumerName;
  private final String queueName;
  private final Map<String, Route<?>> routes;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final DeadLetters deadLetters;
  private final SimpleMessageListenerContainer container;
  private final SimpleMessageListenerContainer deadLetterKeeper;
  private final Backoff outageBackoff;
  private final Traces traces;
  private volatile boolean running;

  EventSubscription(
      String consumerName,
      String queueName,
      String exchangeName,
      Map<String, Route<?>> routes,
      ConnectionFactory connectionFactory,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      JsonMapper json,
      MessagingProperties properties,
      DeadLetters deadLetters,
      Traces traces) {
    super(topology(queueName, exchangeName, routes.keySet(), properties));
    this.consumerName = consumerName;
    this.queueName = queueName;
    this.routes = Map.copyOf(routes);
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.deadLetters = deadLetters;
    this.traces = traces;
    this.outageBackoff = new Backoff(properties.consumer().initialInterval(), properties.consumer().outageMaxInterval());
    this.container = container(connectionFactory, properties.consumer());
    this.deadLetterKeeper = deadLetters == null ? null : deadLetterKeeper(connectionFactory, properties.consumer());
  }

  public String queueName() {
    return queueName;
  }

  public String deadLetterQueueName() {
    return MessagingNames.deadLetterQueueOf(queueName);
  }

  /**
   * The queue, its {@code .dlq} and its {@code .parked}, each a quorum queue with every limit
   * written out rather than left to the broker's defaults (RabbitMQ 4.x drops a message redelivered
   * 20 times unless it has somewhere to go; 3.x has no limit): the queue dead-letters into its
   * {@code .dlq} after {@code deliveryLimit} redeliveries, the {@code .dlq} into {@code .parked}
   * after {@code deadLetterQueueDeliveryLimit}, and {@code .parked}, which nothing consumes, keeps
   * what reaches it for an operator. Dead-lettering is at-least-once throughout.
   */
  static List<Declarable> topology(
      String queueName, String exchangeName, Iterable<String> eventTypes, MessagingProperties properties) {
    boolean temporary = properties.expiry().isPresent();
    TopicExchange exchange = new TopicExchange(exchangeName, true, temporary);
    String deadLetterQueue = MessagingNames.deadLetterQueueOf(queueName);
    String parkingQueue = MessagingNames.parkingQueueOf(queueName);
    QueueBuilder queue = deadLetteringInto(QueueBuilder.durable(queueName).quorum(), deadLetterQueue, properties.consumer().deliveryLimit());
    QueueBuilder deadLetters =
        deadLetteringInto(QueueBuilder.durable(deadLetterQueue).quorum(), parkingQueue, properties.consumer().deadLetterQueueDeliveryLimit());
    QueueBuilder parked = QueueBuilder.durable(parkingQueue).quorum();
    properties
        .expiry()
        .ifPresent(
            expiry -> {
              queue.expires((int) expiry.toMillis());
              deadLetters.expires((int) expiry.toMillis());
              parked.expires((int) expiry.toMillis());
            });
    Queue built = queue.build();
    List<Declarable> declarables = new ArrayList<>(List.of(exchange, built, deadLetters.build(), parked.build()));
    for (String type : eventTypes) {
      Binding binding = BindingBuilder.bind(built).to(exchange).with(type);
      declarables.add(binding);
    }
    return declarables;
  }

  private static QueueBuilder deadLetteringInto(QueueBuilder queue, String target, int deliveryLimit) {
    return queue
        .deadLetterExchange("")
        .deadLetterRoutingKey(target)
        .deliveryLimit(deliveryLimit)
        .withArgument("x-dead-letter-strategy", "at-least-once")
        // at-least-once dead-lettering needs reject-publish: a full queue refuses rather than drops.
        .withArgument("x-overflow", "reject-publish");
  }

  private SimpleMessageListenerContainer container(
      ConnectionFactory connectionFactory, MessagingProperties.Consumer settings) {
    SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(connectionFactory);
    listener.setBeanName(consumerName);
    listener.setQueueNames(queueName);
    listener.setConcurrentConsumers(settings.concurrency());
    listener.setPrefetchCount(settings.prefetch());
    listener.setDefaultRequeueRejected(false);
    if (settings.batchSize() > 1) {
      inBatches(listener, settings);
      return listener;
    }
    listener.setMessageListener(message -> waitingOutOutages(message, this::onMessage));
    listener.setAdviceChain(
        RetryInterceptorBuilder.stateless().retryPolicy(messageRetries(settings)).recoverer(deadLettering()).build());
    return listener;
  }

  private static RetryPolicy messageRetries(MessagingProperties.Consumer settings) {
    return retries(settings).excludes(PoisonMessageException.class, StoppedDuringOutage.class).build();
  }

  /**
   * Each consumer takes what the queue holds, up to {@code batchSize} messages, waiting at most
   * {@code batchGather} for each next one, and settles every message itself: acknowledged once
   * handled or kept as a dead letter, rejected into the {@code .dlq} when even that fails, back to
   * the queue when the service stops during an outage.
   */
  private void inBatches(SimpleMessageListenerContainer listener, MessagingProperties.Consumer settings) {
    listener.setConsumerBatchEnabled(true);
    listener.setBatchSize(settings.batchSize());
    listener.setReceiveTimeout(Math.max(1, settings.batchGather().toMillis()));
    // A batch fills only with as many messages as the broker lets a consumer hold unacknowledged.
    listener.setPrefetchCount(Math.max(settings.prefetch(), settings.batchSize()));
    listener.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    RetryTemplate retries = new RetryTemplate(messageRetries(settings));
    MessageRecoverer recoverer = deadLettering();
    listener.setMessageListener((ChannelAwareBatchMessageListener) (messages, channel) -> onBatch(messages, channel, retries, recoverer));
  }

  private void onBatch(List<Message> messages, Channel channel, RetryTemplate retries, MessageRecoverer recoverer) {
    if (messages.size() > 1) {
      String ids = messages.get(0).getMessageProperties().getMessageId() + " and " + (messages.size() - 1) + " more";
      try {
        waitingOutOutages(ids, () -> onMessages(messages));
        settle(channel, messages, Settlement.ACK);
        return;
      } catch (StoppedDuringOutage stopped) {
        settle(channel, messages, Settlement.REQUEUE);
        return;
      } catch (RuntimeException failure) {
        log.atInfo()
            .addKeyValue("queue", queueName)
            .addKeyValue("messageId", ids)
            .log("A batch of {} messages failed ({}); handling them one by one", messages.size(), reasonOf(failure));
      }
    }
    for (Message message : messages) {
      settle(channel, List.of(message), alone(message, retries, recoverer));
    }
  }

  /** One message of a failed batch, with the retries and the dead-lettering of a consumer without batches. */
  private Settlement alone(Message message, RetryTemplate retries, MessageRecoverer recoverer) {
    try {
      retries.execute(
          () -> {
            waitingOutOutages(message, this::onMessage);
            return null;
          });
      return Settlement.ACK;
    } catch (RetryException exhausted) {
      try {
        recoverer.recover(message, exhausted.getCause());
        return Settlement.ACK;
      } catch (ImmediateRequeueAmqpException stopping) {
        return Settlement.REQUEUE;
      } catch (AmqpRejectAndDontRequeueException notKept) {
        return Settlement.REJECT;
      }
    }
  }

  private enum Settlement {
    ACK,
    REJECT,
    REQUEUE
  }

  private void settle(Channel channel, List<Message> messages, Settlement settlement) {
    try {
      for (Message message : messages) {
        long tag = message.getMessageProperties().getDeliveryTag();
        switch (settlement) {
          case ACK -> channel.basicAck(tag, false);
          case REJECT -> channel.basicReject(tag, false);
          case REQUEUE -> channel.basicReject(tag, true);
        }
      }
    } catch (IOException | ShutdownSignalException e) {
      // The channel is gone: the broker puts every unsettled message back, and the inbox skips what was handled.
      log.atWarn().addKeyValue("queue", queueName).log("Could not settle {} messages ({}); the broker redelivers them", messages.size(), e.toString());
    }
  }

  /**
   * After the last retry: keeps the event as a dead letter in this service's database, with the
   * reason, and acknowledges it. If even that fails (the database is what is failing), the message
   * is rejected and the broker moves it to the dead-letter queue, from which it is kept later.
   */
  private MessageRecoverer deadLettering() {
    return (message, cause) -> {
      if (stoppedDuringOutage(cause)) {
        throw new ImmediateRequeueAmqpException("Stopping during an outage; the message goes back to " + queueName, cause);
      }
      log.atError()
          .addKeyValue("queue", queueName)
          .addKeyValue("messageId", message.getMessageProperties().getMessageId())
          .addKeyValue("eventType", message.getMessageProperties().getType())
          .setCause(cause)
          .log("Event could not be handled; keeping it as a dead letter");
      if (deadLetters != null) {
        try {
          deadLetters.keep(queueName, message, reasonOf(cause));
          return;
        } catch (RuntimeException e) {
          log.atError().addKeyValue("queue", queueName).log("Dead letter not kept ({}); moving it to {}", e.toString(), deadLetterQueueName());
        }
      }
      throw new AmqpRejectAndDontRequeueException("Dead-lettered after retries", cause);
    };
  }

  /**
   * Drains the broker's dead-letter queue into the dead letters table. A message that cannot be
   * kept yet (database down) waits, backing off, and is requeued: never dropped.
   */
  private SimpleMessageListenerContainer deadLetterKeeper(ConnectionFactory connectionFactory, MessagingProperties.Consumer settings) {
    SimpleMessageListenerContainer keeper = new SimpleMessageListenerContainer(connectionFactory);
    keeper.setBeanName(consumerName + ".dead-letter-keeper");
    keeper.setQueueNames(deadLetterQueueName());
    keeper.setPrefetchCount(settings.prefetch());
    keeper.setDefaultRequeueRejected(true);
    keeper.setMessageListener(message -> waitingOutOutages(message, kept -> deadLetters.keep(queueName, kept, brokerReason(kept))));
    keeper.setAdviceChain(
        RetryInterceptorBuilder.stateless()
            .retryPolicy(retries(settings).excludes(StoppedDuringOutage.class).build())
            .recoverer(
                (message, cause) -> {
                  throw new ImmediateRequeueAmqpException("Dead letter not kept yet; back on " + deadLetterQueueName(), cause);
                })
            .build());
    return keeper;
  }

  /** Retries with exponential back-off, as configured for this service's consumers. */
  private static RetryPolicy.Builder retries(MessagingProperties.Consumer settings) {
    return RetryPolicy.builder()
        .maxRetries(settings.maxRetries())
        .delay(settings.initialInterval())
        .multiplier(settings.multiplier())
        .maxDelay(settings.maxInterval());
  }

  /**
   * Handles the message, waiting as long as the database or the broker is down: an outage is not
   * the message's fault, so it is neither counted as a failed try nor dead-lettered. The message
   * stays unacknowledged in this consumer's hands (the broker does not redeliver it meanwhile),
   * tries are spaced by a back-off capped at {@code outageMaxInterval}, each logged, and the first
   * try after the outage handles it. Failures of the message itself go on to the retries and the
   * dead letters. Stopping the service ends the wait; the message goes back to the queue.
   */
  private void waitingOutOutages(Message message, Consumer<Message> handling) {
    waitingOutOutages(message.getMessageProperties().getMessageId(), () -> handling.accept(message));
  }

  private void waitingOutOutages(String messageIds, Runnable handling) {
    int failedTries = 0;
    long waitingSince = System.nanoTime();
    while (true) {
      try {
        handling.run();
        if (failedTries > 0) {
          log.atInfo()
              .addKeyValue("queue", queueName)
              .addKeyValue("messageId", messageIds)
              .log("Handled after an outage of {} tries, {} s", failedTries, (System.nanoTime() - waitingSince) / 1_000_000_000);
        }
        return;
      } catch (RuntimeException failure) {
        if (!Outages.isOutage(failure)) {
          throw failure;
        }
        failedTries++;
        Duration wait = outageBackoff.after(failedTries);
        log.atWarn()
            .addKeyValue("queue", queueName)
            .addKeyValue("messageId", messageIds)
            .addKeyValue("try", failedTries)
            .log("Database or broker unavailable ({}); holding the message and trying again in {}", reasonOf(failure), wait);
        if (!pause(wait)) {
          throw new StoppedDuringOutage(failure);
        }
      }
    }
  }

  /** @return false when the service is stopping (or the thread is interrupted) before the time is up */
  private boolean pause(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    try {
      while (running) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean stoppedDuringOutage(Throwable cause) {
    for (Throwable thrown = cause; thrown != null; thrown = thrown.getCause()) {
      if (thrown instanceof StoppedDuringOutage) {
        return true;
      }
      if (thrown.getCause() == thrown) {
        return false;
      }
    }
    return false;
  }

  /** The service stopped while an outage held a message: it goes back to its queue, unharmed. */
  static final class StoppedDuringOutage extends RuntimeException {
    StoppedDuringOutage(Throwable outage) {
      super("Stopped while waiting out an outage", outage);
    }
  }

  /**
   * What the consumer's failure was: the exception the handling threw (beneath the listener's own
   * wrapper) and, if different, its innermost cause. When the rollback after it failed too, Spring
   * throws the rollback's failure in its place: the original comes first then.
   */
  static String reasonOf(Throwable failure) {
    Throwable thrown = failure;
    while (thrown instanceof ListenerExecutionFailedException && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
    if (thrown instanceof TransactionSystemException rollbackFailure && rollbackFailure.getApplicationException() != null) {
      return reasonOf(rollbackFailure.getApplicationException()) + "; then " + describeWithInnermostCause(rollbackFailure);
    }
    return describeWithInnermostCause(thrown);
  }

  private static String describeWithInnermostCause(Throwable thrown) {
    Throwable innermost = thrown;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    return innermost == thrown ? describe(thrown) : describe(thrown) + " (caused by " + describe(innermost) + ")";
  }

  private static String describe(Throwable throwable) {
    String message = throwable.getMessage();
    return throwable.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Why the broker dead-lettered the message, from its {@code x-death} header. */
  private static String brokerReason(Message message) {
    List<Map<String, ?>> deaths = message.getMessageProperties().getXDeathHeader();
    if (deaths == null || deaths.isEmpty()) {
      return "dead-lettered by the broker";
    }
    Map<String, ?> death = deaths.get(0);
    return "dead-lettered by the broker: " + death.get("reason") + " in " + death.get("queue") + " (" + death.get("count") + " times)";
  }

  void onMessage(Message message) {
    Received<?> received = receive(message);
    // The handling continues the trace the message carries from the request that caused the event.
    traces.inSpan(
        "consume " + received.envelope().type(),
        Span.Kind.CONSUMER,
        received.traceparent(),
        () -> {
          Correlation.runWith(
              received.envelope().correlationId(),
              received.envelope().eventId().toString(),
              () ->
                  transactions.executeWithoutResult(
                      status -> {
                        if (recordFirstTimes(List.of(received)).isEmpty()) {
                          skipped(received);
                        } else {
                          received.handle();
                        }
                      }));
          return null;
        });
  }

  /**
   * Handles the messages in one transaction: their events are recorded in the inbox together, and
   * each one seen for the first time is handled in its own span, in order. Any failure rolls all of
   * them back.
   */
  void onMessages(List<Message> messages) {
    List<Received<?>> batch = messages.stream().<Received<?>>map(this::receive).toList();
    transactions.executeWithoutResult(
        status -> {
          Set<UUID> firstTime = recordFirstTimes(batch);
          for (Received<?> received : batch) {
            // remove: a copy of an event in the same batch is skipped like any other duplicate
            if (!firstTime.remove(received.envelope().eventId())) {
              skipped(received);
              continue;
            }
            traces.inSpan(
                "consume " + received.envelope().type(),
                Span.Kind.CONSUMER,
                received.traceparent(),
                () -> {
                  Correlation.runWith(received.envelope().correlationId(), received.envelope().eventId().toString(), received::handle);
                  return null;
                });
          }
        });
  }

  private static Optional<String> traceparentOf(Message message) {
    return Optional.ofNullable(message.getMessageProperties().getHeader(Traces.TRACEPARENT)).map(Object::toString);
  }

  /** A message read: its envelope, its payload as the route's type, and the trace it continues. */
  private record Received<T>(Route<T> route, EventEnvelope envelope, T event, Optional<String> traceparent) {
    void handle() {
      route.handler().handle(event, envelope);
    }
  }

  private Received<?> receive(Message message) {
    EventEnvelope envelope = read(message);
    Route<?> route = routes.get(envelope.type());
    if (route == null || route.version() != envelope.version()) {
      throw new PoisonMessageException(
          "No handler for " + envelope.type() + " version " + envelope.version() + " in " + consumerName, null);
    }
    return received(route, envelope, traceparentOf(message));
  }

  private <T> Received<T> received(Route<T> route, EventEnvelope envelope, Optional<String> traceparent) {
    try {
      return new Received<>(route, envelope, json.treeToValue(envelope.payload(), route.payloadType()), traceparent);
    } catch (JacksonException e) {
      throw new PoisonMessageException("Unreadable payload of " + envelope.type(), e);
    }
  }

  private EventEnvelope read(Message message) {
    try {
      return json.readValue(message.getBody(), EventEnvelope.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new PoisonMessageException("Unreadable event envelope in " + queueName, e);
    }
  }

  /**
   * Records the events as processed by this consumer, in one statement.
   *
   * @return the ids of those not recorded before: the ones to handle
   */
  private Set<UUID> recordFirstTimes(List<Received<?>> batch) {
    StringBuilder rows = new StringBuilder();
    Map<String, Object> params = new HashMap<>();
    params.put("consumer", consumerName);
    for (int i = 0; i < batch.size(); i++) {
      rows.append(i == 0 ? "" : ", ").append("(:consumer, :id").append(i).append(", :type").append(i).append(')');
      params.put("id" + i, batch.get(i).envelope().eventId());
      params.put("type" + i, batch.get(i).envelope().type());
    }
    return new HashSet<>(
        jdbc.sql("insert into platform.processed_event (consumer, event_id, event_type) values " + rows + " on conflict do nothing returning event_id")
            .params(params)
            .query(UUID.class)
            .list());
  }

  private void skipped(Received<?> received) {
    log.atInfo()
        .addKeyValue("eventId", received.envelope().eventId())
        .log("Event {} already processed by {}; skipped", received.envelope().type(), consumerName);
  }

  @Override
  public void setApplicationContext(ApplicationContext context) {
    // Lets the container find the RabbitAdmin and redeclare the queue if it goes missing.
    container.setApplicationContext(context);
    container.setApplicationEventPublisher(context);
    if (deadLetterKeeper != null) {
      deadLetterKeeper.setApplicationContext(context);
      deadLetterKeeper.setApplicationEventPublisher(context);
    }
  }

  @Override
  public void start() {
    running = true;
    container.start();
    if (deadLetterKeeper != null) {
      deadLetterKeeper.start();
    }
  }

  @Override
  public void stop() {
    running = false;
    container.stop();
    if (deadLetterKeeper != null) {
      deadLetterKeeper.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  record Route<T>(Class<T> payloadType, int version, EventHandler<T> handler) {}

}
