package org.interestsoffice.gateway;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import org.interestsoffice.testing.RealRedis;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public port (the one the ingress exposes) answers the probes and nothing else of the
 * actuator, not even to an administrator; metrics are on the management port only, which the
 * Kubernetes Service does not expose (checked by DeployKubernetesTest).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
// A first request through a fresh context (token decoding, routes) has taken over the default 5 s on two busy cores.
@AutoConfigureWebTestClient(timeout = "PT30S")
// Console sessions go to the real Redis, under this run's namespace.
@RealRedis(namespace = "gateway-tests")
class GatewayActuatorTest {

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    TestIssuer.register(registry);
  }

  @Autowired WebTestClient client;
  @LocalManagementPort int managementPort;

  @ParameterizedTest
  @ValueSource(strings = {"/livez", "/readyz"})
  void thePublicPortAnswersTheProbes(String path) {
    client.get().uri(path).exchange().expectStatus().isOk();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator/health/readiness", "/actuator/info",
      "/actuator/env", "/actuator/beans", "/actuator/gateway/routes"})
  void thePublicPortServesNoActuatorEndpointEvenToAnAdministrator(String path) {
    client.get().uri(path).exchange().expectStatus().isUnauthorized();
    client.get().uri(path).header("Authorization", "Bearer " + TestTokens.get().ministryAdmin())
        .exchange().expectStatus().isForbidden();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/prometheus", "/actuator/health/readiness", "/actuator/health/liveness", "/actuator/info"})
  void theManagementPortServesMetricsAndHealthToTheClustersScraper(String path) {
    management().get().uri(path).exchange().expectStatus().isOk();
  }

  @Test
  void theManagementPortServesPrometheusTextAndNoOtherEndpoint() {
    management().get().uri("/actuator/prometheus").exchange()
        .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body).contains("jvm_memory_used_bytes"));
    management().get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void requestsAreTimedButSpringSecurityAddsNoObservationsOfItsOwn() {
    client.get().uri("/actuator/env").header("Authorization", "Bearer " + TestTokens.get().ministryAdmin()).exchange().expectStatus().isForbidden();

    // By default it would time every filter chain, authentication and authorization (GatewaySecurity).
    management().get().uri("/actuator/prometheus").exchange()
        .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
            .contains("http_server_requests_seconds_count")
            .doesNotContain("spring_security_"));
  }

  private WebTestClient management() {
    return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
  }
}
