package org.interestsoffice.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.interestsoffice.testing.TestTokens;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayActuatorTest {

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    TestIssuer.register(registry);
  }

  @Autowired
  WebTestClient client;

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/health/readiness", "/actuator/health/liveness", "/actuator/prometheus"})
  void exposesProbesAndMetrics(String path) {
    client.get().uri(path).exchange().expectStatus().isOk();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/gateway/routes"})
  void refusesEverythingElseEvenToAnAdministrator(String path) {
    client.get().uri(path).exchange().expectStatus().isUnauthorized();
    client.get().uri(path).header("Authorization", "Bearer " + TestTokens.get().ministryAdmin())
        .exchange().expectStatus().isForbidden();
  }
}
