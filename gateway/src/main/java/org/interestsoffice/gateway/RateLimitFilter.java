package org.interestsoffice.gateway;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Limits each user's request rate (after authentication, so the key is the user, not a claim the
 * caller could vary). Over the limit: 429 with Retry-After, as a problem detail.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

  private static final Logger log = LoggerFactory.getLogger("audit");
  /** Beyond this many tracked callers, idle (full) buckets are dropped. */
  private static final int MAX_TRACKED = 10_000;

  private final GatewaySettings.RateLimit limit;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimitFilter(GatewaySettings settings) {
    this.limit = settings.rateLimit();
  }

  /** After Spring Security's filters (order -100), which establish the principal. */
  @Override
  public int getOrder() {
    return 0;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return exchange.getPrincipal()
        .map(Principal::getName)
        .map(name -> "user:" + name)
        .switchIfEmpty(Mono.fromSupplier(() -> "address:" + addressOf(exchange)))
        .flatMap(
            key -> {
              if (bucketOf(key).tryTake(System.nanoTime())) {
                return chain.filter(exchange);
              }
              RequestTrace.log(
                  exchange, () -> log.atWarn().addKeyValue("audit", "rate-limited").addKeyValue("caller", key).log("Rate limit reached for {}", key));
              return tooManyRequests(exchange);
            });
  }

  private Bucket bucketOf(String key) {
    if (buckets.size() > MAX_TRACKED) {
      long now = System.nanoTime();
      buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), limit.requestsPerSecond(), System.nanoTime()));
  }

  private static String addressOf(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getRequest().getRemoteAddress()).map(InetSocketAddress::getHostString).orElse("unknown");
  }

  private Mono<Void> tooManyRequests(ServerWebExchange exchange) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().set("Retry-After", Long.toString((long) Math.ceil(1 / limit.requestsPerSecond())));
    byte[] body =
        "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Slow down: at most %s requests per second\"}"
            .formatted(limit.requestsPerSecond())
            .getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  /** A token bucket: refills continuously up to its capacity. */
  static final class Bucket {
    private final int capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    Bucket(int capacity, double perSecond, long now) {
      this.capacity = capacity;
      this.tokensPerNano = perSecond / 1_000_000_000.0;
      this.tokens = capacity;
      this.updatedAt = now;
    }

    synchronized boolean tryTake(long now) {
      refill(now);
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
      updatedAt = now;
    }
  }
}
