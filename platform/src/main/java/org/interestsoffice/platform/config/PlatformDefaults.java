package org.interestsoffice.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code platform-defaults.yml} behind everything else, so that each service's own
 * application.yml stays short and any setting can still be overridden per environment.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

  private static final String SOURCE = "platform-defaults.yml";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    try {
      new YamlPropertySourceLoader()
          .load("platformDefaults", new ClassPathResource(SOURCE))
          .forEach(source -> environment.getPropertySources().addLast(source));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SOURCE, e);
    }
  }
}
