package org.interestsoffice.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayActuatorTest {

  @Autowired
  WebTestClient client;

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/health/readiness", "/actuator/health/liveness", "/actuator/prometheus"})
  void exposesProbesAndMetrics(String path) {
    client.get().uri(path).exchange().expectStatus().isOk();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/gateway/routes"})
  void hidesEverythingElse(String path) {
    client.get().uri(path).exchange().expectStatus().isNotFound();
  }
}
