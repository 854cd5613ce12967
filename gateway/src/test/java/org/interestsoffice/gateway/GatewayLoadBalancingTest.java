package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.interestsoffice.testing.RealRedis;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Several instances of a service behind the gateway, listed in one variable as the local run does
 * ({@code MISSIONS_URL=http://...:8081,http://...:8091}): requests are shared between them, and an
 * instance that does not pass its readiness probe is left out. One URL (as in Compose and
 * Kubernetes) goes through the same load balancer.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {"spring.cloud.loadbalancer.health-check.interval=200ms", "gateway.rate-limit.burst=1000"})
// A first request through a fresh context (token decoding, routes) has taken over the default 5 s on two busy cores.
@AutoConfigureWebTestClient(timeout = "PT30S")
// Console sessions go to the real Redis, under this run's namespace.
@RealRedis(namespace = "gateway-tests")
class GatewayLoadBalancingTest {

  private static final String READINESS = "/actuator/health/readiness";
  /** Long enough for two requests in a row on busy cores, short enough to wait out in a test. */
  private static final Duration UPSTREAM_IDLE_TIMEOUT = Duration.ofSeconds(2);

  static final Backend missions1 = Backend.named("missions-1");
  static final Backend missions2 = Backend.named("missions-2");
  static final Backend personnel = Backend.named("personnel");
  static final Backend notifications = Backend.named("notifications");

  @DynamicPropertySource
  static void instancesAndIssuer(DynamicPropertyRegistry registry) {
    // The variables the gateway reads, exactly as bin/run-local --instances 2 sets them.
    registry.add("MISSIONS_URL", () -> missions1.url() + "," + missions2.url());
    registry.add("PERSONNEL_URL", personnel::url);
    registry.add("NOTIFICATIONS_URL", notifications::url);
    // Through the variable the gateway's configuration reads, so a timeout lost from it fails the test.
    registry.add("GATEWAY_RESPONSE_TIMEOUT", () -> "2s");
    registry.add("GATEWAY_UPSTREAM_IDLE_TIMEOUT", () -> UPSTREAM_IDLE_TIMEOUT.toMillis() + "ms");
    TestIssuer.register(registry);
  }

  @AfterAll
  static void stopBackends() {
    Stream.of(missions1, missions2, personnel, notifications).forEach(Backend::stop);
  }

  @Autowired WebTestClient client;

  @BeforeEach
  void asAMinistryAdministrator() {
    client = client.mutate().defaultHeader("Authorization", "Bearer " + TestTokens.get().ministryAdmin()).build();
    // Both instances are in rotation once the first probes have answered (a bound, not a wait: ten
    // requests took longer than 10 s on two cores under a load of 20, and the test failed there).
    await().atMost(Duration.ofSeconds(60)).until(() -> answeringInstances(10).keySet().size() == 2);
    Stream.of(missions1, missions2, personnel, notifications).forEach(Backend::forget);
  }

  @Test
  void requestsAreSharedBetweenTheInstancesOfAService() {
    Map<String, Long> answeredBy = answeringInstances(20);

    // Round robin over the list of ready instances, whose order follows the probes' answers: about
    // half each, not strictly alternating.
    assertThat(answeredBy).containsOnlyKeys("missions-1", "missions-2");
    assertThat(answeredBy.values()).allSatisfy(count -> assertThat(count).isBetween(5L, 15L));
    assertThat(apiRequests(missions1).size() + apiRequests(missions2).size()).isEqualTo(20);
  }

  @Test
  void aServiceWithOneUrlIsReachedThroughTheSameLoadBalancer() {
    String body = client.get().uri("/api/staff").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

    assertThat(body).isEqualTo("personnel");
    assertThat(apiRequests(personnel)).hasSize(1);
  }

  @Test
  void anInstanceThatIsNotReadyGetsNoRequests() {
    missions2.notReady();
    try {
      // Within a few probe intervals every request goes to the instance that is ready.
      await().atMost(Duration.ofSeconds(60)).until(() -> answeringInstances(10).equals(Map.of("missions-1", 10L)));
    } finally {
      missions2.ready();
    }
  }

  @Test
  void aServiceWithOneUrlIsNotProbedOutOfRotation() {
    // One URL is the platform's balancer (a Kubernetes Service): its failed probe must not turn
    // every request into a 503. Many probe intervals (200 ms) pass while the requests go on.
    personnel.notReady();
    try {
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(
          () -> client.get().uri("/api/staff").exchange().returnResult(String.class).getStatus().is2xxSuccessful());
      assertThat(personnel.received()).noneMatch(request -> request.uri().equals(READINESS));
    } finally {
      personnel.ready();
    }
  }

  @Test
  void aServiceThatDoesNotAnswerInTimeGetsTheCallerA504() {
    notifications.answerAfter(Duration.ofSeconds(8));
    try {
      long started = System.nanoTime();
      client.get().uri("/api/alerts").exchange().expectStatus().isEqualTo(504);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time until the gateway gave up").isLessThan(Duration.ofSeconds(7));
    } finally {
      notifications.answerAfter(Duration.ZERO);
    }
  }

  @Test
  void aConnectionToAServiceIdleLongerThanTheLimitIsNotUsedAgain() throws InterruptedException {
    // A service closes a kept-alive connection idle for its keep-alive timeout (Tomcat's 60 s); a
    // request the gateway sends on it at that instant fails ("closed BEFORE send") and its caller
    // got a 500. The gateway drops its idle connections before the services do.
    client.get().uri("/api/staff").exchange().expectStatus().isOk();
    client.get().uri("/api/staff").exchange().expectStatus().isOk();
    // Idle: nothing else in this test is sent to personnel, and the limit is the thing under test.
    Thread.sleep(UPSTREAM_IDLE_TIMEOUT.plusMillis(500).toMillis());
    client.get().uri("/api/staff").exchange().expectStatus().isOk();

    List<Integer> connections = apiRequests(personnel).stream().map(Backend.Received::clientPort).toList();
    assertThat(connections).hasSize(3);
    assertThat(connections.get(1)).as("the connection of a request just answered carries the next one").isEqualTo(connections.get(0));
    assertThat(connections.get(2)).as("after an idle time past the limit, a new connection").isNotEqualTo(connections.get(1));
  }

  /** Sends {@code count} requests, counting which instance answered each; failures count as "failed". */
  private Map<String, Long> answeringInstances(int count) {
    List<String> answers = new ArrayList<>();
    IntStream.range(0, count)
        .forEach(
            i -> {
              var result = client.get().uri("/api/missions").exchange().expectBody(String.class).returnResult();
              answers.add(result.getStatus().is2xxSuccessful() ? result.getResponseBody() : "failed");
            });
    return answers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static List<Backend.Received> apiRequests(Backend backend) {
    return backend.received().stream().filter(request -> !request.uri().equals(READINESS)).toList();
  }
}
