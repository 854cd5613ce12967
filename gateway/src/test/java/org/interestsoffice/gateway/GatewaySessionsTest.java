package org.interestsoffice.gateway;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The console's sessions as Redis holds them. A session whose contents this gateway cannot read
 * back (written by another version of Spring Security before a rollout, say) is a session that has
 * ended: its owner signs in again, rather than meeting an error on every request until it expires.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class GatewaySessionsTest extends GatewayInFrontOfServices {

  @Autowired WebTestClient client;
  @Autowired ReactiveRedisConnectionFactory redis;
  @Value("${spring.session.data.redis.namespace}") String namespace;

  @Test
  void aSessionThisVersionCannotReadIsASessionThatEnded() {
    String id = UUID.randomUUID().toString();
    JdkSerializationRedisSerializer jdk = new JdkSerializationRedisSerializer();
    long now = Instant.now().toEpochMilli();
    Map<String, byte[]> fields = Map.of(
        "creationTime", jdk.serialize(now),
        "lastAccessedTime", jdk.serialize(now),
        "maxInactiveInterval", jdk.serialize((int) Duration.ofMinutes(30).toSeconds()),
        // Not what JDK serialization wrote: as a class that has changed since reads to this version.
        "sessionAttr:SPRING_SECURITY_CONTEXT", "written by another version".getBytes(StandardCharsets.UTF_8));
    var connection = redis.getReactiveConnection();
    try {
      ByteBuffer key = ByteBuffer.wrap((namespace + ":sessions:" + id).getBytes(StandardCharsets.UTF_8));
      for (var field : fields.entrySet()) {
        connection.hashCommands().hSet(key.duplicate(), ByteBuffer.wrap(field.getKey().getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(field.getValue()))
            .block(Duration.ofSeconds(5));
      }
      connection.keyCommands().expire(key.duplicate(), Duration.ofMinutes(5)).block(Duration.ofSeconds(5));
    } finally {
      connection.closeLater().block(Duration.ofSeconds(5));
    }

    client.get().uri("/console/session").cookie("SESSION", id).exchange()
        .expectStatus().isUnauthorized();
    client.get().uri("/console/api/missions").cookie("SESSION", id).exchange()
        .expectStatus().isUnauthorized();
    assertThatNothingReachedAService();
  }

  private static void assertThatNothingReachedAService() {
    backends().forEach(backend -> org.assertj.core.api.Assertions.assertThat(backend.received()).isEmpty());
  }
}
