package org.interestsoffice.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a trace across the places where work leaves one thread and is picked up by another later:
 * an outbox row published by the relay, a message handled by a consumer, an alert sent by a
 * dispatcher. What is kept in between is the W3C {@code traceparent} of the span that did the work
 * (a short string in a column or a message header); whoever picks the work up starts its span as a
 * child of it, so the trace runs on from the request that caused it.
 */
public class Traces {

  /** The W3C Trace Context header, in HTTP and in AMQP message headers alike. */
  public static final String TRACEPARENT = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  public Traces(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Traces that record nothing: for code that runs without tracing. */
  public static Traces none() {
    return new Traces(Tracer.NOOP, Propagator.NOOP);
  }

  /** The {@code traceparent} of the span this thread is in, if it is in one. */
  public Optional<String> currentParent() {
    Span current = tracer.currentSpan();
    return current == null ? Optional.empty() : parentOf(current);
  }

  /** The {@code traceparent} that makes the given span the parent of the next one. */
  public Optional<String> parentOf(Span span) {
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(span.context(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(TRACEPARENT));
  }

  /**
   * Starts a span continuing the trace of the given {@code traceparent}, or a new trace without one
   * (work from before tracing, or a re-driven dead letter). The caller ends it.
   */
  public Span start(String name, Span.Kind kind, Optional<String> traceparent) {
    Map<String, String> carrier = traceparent.map(parent -> Map.of(TRACEPARENT, parent)).orElse(Map.of());
    return propagator.extract(carrier, Map::get).name(name).kind(kind).start();
  }

  /** Runs work in a new span continuing the given trace (see {@link #start}); its logs carry the trace id. */
  public <T> T inSpan(String name, Span.Kind kind, Optional<String> traceparent, Supplier<T> work) {
    return within(start(name, kind, traceparent), work);
  }

  /** Runs work in a child span of the current one (or a new trace): a step worth seeing on its own. */
  public <T> T inChildSpan(String name, Supplier<T> work) {
    return within(tracer.nextSpan().name(name).start(), work);
  }

  private <T> T within(Span span, Supplier<T> work) {
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      return work.get();
    } catch (RuntimeException | Error e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
    }
  }
}
