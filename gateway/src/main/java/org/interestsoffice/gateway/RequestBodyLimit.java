package org.interestsoffice.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The size limit for a body that does not announce its size. The RequestSize filter of the routes
 * refuses a {@code Content-Length} over {@code gateway.max-request-size}, but a chunked body has
 * none and would pass whatever its size: such a body is read here, up to the limit, and refused
 * with 413 beyond it; within it, it goes on with its length. The services limit bodies as well.
 */
@Component
class RequestBodyLimit implements WebFilter, Ordered {

  private static final Logger log = LoggerFactory.getLogger("audit");

  private final int maxBytes;

  RequestBodyLimit(GatewaySettings settings) {
    this.maxBytes = (int) Math.min(Integer.MAX_VALUE, settings.maxRequestSize().toBytes());
  }

  /** After the security filters and the rate limit: an unknown caller is refused before its body is read. */
  @Override
  public int getOrder() {
    return 1;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (request.getHeaders().getContentLength() >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
      return chain.filter(exchange);
    }
    return DataBufferUtils.join(request.getBody(), maxBytes)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(body -> chain.filter(exchange.mutate().request(withLength(request, body)).build()))
        .onErrorResume(DataBufferLimitException.class, tooLarge -> refuse(exchange));
  }

  /** The body as read, announced with its length rather than in chunks. */
  private static ServerHttpRequest withLength(ServerHttpRequest request, Optional<DataBuffer> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.addAll(request.getHeaders());
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    headers.setContentLength(body.map(DataBuffer::readableByteCount).orElse(0));
    return new ServerHttpRequestDecorator(request) {
      @Override
      public HttpHeaders getHeaders() {
        return HttpHeaders.readOnlyHttpHeaders(headers);
      }

      @Override
      public Flux<DataBuffer> getBody() {
        return body.map(Flux::just).orElseGet(Flux::empty);
      }
    };
  }

  private Mono<Void> refuse(ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().value();
    RequestTrace.log(
        exchange,
        () ->
            log.atWarn()
                .addKeyValue("audit", "refused")
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", path)
                .addKeyValue("correlationId", Objects.toString(exchange.getAttribute(CorrelationIdFilter.ATTRIBUTE), "-"))
                .log("Gateway refused a chunked body over {} bytes", maxBytes));
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    String body =
        "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"The request body is larger than %d bytes\",\"instance\":\"%s\"}"
            .formatted(maxBytes, path.replace("\"", "%22"));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
  }
}
