package org.interestsoffice.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The platform's public API through the gateway, as one of the realm's demo users. Waits and
 * retries when the gateway's rate limit answers 429, and fetches a new token when one expired.
 */
final class Api {

  private static final int RATE_LIMIT_RETRIES = 30;
  /** The largest page the paged lists serve. */
  private static final int MAX_PAGE = 500;

  /** A response with its body read as JSON (a missing node when there is none). */
  record Response(String method, String path, int status, JsonNode body, String raw) {

    boolean is(int expected) {
      return status == expected;
    }

    String title() {
      return body.path("title").asString("");
    }

    /** The body, or a failure naming the call and the problem the API returned. */
    JsonNode expect(int... expected) {
      if (Arrays.stream(expected).noneMatch(code -> code == status)) {
        throw new DemoFailure(method + " " + path + " answered " + status + ": " + describe());
      }
      return body;
    }

    String describe() {
      if (body.has("title")) {
        String detail = body.path("detail").asString("");
        return body.path("title").asString() + (detail.isEmpty() ? "" : " - " + detail)
            + (body.has("errors") ? " " + body.path("errors") : "");
      }
      return raw.length() > 300 ? raw.substring(0, 300) + "..." : raw;
    }
  }

  private final Endpoints endpoints;
  private final HttpClient http;
  private final JsonMapper json;
  private final Tokens tokens;

  Api(Endpoints endpoints, HttpClient http, JsonMapper json, Tokens tokens) {
    this.endpoints = endpoints;
    this.http = http;
    this.json = json;
    this.tokens = tokens;
  }

  Response get(String user, String path) {
    return send(user, "GET", path, null);
  }

  /**
   * Every row of a paged list ({@code {items, nextCursor}}), reading the largest pages the API
   * allows and following the cursor to the last one.
   */
  List<JsonNode> all(String user, String path) {
    String first = path + (path.contains("?") ? "&" : "?") + "limit=" + MAX_PAGE;
    List<JsonNode> rows = new ArrayList<>();
    JsonNode page = get(user, first).expect(200);
    page.path("items").forEach(rows::add);
    while (!page.path("nextCursor").isNull() && !page.path("nextCursor").isMissingNode()) {
      page = get(user, first + "&cursor=" + page.path("nextCursor").asString()).expect(200);
      page.path("items").forEach(rows::add);
    }
    return rows;
  }

  Response post(String user, String path, Object body) {
    return send(user, "POST", path, body);
  }

  /**
   * Repeats a call while its answer says the services have not caught up yet (an event still on
   * its way), up to a limit: the platform is eventually consistent between services.
   */
  static Response untilCaughtUp(Supplier<Response> call, Predicate<Response> notYet, Duration limit) {
    Instant giveUp = Instant.now().plus(limit);
    Response response = call.get();
    while (notYet.test(response) && Instant.now().isBefore(giveUp)) {
      pause(Duration.ofMillis(250));
      response = call.get();
    }
    return response;
  }

  private Response send(String user, String method, String path, Object body) {
    boolean renewedToken = false;
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = exchange(user, method, path, body);
      if (response.statusCode() == 429 && attempt < RATE_LIMIT_RETRIES) {
        long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
        pause(Duration.ofMillis(Math.max(200, Math.min(seconds, 5) * 1000 / 2)));
        continue;
      }
      if (response.statusCode() == 401 && !renewedToken) {
        tokens.forget(user);
        renewedToken = true;
        continue;
      }
      String raw = response.body();
      JsonNode parsed = raw.isBlank() ? MissingNode.getInstance() : parse(raw);
      return new Response(method, path, response.statusCode(), parsed, raw);
    }
  }

  private JsonNode parse(String raw) {
    try {
      return json.readTree(raw);
    } catch (RuntimeException notJson) {
      return MissingNode.getInstance();
    }
  }

  private HttpResponse<String> exchange(String user, String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoints.gateway() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + tokens.of(user))
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DemoFailure(
          "The gateway does not answer at " + endpoints.gateway() + " (" + e + "): is the local system running? (bin/run-local)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("Interrupted during " + method + " " + path, e);
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("Interrupted", e);
    }
  }
}
