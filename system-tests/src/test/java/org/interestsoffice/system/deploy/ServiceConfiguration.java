package org.interestsoffice.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * A service's configuration as Spring Boot resolves it inside a container: its application.yml
 * (and, for the business services, the platform's defaults behind it) under the environment
 * variables that a deployment descriptor gives it. Boot's own relaxed binding maps the variables to
 * properties, so a misspelt variable leaves the property at its default, which the checks see.
 */
final class ServiceConfiguration {

  /**
   * Properties whose addresses are the ones a browser or a client outside the deployment uses; they
   * may name localhost (in compose, the host's published ports). Every other address is reached from
   * inside the container, where localhost is the container itself.
   */
  static final Set<String> OUTSIDE_ADDRESSES = Set.of(
      "platform.security.issuer",
      "spring.security.oauth2.resourceserver.jwt.issuer-uri",
      "spring.security.oauth2.client.provider.keycloak.authorization-uri",
      "notifications.public-base-url",
      "gateway.cors-allowed-origins");

  /**
   * Standard Spring Boot properties that the deployments set and no application.yml mentions (so no
   * key or placeholder there proves they are read).
   */
  static final Set<String> STANDARD_SPRING_VARIABLES = Set.of(
      "SPRING_DATASOURCE_PASSWORD", "SPRING_RABBITMQ_PORT", "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD",
      // The gateway's Redis (console sessions): its password, and TLS with Redis's CA as an SSL bundle.
      "SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_USERNAME", "SPRING_DATA_REDIS_SSL_ENABLED",
      "SPRING_DATA_REDIS_SSL_BUNDLE", "SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE",
      // The OTLP trace exporter: Boot creates it only when the endpoint is set, so no default is written.
      "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED",
      // AMQPS with the broker's CA as an SSL bundle (Kubernetes' broker-config).
      "SPRING_RABBITMQ_SSL_ENABLED", "SPRING_RABBITMQ_SSL_BUNDLE", "SPRING_SSL_BUNDLE_PEM_RABBITMQ_TRUSTSTORE_CERTIFICATE");

  private static final Pattern PLACEHOLDER_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Pattern PLACEHOLDER_PROPERTY = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)[:}]");

  private final String module;
  private final Map<String, String> environment;
  private final StandardEnvironment spring;
  private final Set<String> keys = new LinkedHashSet<>();
  private final String configurationText;

  private ServiceConfiguration(String module, Map<String, String> environment) {
    this.module = module;
    this.environment = environment;
    this.spring = new StandardEnvironment();
    var sources = spring.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.addFirst(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment)));
    StringBuilder text = new StringBuilder();
    for (Path file : configurationFiles(module)) {
      text.append(Repository.read(file)).append('\n');
      try {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file))) {
          sources.addLast(source);
          if (source instanceof EnumerablePropertySource<?> enumerable) {
            keys.addAll(List.of(enumerable.getPropertyNames()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    this.configurationText = text.toString();
    ConfigurationPropertySources.attach(spring);
  }

  static ServiceConfiguration of(String module, Map<String, String> environment) {
    return new ServiceConfiguration(module, environment);
  }

  /** The service's own application.yml, then (business services) the platform's defaults. */
  static List<Path> configurationFiles(String module) {
    List<Path> files = new ArrayList<>();
    files.add(Repository.file(module + "/src/main/resources/application.yml"));
    if (!module.equals("gateway")) {
      files.add(Repository.file("platform/src/main/resources/platform-defaults.yml"));
    }
    return files;
  }

  String property(String key) {
    return spring.getProperty(key);
  }

  int port() {
    return Integer.parseInt(property("server.port"));
  }

  /**
   * Every property of the service's configuration files, resolved; a placeholder that nothing
   * resolves is a problem.
   */
  Map<String, String> resolved(List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        values.put(key, property(key));
      } catch (IllegalArgumentException e) {
        problems.add(module + ": " + key + " cannot be resolved: " + e.getMessage());
      }
    }
    return values;
  }

  /**
   * Addresses the service connects to from inside its container, by property: the database, the
   * broker, Redis, the SMTP server and every http(s) URL that is not an outside address.
   */
  Map<String, URI> insideAddresses(List<String> problems) {
    Map<String, URI> addresses = new LinkedHashMap<>();
    for (var entry : resolved(problems).entrySet()) {
      String value = entry.getValue();
      if (value == null || OUTSIDE_ADDRESSES.contains(entry.getKey())) {
        continue;
      }
      if (value.startsWith("jdbc:postgresql://")) {
        URI uri = URI.create(value.substring("jdbc:".length()));
        addresses.put(entry.getKey(), uri.getPort() < 0 ? withPort(uri, 5432) : uri);
      } else if (value.startsWith("http://") || value.startsWith("https://")) {
        addresses.put(entry.getKey(), URI.create(value));
      }
    }
    if (property("spring.rabbitmq.host") != null) {
      addresses.put("spring.rabbitmq.host", URI.create("amqp://" + property("spring.rabbitmq.host") + ":"
          + (property("spring.rabbitmq.port") == null ? "5672" : property("spring.rabbitmq.port"))));
    }
    if (property("spring.data.redis.host") != null) {
      addresses.put("spring.data.redis.host", URI.create("redis://" + property("spring.data.redis.host") + ":"
          + (property("spring.data.redis.port") == null ? "6379" : property("spring.data.redis.port"))));
    }
    if (property("spring.mail.host") != null) {
      addresses.put("spring.mail.host", URI.create("smtp://" + property("spring.mail.host") + ":" + property("spring.mail.port")));
    }
    return addresses;
  }

  /** Problems a container would really have: addresses that point at itself, missing credentials. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (var entry : resolved(problems).entrySet()) {
      String value = entry.getValue();
      if (value != null && !OUTSIDE_ADDRESSES.contains(entry.getKey())
          && (value.contains("localhost") || value.contains("127.0.0.1"))) {
        problems.add(module + ": " + entry.getKey() + " resolves to " + value
            + ", which inside the container is the container itself: set the variable that configures it");
      }
    }
    if (!module.equals("gateway")) {
      for (String required : List.of("spring.datasource.password", "spring.rabbitmq.username", "spring.rabbitmq.password")) {
        if (property(required) == null) {
          problems.add(module + ": " + required + " is not set");
        }
      }
    }
    problems.addAll(unreadVariables());
    return problems;
  }

  /** Variables given to the service that it never reads: most often a misspelt name. */
  private List<String> unreadVariables() {
    Set<String> read = new LinkedHashSet<>(STANDARD_SPRING_VARIABLES);
    Matcher matcher = PLACEHOLDER_VARIABLE.matcher(configurationText);
    while (matcher.find()) {
      read.add(matcher.group(1));
    }
    Matcher propertyPlaceholder = PLACEHOLDER_PROPERTY.matcher(configurationText);
    Set<String> properties = new LinkedHashSet<>(keys);
    while (propertyPlaceholder.find()) {
      properties.add(propertyPlaceholder.group(1));
    }
    for (String property : properties) {
      read.addAll(environmentVariablesFor(property));
    }
    List<String> problems = new ArrayList<>();
    for (String variable : environment.keySet()) {
      if (!read.contains(variable)) {
        problems.add(module + ": " + variable + " is set but the service reads no such variable");
      }
    }
    return problems;
  }

  /**
   * The environment variables Spring Boot maps to a property: the canonical one (dots to
   * underscores, dashes removed) and the legacy one (dashes to underscores too).
   */
  static List<String> environmentVariablesFor(String property) {
    String name = property.replaceAll("\\[\\d+]", "").replace('.', '_').toUpperCase(Locale.ROOT);
    return List.of(name.replace("-", ""), name.replace('-', '_'));
  }

  private static URI withPort(URI uri, int port) {
    return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port + uri.getRawPath());
  }
}
