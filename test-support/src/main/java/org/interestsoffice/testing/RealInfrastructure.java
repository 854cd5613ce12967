package org.interestsoffice.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
* Runs a Spring test against the real PostgreSQL and RabbitMQ of {@link TestInfrastructure}: the test's
* application context gets {@link TestInfrastructure#springProperties(String)} for {@link #database()}, ahead of
* every other property source.
*/
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

  /** The database's short name: lowercase letters, digits and underscores, e.g. {@code "missions"}. */
  String database();
}
