package org.interestsoffice.testing;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Applies {@link RealRedis}; registered in {@code META-INF/spring.factories}. */
class RealRedisContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    RealRedis annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, RealRedis.class);
    return annotation == null ? null : new RealRedisCustomizer(annotation.namespace());
  }

  /** A record, so test classes that name the same namespace share one cached application context. */
  record RealRedisCustomizer(String namespace) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      // Resolved here rather than in the factory: Redis is checked (or started) only when a context is built.
      var properties = new LinkedHashMap<String, Object>(TestRedis.get().springProperties(namespace));
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realRedis", properties));
    }
  }
}
