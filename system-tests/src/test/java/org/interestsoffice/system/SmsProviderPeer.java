package org.interestsoffice.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider speaking the HTTP protocol of docs/alerts.md ("SMS provider protocol"), as the fault suite
 * needs one: it honours the {@code Idempotency-Key} (a key it has taken is never sent again), and it
 * can be switched to answer 500 to everything, or to take each message and answer only after the
 * client has given up (the timeout that leaves the client unsure whether the message went).
 *
 * <p>It records every request, so the suite can say both what a phone received (one message per
 * key) and what a provider that ignored the key would have sent (one per accepted request).
 */
final class SmsProviderPeer implements AutoCloseable {

  enum Mode { ANSWERING, FAILING, TIMING_OUT }

  /** A message the provider took, by key: {@code accepted} counts the requests it took it in. */
  record Delivered(String key, String to, String reference, int accepted) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Duration lateAnswer;
  private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();
  private final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile Mode mode = Mode.ANSWERING;

  /** @param lateAnswer how long a timing-out answer takes: longer than the client's read timeout */
  SmsProviderPeer(int port, Duration lateAnswer) {
    this.lateAnswer = lateAnswer;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
    }
    server.createContext("/messages", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "sms-provider-peer");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/messages";
  }

  void switchTo(Mode mode) {
    this.mode = mode;
  }

  /** What phones received: one message per Idempotency-Key taken. */
  List<Delivered> delivered() {
    return List.copyOf(delivered.values());
  }

  /** Requests answered 500 while failing. */
  int refused() {
    return refused.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      JsonNode message = JSON.readTree(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      Mode now = mode;
      if (now == Mode.FAILING || key == null) {
        refused.add(key == null ? "no key" : key);
        answer(exchange, 500, "{\"error\":\"provider unavailable\"}");
        return;
      }
      delivered.merge(
          key,
          new Delivered(key, message.path("to").asString(), message.path("reference").asString(), 1),
          (taken, again) -> new Delivered(taken.key(), taken.to(), taken.reference(), taken.accepted() + 1));
      if (now == Mode.TIMING_OUT) {
        // Taken, but the answer comes after the client stopped waiting: it cannot know it went.
        Commands.pause(lateAnswer);
      }
      answer(exchange, 200, "{\"id\":\"" + key + "\"}");
    } catch (IOException | RuntimeException e) {
      // The client hung up (it timed out): nothing to answer.
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
