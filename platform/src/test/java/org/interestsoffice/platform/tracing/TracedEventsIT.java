package org.interestsoffice.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.platform.testapp.ParcelShipped.parcel;

import java.time.Duration;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.testapp.EventTap;
import org.interestsoffice.platform.testapp.ParcelLog;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One trace from the change to the consumer: an event written inside a span keeps that span's
 * context in its outbox row, travels with a W3C {@code traceparent} header, and the consumer's span
 * continues the same trace. Spans are caught by an in-memory exporter, with Boot's own tracing.
 */
@SpringBootTest(
    classes = {ParcelService.class, TracedEventsIT.CaughtSpans.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "platformtest.parcels-queue=platformtest.traced-parcels",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
@RealInfrastructure(database = "platform_traces")
@DirtiesContext
class TracedEventsIT {

  @TestConfiguration(proxyBeanMethods = false)
  static class CaughtSpans {
    @Bean
    InMemorySpanExporter caughtSpans() {
      return InMemorySpanExporter.create();
    }
  }

  @Autowired Tracer tracer;
  @Autowired InMemorySpanExporter spans;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired ParcelLog parcels;
  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired MessagingNames names;
  @Autowired MessagingProperties properties;

  @Test
  void anEventWrittenInASpanIsPublishedWithItsTraceAndConsumedInTheSameTrace() {
    EventTap tap = EventTap.ofType("ParcelShipped", admin, rabbit, names, properties);
    Span request = tracer.nextSpan().name("a request that ships a parcel").start();
    EventEnvelope written;
    try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
      written = ParcelService.ship(transactions, outbox, parcel("p-traced"));
    } finally {
      request.end();
    }
    String traceId = request.context().traceId();

    // Kept with the outbox row...
    String stored =
        jdbc.sql("select trace_parent from platform.outbox_event where event_id = :id")
            .param("id", written.eventId())
            .query(String.class)
            .single();
    assertThat(stored).isEqualTo("00-" + traceId + "-" + request.context().spanId() + "-01");

    // ...carried in the message's headers, as the publishing span's child...
    Message message = tap.receive(written.eventId());
    String traceparent = (String) message.getMessageProperties().getHeader(Traces.TRACEPARENT);
    assertThat(traceparent).startsWith("00-" + traceId + "-").doesNotContain(request.context().spanId());

    // ...and continued by the consumer, whose span is in the same trace.
    await().until(() -> parcels.timesReceived("p-traced") == 1);
    SpanData consumed = await().atMost(Duration.ofSeconds(10)).until(() -> spanNamed("consume ParcelShipped", traceId), found -> found != null);
    SpanData published = spanNamed("publish ParcelShipped", traceId);
    assertThat(published).as("the relay's span, child of the request's").isNotNull();
    assertThat(published.getParentSpanId()).isEqualTo(request.context().spanId());
    assertThat(consumed.getParentSpanId()).as("the consumer's span, child of the publishing one").isEqualTo(published.getSpanId());
  }

  @Test
  void anEventWrittenOutsideAnyTraceStartsATraceOfItsOwnThatTheConsumerContinues() {
    EventEnvelope written = ParcelService.ship(transactions, outbox, parcel("p-untraced"));

    assertThat(
            jdbc.sql("select trace_parent is null from platform.outbox_event where event_id = :id")
                .param("id", written.eventId())
                .query(Boolean.class)
                .single())
        .isTrue();
    await().until(() -> parcels.timesReceived("p-untraced") == 1);
    SpanData published =
        await().atMost(Duration.ofSeconds(10)).until(() -> spanNamed("publish ParcelShipped", null), found -> found != null);
    SpanData consumed =
        await().atMost(Duration.ofSeconds(10)).until(() -> spanNamed("consume ParcelShipped", published.getTraceId()), found -> found != null);
    assertThat(consumed.getParentSpanId()).isEqualTo(published.getSpanId());
  }

  /** A finished span of that name in the given trace, or a root span of that name when traceId is null. */
  private SpanData spanNamed(String name, String traceId) {
    List<SpanData> finished = spans.getFinishedSpanItems();
    return finished.stream()
        .filter(span -> span.getName().equals(name))
        .filter(span -> traceId == null ? !span.getParentSpanContext().isValid() : span.getTraceId().equals(traceId))
        .findFirst()
        .orElse(null);
  }
}
