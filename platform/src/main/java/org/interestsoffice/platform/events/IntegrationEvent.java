package org.interestsoffice.platform.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the payload of an integration event. The type is the name on the wire (and the
 * routing key); a consumer's own copy of the record carries the same type and version.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IntegrationEvent {

  String type();

  int version() default 1;
}
