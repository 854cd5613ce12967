package org.interestsoffice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(TestRedisTest.NoBeans.class)
@RealRedis(namespace = "annotation-check")
class TestRedisTest {

  @Configuration
  static class NoBeans {
  }

  @Autowired
  Environment environment;

  private final TestRedis redis = TestRedis.get();

  @Test
  void eachRunKeepsItsKeysInANamespaceOfItsOwn() {
    assertThat(redis.namespace("console")).matches("iop:t[0-9a-z]{10}:console");
    assertThat(redis.namespace("console")).isNotEqualTo(redis.namespace("other"));
    assertThatIllegalArgumentException().isThrownBy(() -> redis.namespace("Console"));
    assertThatIllegalArgumentException().isThrownBy(() -> redis.namespace("a:b"));
  }

  @Test
  void theServerAnswersAndItsKeysCanBeListed() {
    // The namespace is the run's own: nothing of another run, nor of the local run, is under it.
    assertThat(redis.keys(redis.namespace("nothing-here") + ":*")).isEmpty();
  }

  @Test
  void theApplicationContextUsesTheServerAndTheRunsNamespace() {
    assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo(redis.host());
    assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo(Integer.toString(redis.port()));
    assertThat(environment.getProperty("spring.session.data.redis.namespace")).isEqualTo(redis.namespace("annotation-check"));
    assertThat(redis.environment("annotation-check")).containsAllEntriesOf(Map.of(
        "SPRING_DATA_REDIS_HOST", redis.host(),
        "SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()),
        "SPRING_SESSION_DATA_REDIS_NAMESPACE", redis.namespace("annotation-check")));
  }

  @Test
  void testClassesNamingTheSameNamespaceShareOneCachedContext() {
    var factory = new RealRedisContextCustomizerFactory();

    assertThat(factory.createContextCustomizer(TestRedisTest.class, List.of()))
        .isEqualTo(factory.createContextCustomizer(SameNamespace.class, List.of()))
        .isNotEqualTo(factory.createContextCustomizer(OtherNamespace.class, List.of()));
  }

  @RealRedis(namespace = "annotation-check")
  static class SameNamespace {
  }

  @RealRedis(namespace = "elsewhere")
  static class OtherNamespace {
  }
}
