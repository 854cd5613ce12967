package org.interestsoffice.notifications;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.interestsoffice.notifications.fixtures.NotificationsFixtures;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.TestServers;
import org.interestsoffice.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole notifications service on a random port, against the real PostgreSQL, RabbitMQ, SMTP
 * server (GreenMail) and an HTTP SMS provider, on a clock the test moves.
 *
 * <p>Every integration test of the module that needs no other settings uses exactly this
 * configuration, so they share one application context and one consumer on the service's queue.
 * Short poll intervals and back-offs keep the tests quick; office heads come from configuration
 * (the Keycloak directory is proven in the system tests, with the real Keycloak).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "platform.messaging.consumer.max-retries=1",
      "platform.messaging.consumer.initial-interval=100ms",
      "notifications.alerts.poll-interval=100ms",
      "notifications.alerts.initial-backoff=200ms",
      "notifications.alerts.max-backoff=1s",
      "notifications.alerts.max-attempts=60",
      // Long: an alert waiting for contact details must be woken by their arrival, not by polling.
      "notifications.alerts.contact-wait=5m",
      "notifications.reminders.poll-interval=100ms",
      "notifications.escalation.poll-interval=100ms",
      "notifications.escalation.after=6h",
      "notifications.escalation.directory=configured",
      "notifications.escalation.office-heads.CCS=ccs.head@state.example:en",
      "notifications.escalation.office-heads.WAS=was.head@mppre.example:es,was.deputy@mppre.example",
      // The .local sender of the defaults, which only development allows.
      "notifications.development-mode=true",
      "notifications.sms.provider=http",
      "notifications.sms.http.api-key=" + SmsProviderServer.API_KEY,
      "notifications.sms.delivery-report-key=test-delivery-report-key",
      "notifications.sms.rate-per-second=0",
      // Short, so a provider that takes a message and answers late is a timeout within a test.
      "notifications.sms.http.read-timeout=3s",
      "notifications.public-base-url=https://alerts.interests-office.example",
      // GreenMail logs the addresses it creates mailboxes for; only the service's own lines are under test.
      "logging.level.com.icegreen=warn"
    })
@RealInfrastructure(database = "notifications")
@ContextConfiguration(initializers = TestServers.class)
@Import(NotificationsFixtures.class)
public @interface NotificationsServiceUnderTest {}
