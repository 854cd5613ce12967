package org.interestsoffice.platform.config;

import java.time.Clock;

import org.flywaydb.core.Flyway;
import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.platform.outbox.Outbox;
import org.interestsoffice.platform.outbox.OutboxRelay;
import org.interestsoffice.platform.security.PlatformSecurityConfiguration;
import org.interestsoffice.platform.tracing.Traces;
import org.interestsoffice.platform.web.ApiDescription;
import org.interestsoffice.platform.web.CorrelationIdFilter;
import org.interestsoffice.platform.web.RequestBodyLimitFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.interestsoffice.platform.web.ProblemDetailsAdvice;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * What every business service gets by depending on the platform module. Ordered before Spring
 * MVC's auto-configuration so that the platform's problem-details advice is the one in place (Boot
 * adds its own only when no such advice exists).
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
@Import({ProblemDetailsAdvice.class, PlatformSecurityConfiguration.class, ApiDescription.class})
public class PlatformAutoConfiguration {

  /** Time is injected everywhere, so tests can stand days later without waiting. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * A queue that exists already keeps the arguments it was declared with, and the broker refuses a
   * declaration with others (PRECONDITION_FAILED). RabbitAdmin would then stop declaring and the
   * service would not consume at all: after an upgrade that gave the {@code .dlq} queues their
   * delivery limit and dead-letter target, for example. It goes on instead, with a warning per
   * queue; the old queue works as before until an operator replaces it (docs/events.md).
   */
  @Bean
  static BeanPostProcessor declarationsGoOnPastAQueueDeclaredEarlierWithOtherArguments() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RabbitAdmin admin) {
          admin.setIgnoreDeclarationExceptions(true);
        }
        return bean;
      }
    };
  }

  @Bean
  MessagingNames messagingNames(MessagingProperties properties) {
    return new MessagingNames(properties);
  }

  /** Tracing is Boot's (Micrometer Tracing over OpenTelemetry); without a tracer, nothing is traced. */
  @Bean
  Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      CachingConnectionFactory connectionFactory,
      AmqpAdmin amqpAdmin,
      MessagingProperties properties,
      Traces traces) {
    return new OutboxRelay(jdbc, transactions, connectionFactory, amqpAdmin, properties, traces);
  }

  @Bean
  @ConditionalOnProperty("platform.messaging.exchange")
  Outbox outbox(
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      MessagingProperties properties,
      MessagingNames names,
      OutboxRelay relay,
      Traces traces) {
    return new Outbox(jdbc, json, clock, properties, names, relay, traces);
  }

  /** The exchange this service publishes to, declared by its producer too. */
  @Bean
  @ConditionalOnProperty("platform.messaging.exchange")
  TopicExchange eventsExchange(MessagingProperties properties, MessagingNames names) {
    return new TopicExchange(names.of(properties.exchange()), true, properties.expiry().isPresent());
  }

  /** Kept where the service can re-drive them: only a service that publishes has an outbox. */
  @Bean
  @ConditionalOnProperty("platform.messaging.exchange")
  DeadLetters deadLetters(JdbcClient jdbc, JsonMapper json, Clock clock, Outbox outbox) {
    return new DeadLetters(jdbc, json, clock, outbox);
  }

  @Bean
  EventSubscriptions eventSubscriptions(
      CachingConnectionFactory connectionFactory,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      JsonMapper json,
      MessagingProperties properties,
      MessagingNames names,
      ObjectProvider<DeadLetters> deadLetters,
      Traces traces) {
    return new EventSubscriptions(
        connectionFactory, jdbc, transactions, json, properties, names, deadLetters.getIfAvailable(), traces);
  }

  /** Right after the correlation id, so that a refusal carries it, and before anything reads a body. */
  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
      @Value("${platform.web.max-request-size:1MB}") DataSize maxRequestSize, JsonMapper json) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxRequestSize.toBytes(), json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
    FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * Migrates the platform's own tables (schema {@code platform}, own history) before the service's,
   * so that the two sets of migrations never compete for version numbers.
   */
  @Bean
  @ConditionalOnMissingBean
  FlywayMigrationStrategy platformThenServiceMigrations() {
    return service -> {
      Flyway.configure(service.getConfiguration().getClassLoader())
          .dataSource(service.getConfiguration().getDataSource())
          .schemas("platform")
          .locations("classpath:db/platform")
          .load()
          .migrate();
      service.migrate();
    };
  }
}
