package org.interestsoffice.platform.inbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.events.IntegrationEvent;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.tracing.Traces;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the subscriptions a service declares, one per queue it owns:
 *
 * <pre>{@code
 * subscriptions.queue("personnel.mission-events")
 *     .from("missions.events")
 *     .on(RelationsSevered.class, ordering::onRelationsSevered)
 *     .build();
 * }</pre>
 */
public class EventSubscriptions {

  private final ConnectionFactory connectionFactory;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final MessagingProperties properties;
  private final MessagingNames names;
  private final DeadLetters deadLetters;
  private final Traces traces;

  /**
   * @param deadLetters where consumers keep what they give up on; null leaves dead letters in the
   *     broker's dead-letter queues (a service that publishes nothing has no outbox to re-drive with)
   */
  public EventSubscriptions(
      ConnectionFactory connectionFactory,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      JsonMapper json,
      MessagingProperties properties,
      MessagingNames names,
      DeadLetters deadLetters,
      Traces traces) {
    this.deadLetters = deadLetters;
    this.traces = traces;
    this.connectionFactory = connectionFactory;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.properties = properties;
    this.names = names;
  }

  /** Starts a subscription to a queue this service owns (logical name, namespaced on the broker). */
  public Builder queue(String logicalQueueName) {
    return new Builder(logicalQueueName);
  }

  public final class Builder {
    private final String queue;
    private String exchange;
    private final Map<String, EventSubscription.Route<?>> routes = new LinkedHashMap<>();

    private Builder(String queue) {
      this.queue = queue;
    }

    /** The exchange (logical name) the events come from. */
    public Builder from(String logicalExchangeName) {
      this.exchange = logicalExchangeName;
      return this;
    }

    public <T> Builder on(Class<T> eventType, EventHandler<T> handler) {
      IntegrationEvent event = EventEnvelope.describe(eventType);
      routes.put(event.type(), new EventSubscription.Route<>(eventType, event.version(), handler));
      return this;
    }

    public EventSubscription build() {
      if (exchange == null || routes.isEmpty()) {
        throw new IllegalStateException("Subscription " + queue + " needs an exchange and at least one event");
      }
      return new EventSubscription(
          queue,
          names.of(queue),
          names.of(exchange),
          routes,
          connectionFactory,
          jdbc,
          transactions,
          json,
          properties,
          deadLetters,
          traces);
    }
  }
}
