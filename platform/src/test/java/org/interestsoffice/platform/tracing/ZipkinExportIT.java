package org.interestsoffice.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.testapp.ParcelLog;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local run's export: with the settings bin/run-local gives every process, spans reach a Zipkin
 * server's {@code /api/v2/spans} in Zipkin's JSON format. A small receiver stands for the server.
 */
@SpringBootTest(
    classes = ParcelService.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "platformtest.parcels-queue=platformtest.zipkin-parcels",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
@RealInfrastructure(database = "platform_zipkin")
@DirtiesContext
class ZipkinExportIT {

  private static final List<String> received = new CopyOnWriteArrayList<>();
  private static final HttpServer zipkin = zipkin();

  private static HttpServer zipkin() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/api/v2/spans",
          exchange -> {
            try (exchange) {
              // Zipkin's sender gzips a batch above its size threshold, as a real Zipkin server accepts.
              boolean gzipped = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
              try (var body = gzipped ? new java.util.zip.GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
              }
              exchange.sendResponseHeaders(202, -1);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void asBinRunLocalSetsIt(DynamicPropertyRegistry registry) {
    registry.add("management.tracing.export.zipkin.enabled", () -> "true");
    registry.add("management.tracing.export.zipkin.endpoint", () -> "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans");
  }

  @AfterAll
  static void stopZipkin() {
    zipkin.stop(0);
  }

  @Autowired Tracer tracer;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired ParcelLog parcels;

  @Test
  void theSpansOfAnEventReachZipkinInItsFormat() {
    Span request = tracer.nextSpan().name("a request that ships a parcel").start();
    try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
      ParcelService.ship(transactions, outbox, parcel("p-to-zipkin"));
    } finally {
      request.end();
    }
    await().until(() -> parcels.timesReceived("p-to-zipkin") == 1);

    String traceId = request.context().traceId();
    await().atMost(Duration.ofSeconds(15))
        .until(() -> String.join("", received), body -> body.contains("\"traceId\":\"" + traceId + "\"") && body.toLowerCase().contains("consume parcelshipped"));
  }
}
