package org.interestsoffice.platform.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
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
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A queue this service owns, its dead-letter queue, the bindings to the events it wants, and the
 * consumer that handles them. Declared as {@link Declarables} so that the broker topology is
 * (re)declared by Spring AMQP whenever a connection opens.
 *
 * <p>Each message is handled in one database transaction that first records its event id for this
 * consumer: a redelivered or duplicated event finds its id there and is skipped. A failure is
 * retried with exponential back-off; after the last retry, or at once for a message that cannot be
 * read, the message is kept in this service's dead letters ({@link DeadLetters}) until an
 * administrator re-drives it. Should that fail too, the message is rejected and the broker moves it
 * to the dead-letter queue, which is drained into the dead letters as soon as they can be written.
 * The queue is a quorum queue with at-least-once dead-lettering, so no path loses the message.
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
      DeadLetters deadLetters) {
    super(topology(queueName, exchangeName, routes.keySet(), properties));
    this.consumerName = consumerName;
    this.queueName = queueName;
    this.routes = Map.copyOf(routes);
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.deadLetters = deadLetters;
    this.container = container(connectionFactory, properties.consumer());
    this.deadLetterKeeper = deadLetters == null ? null : deadLetterKeeper(connectionFactory, properties.consumer());
  }

  public String queueName() {
    return queueName;
  }

  public String deadLetterQueueName() {
    return MessagingNames.deadLetterQueueOf(queueName);
  }

  private static List<Declarable> topology(
      String queueName, String exchangeName, Iterable<String> eventTypes, MessagingProperties properties) {
    boolean temporary = properties.expiry().isPresent();
    TopicExchange exchange = new TopicExchange(exchangeName, true, temporary);
    QueueBuilder queue =
        QueueBuilder.durable(queueName)
            .quorum()
            .deadLetterExchange("")
            .deadLetterRoutingKey(MessagingNames.deadLetterQueueOf(queueName))
            .deliveryLimit(properties.consumer().deliveryLimit())
            .withArgument("x-dead-letter-strategy", "at-least-once")
            .withArgument("x-overflow", "reject-publish");
    QueueBuilder deadLetters = QueueBuilder.durable(MessagingNames.deadLetterQueueOf(queueName)).quorum();
    properties
        .expiry()
        .ifPresent(
            expiry -> {
              queue.expires((int) expiry.toMillis());
              deadLetters.expires((int) expiry.toMillis());
            });
    Queue built = queue.build();
    List<Declarable> declarables = new ArrayList<>(List.of(exchange, built, deadLetters.build()));
    for (String type : eventTypes) {
      Binding binding = BindingBuilder.bind(built).to(exchange).with(type);
      declarables.add(binding);
    }
    return declarables;
  }

  private SimpleMessageListenerContainer container(
      ConnectionFactory connectionFactory, MessagingProperties.Consumer settings) {
    SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(connectionFactory);
    listener.setBeanName(consumerName);
    listener.setQueueNames(queueName);
    listener.setConcurrentConsumers(settings.concurrency());
    listener.setPrefetchCount(settings.prefetch());
    listener.setDefaultRequeueRejected(false);
    listener.setMessageListener(this::onMessage);
    listener.setAdviceChain(
        RetryInterceptorBuilder.stateless()
            .retryPolicy(
                RetryPolicy.builder()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.initialInterval())
                    .multiplier(settings.multiplier())
                    .maxDelay(settings.maxInterval())
                    .excludes(PoisonMessageException.class)
                    .build())
            .recoverer(deadLettering())
            .build());
    return listener;
  }

  /**
   * After the last retry: keeps the event as a dead letter in this service's database, with the
   * reason, and acknowledges it. If even that fails (the database is what is failing), the message
   * is rejected and the broker moves it to the dead-letter queue, from which it is kept later.
   */
  private MessageRecoverer deadLettering() {
    return (message, cause) -> {
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
    keeper.setMessageListener(message -> deadLetters.keep(queueName, message, brokerReason(message)));
    keeper.setAdviceChain(
        RetryInterceptorBuilder.stateless()
            .retryPolicy(
                RetryPolicy.builder()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.initialInterval())
                    .multiplier(settings.multiplier())
                    .maxDelay(settings.maxInterval())
                    .build())
            .recoverer(
                (message, cause) -> {
                  throw new ImmediateRequeueAmqpException("Dead letter not kept yet; back on " + deadLetterQueueName(), cause);
                })
            .build());
    return keeper;
  }

  /**
   * What the consumer's failure was: the exception the handling threw (beneath the listener's own
   * wrapper) and, if different, its innermost cause.
   */
  static String reasonOf(Throwable failure) {
    Throwable thrown = failure;
    while (thrown instanceof ListenerExecutionFailedException && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
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
    EventEnvelope envelope = read(message);
    Route<?> route = routes.get(envelope.type());
    if (route == null || route.version() != envelope.version()) {
      throw new PoisonMessageException(
          "No handler for " + envelope.type() + " version " + envelope.version() + " in " + consumerName, null);
    }
    Correlation.runWith(
        envelope.correlationId(),
        envelope.eventId().toString(),
        () -> transactions.executeWithoutResult(status -> handleOnce(route, envelope)));
  }

  private EventEnvelope read(Message message) {
    try {
      return json.readValue(message.getBody(), EventEnvelope.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new PoisonMessageException("Unreadable event envelope in " + queueName, e);
    }
  }

  private <T> void handleOnce(Route<T> route, EventEnvelope envelope) {
    T event;
    try {
      event = json.treeToValue(envelope.payload(), route.payloadType());
    } catch (JacksonException e) {
      throw new PoisonMessageException("Unreadable payload of " + envelope.type(), e);
    }
    int firstTime =
        jdbc.sql(
                """
                insert into platform.processed_event (consumer, event_id, event_type)
                values (:consumer, :eventId, :type)
                on conflict do nothing
                """)
            .param("consumer", consumerName)
            .param("eventId", envelope.eventId())
            .param("type", envelope.type())
            .update();
    if (firstTime == 0) {
      log.atInfo()
          .addKeyValue("eventId", envelope.eventId())
          .log("Event {} already processed by {}; skipped", envelope.type(), consumerName);
      return;
    }
    route.handler().handle(event, envelope);
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
    container.start();
    if (deadLetterKeeper != null) {
      deadLetterKeeper.start();
    }
  }

  @Override
  public void stop() {
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
