package org.interestsoffice.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
* A real HTTP server standing in for one service behind the gateway: it records what reached it
* and answers 200 with its own name.
*/
final class Backend {

  /** A request as it reached the server; {@code clientPort} tells which of the gateway's connections carried it. */
  record Received(String method, String uri, Map<String, List<String>> headers, int clientPort) {

    List<String> correlationIds() {
      return headers.getOrDefault(CorrelationIdFilter.HEADER, List.of());
    }
  }

  private final String name;
  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile boolean ready = true;
  private volatile Duration delay = Duration.ZERO;

  private Backend(String name) throws IOException {
    this.name = name;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    // A thread per request: one that is held back must not hold back the probes.
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  static Backend named(String name) {
    try {
      return new Backend(name);
    }
    catch (IOException ex) {
      throw new IllegalStateException("cannot start backend " + name, ex);
    }
  }

  String name() {
    return name;
  }

  String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  void forget() {
    received.clear();
  }

  /** From now on its readiness probe answers 503, as a service's does without its database. */
  void notReady() {
    ready = false;
  }

  void ready() {
    ready = true;
  }

  /** From now on it answers API requests (not probes) only after this long, as a service stuck on a lock does. */
  void answerAfter(Duration delay) {
    this.delay = delay;
  }

  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, exchange.getRemoteAddress().getPort()));

    // Services echo the correlation id too; the caller must still see it exactly once.
    headers.getOrDefault(CorrelationIdFilter.HEADER, List.of())
        .forEach(id -> exchange.getResponseHeaders().add(CorrelationIdFilter.HEADER, id));
    byte[] body = name.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    boolean probe = exchange.getRequestURI().getPath().equals("/actuator/health/readiness");
    if (!probe && !delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exchange.sendResponseHeaders(probe && !ready ? 503 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
