package org.interestsoffice.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.interestsoffice.platform.events.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies larger than {@code platform.web.max-request-size} (default 1MB) are refused with 413, in
 * the service itself and whatever is in front of it: at once when {@code Content-Length} says so,
 * and, for a body sent in chunks without a length, once more than the limit has been read (what
 * was read, within the limit, is handed on to the application unchanged).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  private static final Logger audit = LoggerFactory.getLogger("audit");

  private final long maxBytes;
  private final JsonMapper json;

  public RequestBodyLimitFilter(long maxBytes, JsonMapper json) {
    this.maxBytes = maxBytes;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(request, response);
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      // The server reads no more than the declared length: nothing to count.
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (body.length > maxBytes) {
      refuse(request, response);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    audit.atWarn()
        .addKeyValue("audit", "refused")
        .addKeyValue("method", request.getMethod())
        .addKeyValue("path", request.getRequestURI())
        .log("Refused a request body over {} bytes", maxBytes);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Content Too Large");
    problem.put("status", 413);
    problem.put("detail", "The request body is larger than " + maxBytes + " bytes");
    problem.put("instance", request.getRequestURI());
    Correlation.correlationId().ifPresent(id -> problem.put("correlationId", id));
    // The rest of an oversized body is not read: the connection is not kept for another request.
    response.setHeader("Connection", "close");
    response.setStatus(413);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** The request with its body already read (within the limit), announced with its length. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
