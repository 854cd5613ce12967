package org.interestsoffice.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.interestsoffice.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
// A first request through a fresh context (token decoding, routes) has taken over the default 5 s on two busy cores.
@AutoConfigureWebTestClient(timeout = "PT30S")
class GatewayRoutingTest extends GatewayInFrontOfServices {

  /** A trace a client started: the gateway's span of the request joins it. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** How long the services (Tomcat, not configured otherwise) keep an idle connection open. */
  private static final Duration SERVICES_KEEP_ALIVE = Duration.ofSeconds(60);

  @Autowired
  WebTestClient client;

  @Autowired
  HttpClientProperties upstream;

  @org.springframework.boot.test.web.server.LocalServerPort
  int port;

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  @BeforeEach
  void signInAsAdministrator() {
    // Routing is the subject here: a ministry administrator may use every route.
    client = client.mutate().defaultHeader("Authorization", "Bearer " + TestTokens.get().ministryAdmin()).build();
  }

  @Test
  void theAccessLineCarriesTheTraceAndSpanOfTheRequest(CapturedOutput output) {
    client.get().uri("/api/missions/42")
        .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
        .header(CorrelationIdFilter.HEADER, "access-line-trace")
        .exchange()
        .expectStatus().isOk();

    // Written at the response's commit, on a reactive thread, before the client has the answer.
    assertThat(output.getOut().lines().filter(line -> line.contains("\"correlationId\":\"access-line-trace\"")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"request handled\"", "\"traceId\":\"" + TRACE_ID + "\"")
            .containsPattern("\"spanId\":\"[0-9a-f]{16}\"")
            .doesNotContain("00f067aa0ba902b7"));
  }

