package org.interestsoffice.platform.events;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation and causation ids of the work this thread is doing. They live in the logging MDC
 * so that every log line carries them, and events written meanwhile inherit them.
 */
public final class Correlation {

  public static final String HEADER = "X-Correlation-Id";
  public static final String CORRELATION_ID = "correlationId";
  public static final String CAUSATION_ID = "causationId";

  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Correlation() {}

  public static Optional<String> correlationId() {
    return Optional.ofNullable(MDC.get(CORRELATION_ID));
  }

  public static Optional<String> causationId() {
    return Optional.ofNullable(MDC.get(CAUSATION_ID));
  }

  /** A client's id is kept only when it is short and harmless in logs and headers. */
  public static String acceptOrCreate(String candidate) {
    return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : newId();
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Runs work with the given ids, restoring whatever was there before. */
  public static void runWith(String correlationId, String causationId, Runnable work) {
    String previousCorrelation = MDC.get(CORRELATION_ID);
    String previousCausation = MDC.get(CAUSATION_ID);
    MDC.put(CORRELATION_ID, correlationId);
    MDC.put(CAUSATION_ID, causationId);
    try {
      work.run();
    } finally {
      restore(CORRELATION_ID, previousCorrelation);
      restore(CAUSATION_ID, previousCausation);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
