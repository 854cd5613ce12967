package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;


import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** CORS for the configured frontends only, a ceiling on request size, and a rate per user. */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "gateway.cors-allowed-origins=https://console.example.org",
      "gateway.rate-limit.requests-per-second=1",
      "gateway.rate-limit.burst=5",
      "gateway.max-request-size=1KB"
    })
@AutoConfigureWebTestClient
class GatewayLimitsTest extends GatewayInFrontOfServices {

  @Autowired WebTestClient client;

  @Test
  void aConfiguredFrontendGetsItsPreflightAnsweredWithoutAToken() {
    client.options().uri("/api/missions")
        .header("Origin", "https://console.example.org")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "Authorization, Content-Type")
        .exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://console.example.org");
    assertThat(missions.received()).isEmpty();
  }

  @Test
  void anyOtherOriginIsRefused() {
    client.options().uri("/api/missions")
        .header("Origin", "https://evil.example.com")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist("Access-Control-Allow-Origin");
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedBeforeReachingTheService() {
    client.post().uri("/api/staff")
        .header("Authorization", "Bearer " + TestTokens.get().token("big-sender", java.util.List.of("office-officer"), java.util.List.of("CCS")))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"fullName\":\"" + "x".repeat(2_000) + "\"}")
        .exchange()
        .expectStatus().isEqualTo(413);
    assertThat(personnel.received()).isEmpty();
  }

  @Test
  void eachUserHasTheirOwnRate() {
    String hasty = "Bearer " + TestTokens.get().token("hasty-user", java.util.List.of("office-viewer"), java.util.List.of("CCS"));
    String calm = "Bearer " + TestTokens.get().token("calm-user", java.util.List.of("office-viewer"), java.util.List.of("CCS"));
    for (int i = 0; i < 5; i++) {
      client.get().uri("/api/missions").header("Authorization", hasty).exchange().expectStatus().isOk();
    }
    client.get().uri("/api/missions").header("Authorization", hasty).exchange()
        .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
        .expectHeader().exists("Retry-After")
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    client.get().uri("/api/missions").header("Authorization", calm).exchange().expectStatus().isOk();
    assertThat(missions.received()).hasSize(6);
  }
}
