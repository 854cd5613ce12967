package org.interestsoffice.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
* A real HTTP server standing in for one service behind the gateway: it records what reached it
* and answers 200 with its own name.
*/
final class Backend {

  record Received(String method, String uri, Map<String, List<String>> headers) {

    List<String> correlationIds() {
      return headers.getOrDefault(CorrelationIdFilter.HEADER, List.of());
    }
  }

  private final String name;
  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile boolean ready = true;

  private Backend(String name) throws IOException {
    this.name = name;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
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

  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers));

    // Services echo the correlation id too; the caller must still see it exactly once.
    headers.getOrDefault(CorrelationIdFilter.HEADER, List.of())
        .forEach(id -> exchange.getResponseHeaders().add(CorrelationIdFilter.HEADER, id));
    byte[] body = name.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    boolean probe = exchange.getRequestURI().getPath().equals("/actuator/health/readiness");
    exchange.sendResponseHeaders(probe && !ready ? 503 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
