package org.interestsoffice.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A small OTLP/HTTP trace receiver on a free loopback port, standing for the OpenTelemetry collector
 * the services export to in production: it keeps every span the services send to {@code /v1/traces}
 * (protobuf, as Boot's OTLP exporter sends them), with the service that sent it.
 */
final class TraceCollector implements AutoCloseable {

  /** One span as received. {@code parentSpanId} is empty for the root of a trace. */
  record CollectedSpan(String service, String traceId, String spanId, String parentSpanId, String name, Map<String, String> attributes) {}

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final List<CollectedSpan> spans = new CopyOnWriteArrayList<>();

  private TraceCollector(HttpServer server) {
    this.server = server;
  }

  static TraceCollector start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TraceCollector collector = new TraceCollector(server);
      server.createContext("/v1/traces", collector::receive);
      server.start();
      return collector;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the trace collector", e);
    }
  }

  /** What a service's MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT is set to. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  List<CollectedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Every span of one trace received so far. */
  List<CollectedSpan> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "?");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          scopeSpans.getSpansList()
              .forEach(
                  span ->
                      spans.add(
                          new CollectedSpan(
                              service,
                              HEX.formatHex(span.getTraceId().toByteArray()),
                              HEX.formatHex(span.getSpanId().toByteArray()),
                              HEX.formatHex(span.getParentSpanId().toByteArray()),
                              span.getName(),
                              attributes(span.getAttributesList()))));
        }
      }
      // An empty ExportTraceServiceResponse: everything accepted.
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static Map<String, String> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  private static Map<String, String> attributes(List<KeyValue> keyValues) {
    return keyValues.stream().collect(Collectors.toMap(KeyValue::getKey, keyValue -> text(keyValue.getValue()), (a, b) -> b));
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
