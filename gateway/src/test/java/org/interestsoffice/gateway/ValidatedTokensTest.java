package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class ValidatedTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-06T19:00:00Z");

  private final MovableClock clock = new MovableClock(NOW);
  /** The full validation: records each token it was asked about; refuses those expired on the clock. */
  private final List<String> validatedInFull = new ArrayList<>();
  private final Map<String, Instant> expiries = new HashMap<>();
  private final ReactiveJwtDecoder validating =
      token -> {
        validatedInFull.add(token);
        Instant expiresAt = expiries.get(token);
        if (expiresAt == null) {
          return Mono.error(new BadJwtException("not a token of the realm"));
        }
        if (!clock.instant().isBefore(expiresAt)) {
          return Mono.error(new BadJwtException("Jwt expired at " + expiresAt));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("ccs.head").expiresAt(expiresAt).build());
      };

  private final ValidatedTokens tokens = new ValidatedTokens(validating, clock, 3);

  private String issued(String token, Duration lifetime) {
    expiries.put(token, NOW.plus(lifetime));
    return token;
  }

  @Test
  void aTokenIsValidatedInFullOnceAndThenRemembered() {
    String token = issued("token-a", Duration.ofMinutes(5));

    assertThat(tokens.decode(token).block().getSubject()).isEqualTo("ccs.head");
    assertThat(tokens.decode(token).block().getSubject()).isEqualTo("ccs.head");
    assertThat(tokens.decode(token).block().getSubject()).isEqualTo("ccs.head");

    assertThat(validatedInFull).containsExactly("token-a");
  }

  @Test
  void aRememberedTokenIsRefusedOnceItHasExpired() {
    String token = issued("token-a", Duration.ofMinutes(5));
    tokens.decode(token).block();

    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(BadJwtException.class).hasMessageContaining("expired");
    assertThat(validatedInFull).containsExactly("token-a", "token-a");
    assertThat(tokens.size()).isZero();
  }

  @Test
  void anotherTokenOrARefusedOneIsAlwaysValidatedInFull() {
    tokens.decode(issued("token-a", Duration.ofMinutes(5))).block();

    tokens.decode(issued("token-b", Duration.ofMinutes(5))).block();
    assertThatThrownBy(() -> tokens.decode("token-a-tampered").block()).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> tokens.decode("token-a-tampered").block()).isInstanceOf(BadJwtException.class);

    assertThat(validatedInFull).containsExactly("token-a", "token-b", "token-a-tampered", "token-a-tampered");
  }

  @Test
  void atCapacityTheExpiredGoFirstThenAllAreForgotten() {
    tokens.decode(issued("short-1", Duration.ofMinutes(1))).block();
    tokens.decode(issued("short-2", Duration.ofMinutes(1))).block();
    tokens.decode(issued("long-1", Duration.ofMinutes(10))).block();
    clock.advance(Duration.ofMinutes(2));

    tokens.decode(issued("long-2", Duration.ofMinutes(10))).block();
    assertThat(tokens.size()).as("the two expired dropped to make room").isEqualTo(2);

    tokens.decode(issued("long-3", Duration.ofMinutes(10))).block();
    tokens.decode(issued("long-4", Duration.ofMinutes(10))).block();
    assertThat(tokens.size()).as("full of unexpired tokens: forgotten, then the new one kept").isEqualTo(1);
    validatedInFull.clear();

    tokens.decode("long-1").block();
    assertThat(validatedInFull).as("a forgotten token is validated again").containsExactly("long-1");
  }
}
