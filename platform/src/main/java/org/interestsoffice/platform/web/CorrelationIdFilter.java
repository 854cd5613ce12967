package org.interestsoffice.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.interestsoffice.platform.events.Correlation;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the correlation id the gateway (or a client) sent, or makes one, and keeps it for the whole
 * request: in every log line, in the events the request causes, and in the response.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String correlationId = Correlation.acceptOrCreate(request.getHeader(Correlation.HEADER));
    response.setHeader(Correlation.HEADER, correlationId);
    try {
      Correlation.runWith(correlationId, correlationId, () -> proceed(chain, request, response));
    } catch (FilterFailure failure) {
      failure.rethrow();
    }
  }

  private static void proceed(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException e) {
      throw new FilterFailure(e);
    }
  }

  /** Carries a checked exception through {@link Correlation#runWith}. */
  private static final class FilterFailure extends RuntimeException {
    private final Exception cause;

    FilterFailure(Exception cause) {
      super(cause);
      this.cause = cause;
    }

    void rethrow() throws IOException, ServletException {
      if (cause instanceof IOException io) {
        throw io;
      }
      throw (ServletException) cause;
    }
  }
}
