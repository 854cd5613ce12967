package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway refuses what a role may not do before anything reaches a service, and passes the
 * caller's token on unchanged when it may.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
// A first request through a fresh context (token decoding, routes) has taken over the default 5 s on two busy cores.
@AutoConfigureWebTestClient(timeout = "PT30S")
@ExtendWith(OutputCaptureExtension.class)
class GatewayAccessTest extends GatewayInFrontOfServices {

  @Autowired WebTestClient client;
  @Autowired ReactiveJwtDecoder decoder;
  private final TestTokens tokens = TestTokens.get();

  @Test
  void anOfficeHeadDeclaresARuptureAndTheTokenReachesTheServiceUnchanged() {
    String token = tokens.officeHead("CCS");

    post("/api/missions/42/rupture", token).expectStatus().isOk();

    assertThat(missions.received()).singleElement().satisfies(received ->
        assertThat(received.headers().get("Authorization")).containsExactly("Bearer " + token));
  }

  @Test
  void officersAndViewersMayNotDeclareARupture() {
    for (String token : List.of(tokens.officeOfficer("CCS"), tokens.officeViewer("CCS"))) {
      post("/api/missions/42/rupture", token)
          .expectStatus().isForbidden()
          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
    assertThat(missions.received()).isEmpty();
  }

  @Test
  void aRefusalsAuditLineCarriesTheTraceOfTheRequest(CapturedOutput output) {
    client.post().uri("/api/missions/42/rupture")
        .header("Authorization", "Bearer " + tokens.officeViewer("CCS"))
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .header(CorrelationIdFilter.HEADER, "refusal-trace")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange()
        .expectStatus().isForbidden();

    // Written by the security chain on a reactive thread, where the trace's thread-locals are not restored.
    assertThat(output.getOut().lines().filter(line -> line.contains("\"audit\":\"refused\"") && line.contains("refusal-trace")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\""));
  }

  @Test
  void officersRegisterStaffButViewersDoNot() {
    post("/api/staff", tokens.officeOfficer("CCS")).expectStatus().isOk();
    post("/api/staff", tokens.officeViewer("CCS")).expectStatus().isForbidden();

    assertThat(personnel.received()).hasSize(1);
  }

  @Test
  void onlyMinistryAdministratorsSeeAndRedriveDeadLetters() {
    client.get().uri("/api/dead-letters").header("Authorization", "Bearer " + tokens.officeHead("CCS"))
        .exchange().expectStatus().isForbidden();
    post("/api/dead-letters/5/redrive", tokens.officeHead("CCS")).expectStatus().isForbidden();
    client.get().uri("/api/dead-letters").header("Authorization", "Bearer " + tokens.ministryAdmin())
        .exchange().expectStatus().isOk();

    assertThat(notifications.received()).hasSize(1);
  }

  @Test
  void onlyMinistryAdministratorsSeeAndRedriveEachServicesDeadLetters() {
    for (String service : List.of("missions", "personnel", "notifications")) {
      for (String token : List.of(tokens.officeHead("CCS"), tokens.officeOfficer("CCS"), tokens.officeViewer("CCS"))) {
        client.get().uri("/api/dead-letters/" + service).header("Authorization", "Bearer " + token)
            .exchange().expectStatus().isForbidden();
        post("/api/dead-letters/" + service + "/5/redrive", token).expectStatus().isForbidden();
      }
      client.get().uri("/api/dead-letters/" + service).exchange().expectStatus().isUnauthorized();
    }
    backends().forEach(backend -> assertThat(backend.received()).as(backend.name()).isEmpty());

    for (String service : List.of("missions", "personnel", "notifications")) {
      client.get().uri("/api/dead-letters/" + service).header("Authorization", "Bearer " + tokens.ministryAdmin())
          .exchange().expectStatus().isOk();
      post("/api/dead-letters/" + service + "/5/redrive", tokens.ministryAdmin()).expectStatus().isOk();
    }
    backends().forEach(backend -> assertThat(backend.received()).as(backend.name()).hasSize(2));
  }

  @Test
  void withoutAUsableTokenNothingIsRouted() {
    client.get().uri("/api/missions").header("X-Correlation-Id", "refused-1").exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader().valueEquals("X-Correlation-Id", "refused-1");
    String expired = tokens.token("ccs-head", List.of("office-head"), List.of("CCS"), TestTokens.ALL_SERVICES,
        Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    String forAnotherAudience = tokens.token("ccs-head", List.of("office-head"), List.of("CCS"), List.of("some-other-app"),
        Instant.now(), Duration.ofHours(1));
    // Twice: a refused token is never remembered as validated (ValidatedTokens).
    for (String token : List.of(expired, forAnotherAudience, "not.a.token", expired, forAnotherAudience)) {
      client.get().uri("/api/missions").header("Authorization", "Bearer " + token).exchange().expectStatus().isUnauthorized();
    }
    assertThat(decoder).as("tokens are validated once, then remembered until they expire").isInstanceOf(ValidatedTokens.class);

    assertThat(missions.received()).isEmpty();
  }

  @Test
  void theAcknowledgementLinkNeedsNoSignIn() {
    client.get().uri("/ack/Zk3q-token").exchange().expectStatus().isOk();

    assertThat(notifications.received()).hasSize(1);
  }

  @Test
  void theSmsProvidersDeliveryReportsAndInboundMessagesNeedNoUserTokenButOnlyThosePathsAndMethodAreOpen() {
    client.post().uri("/sms/delivery-reports").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
    client.post().uri("/sms/inbound").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
    client.get().uri("/sms/delivery-reports").exchange().expectStatus().isUnauthorized();
    client.get().uri("/sms/inbound").exchange().expectStatus().isUnauthorized();
    client.post().uri("/sms/anything-else").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();

    assertThat(notifications.received()).hasSize(2);
  }

  private WebTestClient.ResponseSpec post(String path, String token) {
    return client.post().uri(path)
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange();
  }
}