  @Test
  void theGatewayLetsGoOfAnIdleConnectionToAServiceBeforeTheServiceDoes() {
    // With the defaults: GatewayLoadBalancingTest shows the limit at work with a short one.
    assertThat(upstream.getPool().getMaxIdleTime()).isNotNull().isLessThanOrEqualTo(SERVICES_KEEP_ALIVE.dividedBy(2));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "GET,    /api/offices,                               missions",
      "POST,   /api/offices,                               missions",
      "GET,    /api/offices/CCS,                           missions",
      "GET,    /api/missions,                              missions",
      "POST,   /api/missions,                              missions",
      "GET,    /api/missions/42,                           missions",
      "POST,   /api/missions/42/rupture,                   missions",
      "POST,   /api/missions/42/deadlines/7/extension,     missions",
      "POST,   /api/missions/42/staff-ceiling,             missions",
      "POST,   /api/missions/42/persona-non-grata,         missions",
      "POST,   /api/missions/42/restoration,               missions",
      "POST,   /api/missions/42/case-clock,                missions",
      "GET,    /api/missions/42/protecting-power,          missions",
      "POST,   /api/missions/42/protecting-power/consent,  missions",
      "POST,   /api/missions/42/protecting-power/termination, missions",
      "GET,    /api/missions/42/timeline,                  missions",
      "GET,    /api/missions/42/accountability,            personnel",
      "GET,    /api/staff,                                 personnel",
      "GET,    /api/staff?missionId=42&status=OVERDUE,     personnel",
      "POST,   /api/staff,                                 personnel",
      "PATCH,  /api/staff/9,                               personnel",
      "DELETE, /api/staff/9/remaining-designation,         personnel",
      "POST,   /api/departure-groups,                      personnel",
      "POST,   /api/departure-groups/3/members,            personnel",
      "GET,    /api/missions/42/alert-progress,            notifications",
      "GET,    /api/alerts,                                notifications",
      "GET,    /api/alerts/5,                              notifications",
      "GET,    /api/dead-letters,                          notifications",
      "POST,   /api/dead-letters/5/redrive,                notifications",
      "GET,    /ack/Zk3q-token,                            notifications",
      "POST,   /ack/Zk3q-token,                            notifications",
      "POST,   /sms/delivery-reports,                      notifications",
      "POST,   /sms/inbound,                               notifications",
  })
  void forwardsEachPathUnchangedToItsService(String method, String path, String expected) {
    WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(path);
    WebTestClient.RequestHeadersSpec<?> sent = method.equals("GET")
        ? request
        : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"noteReference\":\"N-1\"}");
    sent.exchange()
        .expectStatus().isOk()
        .expectBody(String.class).isEqualTo(expected);

    Backend service = backends().filter(backend -> backend.name().equals(expected)).findFirst().orElseThrow();
    assertThat(service.received()).singleElement().satisfies(received -> {
      assertThat(received.method()).isEqualTo(method);
      assertThat(received.uri()).isEqualTo(path);
    });
    assertThat(backends().filter(backend -> backend != service).flatMap(backend -> backend.received().stream()))
        .as("requests reaching another service").isEmpty();
  }

  // --- Dead letters of every service ----------------------------------------------------------
  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
      "GET,  /api/dead-letters/missions,                        missions,      /api/dead-letters",
      "GET,  /api/dead-letters/missions?include=all&limit=5,    missions,      /api/dead-letters?include=all&limit=5",
      "POST, /api/dead-letters/missions/5/redrive,              missions,      /api/dead-letters/5/redrive",
      "GET,  /api/dead-letters/personnel,                       personnel,     /api/dead-letters",
      "POST, /api/dead-letters/personnel/5/redrive,             personnel,     /api/dead-letters/5/redrive",
      "GET,  /api/dead-letters/notifications?limit=3,           notifications, /api/dead-letters?limit=3",
      "POST, /api/dead-letters/notifications/5/redrive,         notifications, /api/dead-letters/5/redrive",
  })
  void sendsEachServicesDeadLettersToThatService(String method, String path, String expected, String reaching) {
    WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(path);
    (method.equals("GET") ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}"))
        .exchange()
        .expectStatus().isOk()
        .expectBody(String.class).isEqualTo(expected);

    Backend service = backends().filter(backend -> backend.name().equals(expected)).findFirst().orElseThrow();
    assertThat(service.received()).singleElement().satisfies(received -> {
      assertThat(received.method()).isEqualTo(method);
      assertThat(received.uri()).isEqualTo(reaching);
    });
    assertThat(backends().filter(backend -> backend != service).flatMap(backend -> backend.received().stream()))
        .as("requests reaching another service").isEmpty();
  }
  // --- end of dead letters ---------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/api-docs/missions,      missions",
      "/api-docs/personnel,     personnel",
      "/api-docs/notifications, notifications",
  })
  void servesEachServicesApiDescriptionWithoutAToken(String path, String expected) {
    WebTestClient.bindToServer().baseUrl(baseUrl()).build().get().uri(path).exchange().expectStatus().isOk();

    Backend service = backends().filter(backend -> backend.name().equals(expected)).findFirst().orElseThrow();
    assertThat(service.received()).singleElement().satisfies(received -> assertThat(received.uri()).isEqualTo("/v3/api-docs"));
  }

  @Test
  void servesTheDocumentationPageListingTheServices() {
    WebTestClient anonymous = WebTestClient.bindToServer().baseUrl(baseUrl()).build();
    anonymous.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    anonymous.get().uri("/v3/api-docs/swagger-config").exchange()
        .expectStatus().isOk()
        .expectBody(String.class).value(config -> assertThat(config).contains("/api-docs/missions", "/api-docs/personnel", "/api-docs/notifications"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET,  /api/unknown",
      "POST, /api/unknown",
      "GET,  /other",
      "GET,  /api/staffing",
      "GET,  /api/missions-archive",
      "GET,  /api",
  })
  void refusesAnythingElseWithoutCallingAService(String method, String path) {
    // Deny by default: a path no route lists is refused even to a ministry administrator.
    client.method(HttpMethod.valueOf(method)).uri(path)
        .exchange()
        .expectStatus().isForbidden();

    assertThat(backends().flatMap(backend -> backend.received().stream())).isEmpty();
  }

  @Test
  void generatesCorrelationIdWhenNoneIsSupplied() {
    List<String> returned = correlationIdsReturnedBy(client.get().uri("/api/missions/42").exchange());

    assertThat(returned).singleElement().satisfies(id -> assertThat(UUID.fromString(id)).hasToString(id));
    assertThat(correlationIdsReaching(missions)).isEqualTo(returned);
  }

  @ParameterizedTest
  @ValueSource(strings = {"client-42", "a.b_C-9", "0123456789012345678901234567890123456789012345678901234567890123"})
  void keepsValidCorrelationIdFromClient(String supplied) {
    List<String> returned = correlationIdsReturnedBy(
        client.get().uri("/api/staff/9").header(CorrelationIdFilter.HEADER, supplied).exchange());

    assertThat(returned).containsExactly(supplied);
    assertThat(correlationIdsReaching(personnel)).containsExactly(supplied);
  }

  static Stream<String> invalidCorrelationIds() {
    return Stream.of("", "has space", "tab\there", "semi;colon", "a/b", "<script>", "x".repeat(65), "y".repeat(200));
  }

  @ParameterizedTest
  @MethodSource("invalidCorrelationIds")
  void replacesInvalidCorrelationIdFromClient(String supplied) {
    List<String> returned = correlationIdsReturnedBy(
        client.get().uri("/api/alerts").header(CorrelationIdFilter.HEADER, supplied).exchange());

    assertThat(returned).singleElement().satisfies(id -> {
      assertThat(id).isNotEqualTo(supplied);
      assertThat(UUID.fromString(id)).hasToString(id);
    });
    assertThat(correlationIdsReaching(notifications)).isEqualTo(returned);
  }

  @Test
  void reportsCorrelationIdOnceEvenWhenServiceEchoesIt() {
    List<String> returned = correlationIdsReturnedBy(
        client.post().uri("/api/missions").header(CorrelationIdFilter.HEADER, "echoed-1").exchange());

    assertThat(returned).containsExactly("echoed-1");
  }

  private static List<String> correlationIdsReturnedBy(WebTestClient.ResponseSpec response) {
    return response.expectStatus().isOk()
        .returnResult(String.class).getResponseHeaders().getValuesAsList(CorrelationIdFilter.HEADER);
  }

  private static List<String> correlationIdsReaching(Backend backend) {
    assertThat(backend.received()).hasSize(1);
    return backend.received().get(0).correlationIds();
  }

}
