package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis holds the console's sessions and nothing else: while it does not answer, the public API
 * (bearer tokens, no session) goes on working and the gateway stays ready, so the platform does
 * not take every instance out of service; only the console's sign-in fails, at once.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class GatewayWithoutRedisTest {

  static final Backend missions = Backend.named("missions-without-redis");

  @DynamicPropertySource
  static void backendsIssuerAndNoRedis(DynamicPropertyRegistry registry) {
    registry.add("backends.missions", missions::url);
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", GatewayWithoutRedisTest::aPortNobodyListensOn);
    TestIssuer.register(registry);
  }

  @Autowired WebTestClient client;

  @Test
  void theApiAndTheProbesWorkWhileRedisIsDown() {
    client.get().uri("/api/missions").header("Authorization", "Bearer " + TestTokens.get().ministryAdmin()).exchange()
        .expectStatus().isOk();
    assertThat(missions.received()).extracting(Backend.Received::uri).anyMatch(uri -> uri.startsWith("/api/missions"));
    client.get().uri("/readyz").exchange().expectStatus().isOk();
  }

  @Test
  void theConsolesSignInFailsAtOnceRatherThanHanging() {
    long began = System.nanoTime();
    client.get().uri("/oauth2/authorization/keycloak").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().is5xxServerError();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
  }

  private static int aPortNobodyListensOn() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
