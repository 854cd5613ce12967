package org.interestsoffice.personnel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.interestsoffice.personnel.fixtures.PersonnelFixtures;
import org.interestsoffice.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole personnel service on a random port, against the real PostgreSQL and RabbitMQ, with the
 * fixtures that stand in for the other services around it.
 *
 * <p>Every integration test of the module uses exactly this configuration, so they all share one
 * application context. That matters: the queue {@code personnel.mission-events} is the same for the
 * whole test run, and a second context would put a second, differently configured consumer on it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // Short retries, so that an event that cannot be handled reaches the dead-letter queue
      // within a second: tried, retried after 200 ms and again after 400 ms, then dead-lettered.
      "platform.messaging.consumer.max-retries=2",
      "platform.messaging.consumer.initial-interval=200ms",
      "platform.messaging.consumer.multiplier=2.0",
      "platform.messaging.consumer.max-interval=1s",
      // Room for the concurrency tests, whose requests each hold a connection while they wait for
      // the mission's lock, beside the consumer, the outbox relay and the test's own connections.
      "spring.datasource.hikari.maximum-pool-size=20"
    })
@RealInfrastructure(database = "personnel")
@Import(PersonnelFixtures.class)
public @interface PersonnelServiceUnderTest {}
