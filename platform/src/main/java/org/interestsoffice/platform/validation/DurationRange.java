package org.interestsoffice.platform.validation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A duration between {@link #min()} and {@link #max()}, both ISO 8601. Null is valid. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DurationRange.Validator.class)
public @interface DurationRange {

  String min() default "PT1M";

  String max();

  String message() default "must be an ISO 8601 duration between {min} and {max}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<DurationRange, Duration> {
    private Duration min;
    private Duration max;

    @Override
    public void initialize(DurationRange range) {
      min = Duration.parse(range.min());
      max = Duration.parse(range.max());
    }

    @Override
    public boolean isValid(Duration value, ConstraintValidatorContext context) {
      return value == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0);
    }
  }
}
