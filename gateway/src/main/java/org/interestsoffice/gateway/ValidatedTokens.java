package org.interestsoffice.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Access tokens the gateway has already validated in full, so that a client's next requests with
 * the same token skip parsing it and checking its RSA signature: about an eighth of the gateway's
 * CPU per request under load (a flight recording of {@code bin/gateway-benchmark}). A token is
 * keyed by its whole text, so any other token, or one changed in a single byte, is validated in
 * full; a remembered one stops being accepted at its expiry, and is then validated again (and
 * refused). A token is never remembered longer than it would pass validation anyway: Keycloak's
 * tokens cannot be revoked before they expire at a resource server that validates them itself.
 *
 * <p>Bounded: at {@code capacity} tokens, the expired ones are dropped, and if that is not enough,
 * all of them (they are only validated again).
 */
final class ValidatedTokens implements ReactiveJwtDecoder {

  /** Distinct tokens in use at once: every user of every office, signed in once or twice. */
  static final int CAPACITY = 4096;

  private final ReactiveJwtDecoder validating;
  private final Clock clock;
  private final int capacity;
  private final ConcurrentHashMap<String, Jwt> validated = new ConcurrentHashMap<>();

  ValidatedTokens(ReactiveJwtDecoder validating, Clock clock, int capacity) {
    this.validating = validating;
    this.clock = clock;
    this.capacity = capacity;
  }

  /** Wraps the resource server's decoder (the one Spring Boot builds with the issuer and audiences). */
  static BeanPostProcessor wrappingTheDecoder() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof ValidatedTokens)
            ? new ValidatedTokens(decoder, Clock.systemUTC(), CAPACITY)
            : bean;
      }
    };
  }

  @Override
  public Mono<Jwt> decode(String token) {
    Jwt known = validated.get(token);
    if (known != null) {
      if (unexpired(known)) {
        return Mono.just(known);
      }
      validated.remove(token, known);
    }
    return validating.decode(token).doOnNext(jwt -> remember(token, jwt));
  }

  int size() {
    return validated.size();
  }

  private void remember(String token, Jwt jwt) {
    if (!unexpired(jwt)) {
      return; // no expiry, or accepted only within the clock skew: validated every time
    }
    if (validated.size() >= capacity) {
      validated.values().removeIf(remembered -> !unexpired(remembered));
      if (validated.size() >= capacity) {
        validated.clear();
      }
    }
    validated.put(token, jwt);
  }

  private boolean unexpired(Jwt jwt) {
    Instant expiresAt = jwt.getExpiresAt();
    return expiresAt != null && clock.instant().isBefore(expiresAt);
  }
}
