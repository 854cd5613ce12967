package org.interestsoffice.gateway;

import java.util.Optional;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace and span ids of the request an exchange carries, put on the gateway's own log lines
 * about it (the access line, the refusals). The gateway does not restore the trace's thread-locals
 * around every Reactor operator ({@code spring.reactor.context-propagation: limited}): that
 * restoring took a fifth of its CPU samples under load, and dropping it a seventh of its CPU time
 * per request. So a line written on a reactive thread takes the
 * ids from the request's own observation, which the exchange holds, instead of from the thread.
 */
final class RequestTrace {

  /** The names the services' log lines carry the ids under (Micrometer Tracing's). */
  private static final String TRACE_ID = "traceId";
  private static final String SPAN_ID = "spanId";

  private RequestTrace() {}

  /** Runs {@code logging} with the request's trace and span ids in the logging context, if it is traced. */
  static void log(ServerWebExchange exchange, Runnable logging) {
    Optional<Span> span = spanOf(exchange);
    if (span.isEmpty()) {
      logging.run();
      return;
    }
    try (MDC.MDCCloseable trace = MDC.putCloseable(TRACE_ID, span.get().context().traceId());
        MDC.MDCCloseable own = MDC.putCloseable(SPAN_ID, span.get().context().spanId())) {
      logging.run();
    }
  }

  /** The span of the gateway's observation of the request. */
  private static Optional<Span> spanOf(ServerWebExchange exchange) {
    return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
        .map(context -> context.<TracingContext>get(TracingContext.class))
        .map(TracingContext::getSpan);
  }
}
