package org.interestsoffice.testing;

import java.util.LinkedHashMap;
import java.util.List;

import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Applies {@link RealInfrastructure}; registered in {@code META-INF/spring.factories}. */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    // Finds the annotation on superclasses and on the enclosing class of @Nested tests too.
    RealInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
        RealInfrastructure.class);
    return annotation == null ? null : new RealInfrastructureCustomizer(annotation.database());
  }

  /**
  * A record, so its equals and hashCode rest on the database name alone: test classes that name the same
  * database share one cached application context.
  */
  record RealInfrastructureCustomizer(String database) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context,
        MergedContextConfiguration mergedConfig) {
      // A thread of an application context closed by an earlier test class (a broker channel closing
      // late, say) must not fail whatever test happens to be waiting at that moment: tests judge the
      // service by its outcomes, and its own threads log what goes wrong.
      Awaitility.doNotCatchUncaughtExceptionsByDefault();
      // Resolved here rather than in the factory: the infrastructure starts only when a context is built.
      var properties = new LinkedHashMap<String, Object>(TestInfrastructure.get().springProperties(database));
      context.getEnvironment().getPropertySources()
          .addFirst(new MapPropertySource("realInfrastructure", properties));
    }
  }
}
