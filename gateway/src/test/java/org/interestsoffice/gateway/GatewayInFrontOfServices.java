package org.interestsoffice.gateway;

import java.util.stream.Stream;

import org.interestsoffice.testing.RealRedis;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of the three services, each played by an HTTP server of the test's own that
 * records what reaches it, and accepting the test issuer's tokens. The servers live as long as the
 * test JVM, so test classes with the same settings share one gateway.
 */
// Console sessions go to the real Redis, under this run's namespace.
@RealRedis(namespace = "gateway-tests")
abstract class GatewayInFrontOfServices {

  static final Backend missions = Backend.named("missions");
  static final Backend personnel = Backend.named("personnel");
  static final Backend notifications = Backend.named("notifications");

  @DynamicPropertySource
  static void backendsAndIssuer(DynamicPropertyRegistry registry) {
    registry.add("backends.missions", missions::url);
    registry.add("backends.personnel", personnel::url);
    registry.add("backends.notifications", notifications::url);
    TestIssuer.register(registry);
  }

  static Stream<Backend> backends() {
    return Stream.of(missions, personnel, notifications);
  }

  @BeforeEach
  void forgetEarlierRequests() {
    backends().forEach(Backend::forget);
  }
}
