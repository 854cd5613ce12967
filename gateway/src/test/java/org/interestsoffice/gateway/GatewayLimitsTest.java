package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;


import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.interestsoffice.testing.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
      // One request every 20 s after the burst: a loaded machine cannot refill a token while the test sends six.
      "gateway.rate-limit.requests-per-second=0.05",
      "gateway.rate-limit.burst=5",
      "gateway.max-request-size=1KB"
    })
// A first request through a fresh context (token decoding, routes) has taken over the default 5 s on two busy cores.
@AutoConfigureWebTestClient(timeout = "PT30S")
@ExtendWith(OutputCaptureExtension.class)
class GatewayLimitsTest extends GatewayInFrontOfServices {

  @Autowired WebTestClient client;
  @LocalServerPort int port;

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
  void aChunkedBodyLargerThanTheLimitIsRefusedToo() throws Exception {
    HttpResponse<String> response = postChunked("x".repeat(4_000));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(personnel.received()).isEmpty();
  }

  @Test
  void aChunkedBodyWithinTheLimitReachesTheServiceWithItsLength() throws Exception {
    HttpResponse<String> response = postChunked("{\"fullName\":\"" + "y".repeat(300) + "\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(personnel.received()).singleElement()
        .satisfies(received -> assertThat(received.headers().get("Content-length")).containsExactly("315"));
  }

  /** A body sent in chunks, without Content-Length, as the RequestSize filter alone would let through. */
  private HttpResponse<String> postChunked(String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/staff"))
        .header("Authorization", "Bearer " + TestTokens.get().token("chunky-sender", java.util.List.of("office-officer"), java.util.List.of("CCS")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
        .build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachUserHasTheirOwnRate(CapturedOutput output) {
    String hasty = "Bearer " + TestTokens.get().token("hasty-user", java.util.List.of("office-viewer"), java.util.List.of("CCS"));
    String calm = "Bearer " + TestTokens.get().token("calm-user", java.util.List.of("office-viewer"), java.util.List.of("CCS"));
    for (int i = 0; i < 5; i++) {
      client.get().uri("/api/missions").header("Authorization", hasty).exchange().expectStatus().isOk();
    }
    client.get().uri("/api/missions").header("Authorization", hasty)
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .exchange()
        .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
        .expectHeader().exists("Retry-After")
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    // The refusal's audit line carries the request's trace, though written on a reactive thread.
    assertThat(output.getOut().lines().filter(line -> line.contains("\"audit\":\"rate-limited\"")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\""));
    client.get().uri("/api/missions").header("Authorization", calm).exchange().expectStatus().isOk();
    assertThat(missions.received()).hasSize(6);
  }
}
