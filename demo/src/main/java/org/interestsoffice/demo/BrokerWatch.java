package org.interestsoffice.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the events the broker really carries: a queue of its own (exclusive, deleted with the
 * connection) bound to the producers' exchanges for the given event types. A redelivered event
 * keeps its id; two different ids for one fact mean the fact happened twice.
 */
final class BrokerWatch implements AutoCloseable {

  /** An event as it crossed the broker. */
  record Seen(String eventId, String type, JsonNode payload) {}

  private final Connection connection;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

  /**
   * @param bindings exchange (without namespace) to the event types to watch on it
   */
  BrokerWatch(URI broker, String namespace, Map<String, List<String>> bindings, JsonMapper json) {
    try {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(broker);
      factory.setConnectionTimeout(5000);
      connection = factory.newConnection("scale-out-proof");
      Channel channel = connection.createChannel();
      String queue = channel.queueDeclare("", false, true, true, null).getQueue();
      for (Map.Entry<String, List<String>> binding : bindings.entrySet()) {
        String exchange = namespace.isBlank() ? binding.getKey() : namespace + "." + binding.getKey();
        for (String type : binding.getValue()) {
          channel.queueBind(queue, exchange, type);
        }
      }
      channel.basicConsume(
          queue,
          true,
          (tag, delivery) -> {
            String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
            try {
              JsonNode envelope = json.readTree(body);
              seen.add(new Seen(envelope.path("eventId").asString(), envelope.path("type").asString(), envelope.path("payload")));
            } catch (RuntimeException e) {
              unreadable.add(body);
            }
          },
          tag -> {});
    } catch (IOException | TimeoutException | java.net.URISyntaxException | java.security.GeneralSecurityException e) {
      throw new DemoFailure("Cannot watch the broker at " + broker.getHost() + ":" + broker.getPort() + ": " + e.getMessage(), e);
    }
  }

  /** The distinct events (by id) of this type whose payload matches. */
  List<Seen> distinct(String type, Predicate<JsonNode> payload) {
    Map<String, Seen> byId = new java.util.LinkedHashMap<>();
    for (Seen event : seen) {
      if (event.type().equals(type) && payload.test(event.payload())) {
        byId.putIfAbsent(event.eventId(), event);
      }
    }
    return List.copyOf(byId.values());
  }

  int unreadable() {
    return unreadable.size();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (IOException | RuntimeException ignored) {
      // closing at the end of the proof: nothing left to do
    }
  }
}
