package org.interestsoffice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(RealInfrastructureTest.NoBeans.class)
@RealInfrastructure(database = "annotation_check")
class RealInfrastructureTest {

  @Configuration
  static class NoBeans {
  }

  @Autowired
  Environment environment;

  @Test
  void theApplicationContextConnectsToTheRunsDatabaseAndNamespace() {
    TestInfrastructure infrastructure = TestInfrastructure.get();

    assertThat(environment.getProperty("spring.datasource.url"))
        .isEqualTo(infrastructure.database("annotation_check").jdbcUrl());
    assertThat(environment.getProperty("platform.messaging.namespace"))
        .isEqualTo(infrastructure.messagingNamespace());
  }

  @Test
  void testClassesNamingTheSameDatabaseShareOneCachedContext() {
    var factory = new RealInfrastructureContextCustomizerFactory();

    assertThat(factory.createContextCustomizer(RealInfrastructureTest.class, List.of()))
        .isEqualTo(factory.createContextCustomizer(SameDatabase.class, List.of()))
        .isNotEqualTo(factory.createContextCustomizer(OtherDatabase.class, List.of()));
    assertThat(factory.createContextCustomizer(Object.class, List.of())).isNull();
  }

  @RealInfrastructure(database = "annotation_check")
  static class SameDatabase {
  }

  @RealInfrastructure(database = "other_check")
  static class OtherDatabase {
  }
}
