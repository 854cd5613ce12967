package org.interestsoffice.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the caller can act on, answered as an RFC 9457 problem detail. Plain Java, so that
 * application services can throw it without depending on the web layer.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public ProblemException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(404, what + " not found", "No " + what.toLowerCase() + " with id " + id);
  }

  public static ProblemException conflict(String title, String detail) {
    return new ProblemException(409, title, detail);
  }

  public static ProblemException invalid(String title, String detail) {
    return new ProblemException(400, title, detail);
  }

  /** Adds a machine-readable member to the problem detail. */
  public ProblemException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return java.util.Collections.unmodifiableMap(properties);
  }
}
