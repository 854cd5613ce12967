package org.interestsoffice.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
* Gives every routed request a correlation id, passes it to the service and back to the caller,
* and writes one access line per request carrying it.
*/
@Component
class CorrelationIdFilter implements WebFilter, Ordered {

  static final String HEADER = "X-Correlation-Id";

  /** Exchange attribute holding the id, for anything else that logs about this exchange. */
  static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

  // Anything else could smuggle log or header injection in from the client, so it is replaced.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Logger log = LoggerFactory.getLogger(CorrelationIdFilter.class);

  /** Before the security filters, so that refused requests carry an id too. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long startedAt = System.nanoTime();
    String id = correlationIdOf(exchange.getRequest().getHeaders().getFirst(HEADER));
    exchange.getAttributes().put(ATTRIBUTE, id);

    ServerHttpResponse response = exchange.getResponse();
    // Set at commit, not now: the service's own response headers are added to the response
    // later, and error responses rendered after this filter must carry the id too.
    response.beforeCommit(() -> {
      response.getHeaders().set(HEADER, id);
      logAccess(exchange, id, startedAt);
      return Mono.empty();
    });

    ServerWebExchange forwarded = exchange.mutate()
        .request(request -> request.headers(headers -> headers.set(HEADER, id)))
        .build();
    return chain.filter(forwarded);
  }

  static String correlationIdOf(String supplied) {
    return supplied != null && ACCEPTED.matcher(supplied).matches()
        ? supplied
        : UUID.randomUUID().toString();
  }

  // Query strings and bodies are never logged: they may carry personal data.
  private static void logAccess(ServerWebExchange exchange, String id, long startedAt) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    RequestTrace.log(
        exchange,
        () ->
            log.atInfo()
                .setMessage("request handled")
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", loggablePath(exchange.getRequest().getPath().value()))
                .addKeyValue("status", status == null ? null : status.value())
                .addKeyValue("durationMs", (System.nanoTime() - startedAt) / 1_000_000)
                .addKeyValue("correlationId", id)
                .log());
  }

  // An acknowledgement token works as a credential for the alert it belongs to.
  static String loggablePath(String path) {
    return path.startsWith("/ack/") ? "/ack/{token}" : path;
  }
}
