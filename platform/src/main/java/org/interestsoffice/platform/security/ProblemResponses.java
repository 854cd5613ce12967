package org.interestsoffice.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.interestsoffice.platform.events.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers refusals by the security filters (no or bad token, forbidden path) as RFC 9457 problem
 * details, like every other error, and logs them without the token.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final Logger log = LoggerFactory.getLogger("audit");

  private final JsonMapper json;

  ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    log.atWarn()
        .addKeyValue("audit", "unauthenticated")
        .addKeyValue("method", request.getMethod())
        .addKeyValue("path", request.getRequestURI())
        .log("Refused a request without a valid access token: {}", failure.getMessage());
    response.setHeader("WWW-Authenticate", "Bearer");
    write(request, response, 401, "Unauthorized", "A valid access token is required");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Caller caller = Callers.current();
    Audit.refused(caller, request.getMethod() + " " + request.getRequestURI(), "-", request.getRequestURI(), "access denied");
    write(request, response, 403, "Forbidden", "You may not do this");
  }

  private void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    Correlation.correlationId().ifPresent(id -> problem.put("correlationId", id));
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
