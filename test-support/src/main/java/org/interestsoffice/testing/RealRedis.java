package org.interestsoffice.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
* Runs a Spring test against the real Redis of {@link TestRedis}: the test's application context gets
* {@link TestRedis#springProperties(String)} for {@link #namespace()}, ahead of every other property source.
*/
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealRedis {

  /** The namespace's short name, e.g. {@code "console"}: keys go under {@code iop:<runId>:<namespace>}. */
  String namespace();
}
