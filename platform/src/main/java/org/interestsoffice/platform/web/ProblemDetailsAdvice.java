package org.interestsoffice.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;

import org.interestsoffice.platform.events.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error leaves a service as an RFC 9457 problem detail carrying the correlation id, so that a
 * caller can quote it and an operator can find the request in the logs. Bad input is answered with
 * what was wrong and where; an unexpected failure is logged and answered without internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<Object> refused(ProblemException refusal, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refusal.status()), refusal.getMessage());
    problem.setTitle(refusal.title());
    refusal.properties().forEach(problem::setProperty);
    return handleExceptionInternal(refusal, problem, new HttpHeaders(), HttpStatus.valueOf(refusal.status()), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> invalidParameters(ConstraintViolationException invalid, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request parameters");
    problem.setTitle("Invalid request");
    problem.setProperty(
        "errors",
        invalid.getConstraintViolations().stream()
            .map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
            .toList());
    return handleExceptionInternal(invalid, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  @ExceptionHandler({DuplicateKeyException.class, OptimisticLockingFailureException.class})
  ResponseEntity<Object> concurrentChange(RuntimeException conflict, WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "The change conflicts with another change made at the same time; reload and retry");
    problem.setTitle("Conflicting change");
    return handleExceptionInternal(conflict, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException denied, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You may not do this");
    problem.setTitle("Forbidden");
    return handleExceptionInternal(denied, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception failure, WebRequest request) {
    log.error("Unexpected failure while handling {}", request.getDescription(false), failure);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The request could not be completed. Quote the correlation id when reporting this.");
    problem.setTitle("Internal error");
    return handleExceptionInternal(failure, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException invalid, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = invalid.getBindingResult().getFieldErrors();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status, errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
    problem.setTitle("Invalid request");
    problem.setProperty(
        "errors",
        errors.stream()
            .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
            .toList());
    return handleExceptionInternal(invalid, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException unreadable, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, describe(unreadable));
    problem.setTitle("Malformed request body");
    return handleExceptionInternal(unreadable, problem, headers, status, request);
  }

  /** Names the offending field and what was expected, without Jackson's internals. */
  private static String describe(HttpMessageNotReadableException unreadable) {
    Throwable cause = unreadable.getCause();
    if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      String field =
          databind.getPath().stream()
              .map(step -> step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]")
              .collect(Collectors.joining("."));
      return "Field '" + field + "' could not be read: " + expected(databind);
    }
    if (cause instanceof JacksonException jackson) {
      return "The body is not valid JSON: " + firstLine(jackson.getOriginalMessage());
    }
    return "The request body is missing or unreadable";
  }

  /** What the field should have held, in the API's terms rather than Jackson's. */
  private static String expected(DatabindException databind) {
    if (databind instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      if (target == Instant.class) {
        return "expected an ISO 8601 instant in UTC such as 2019-01-23T20:00:00Z";
      }
      if (target == Duration.class) {
        return "expected an ISO 8601 duration such as PT72H or P30D";
      }
      if (target == UUID.class) {
        return "expected a UUID";
      }
      if (target.isEnum()) {
        return "expected one of " + Arrays.toString(target.getEnumConstants());
      }
    }
    return firstLine(databind.getOriginalMessage());
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      Correlation.correlationId().ifPresent(id -> problem.setProperty("correlationId", id));
    }
    return super.handleExceptionInternal(failure, body, headers, status, request);
  }
}
