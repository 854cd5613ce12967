package org.interestsoffice.demo;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of the realm's demo users, as a script gets them: the password grant of the public
 * client {@code api-client} (development only). Kept until shortly before they expire.
 */
final class Tokens {

  /** The demo users' password in the realm, for development only. */
  static final String DEMO_PASSWORD = "dev-only-password";

  private record Token(String value, Instant renewAfter) {}

  private final Endpoints endpoints;
  private final HttpClient http;
  private final JsonMapper json;
  private final Map<String, Token> byUser = new ConcurrentHashMap<>();

  Tokens(Endpoints endpoints, HttpClient http, JsonMapper json) {
    this.endpoints = endpoints;
    this.http = http;
    this.json = json;
  }

  String of(String user) {
    Token token = byUser.get(user);
    if (token == null || Instant.now().isAfter(token.renewAfter())) {
      token = fetch(user);
      byUser.put(user, token);
    }
    return token.value();
  }

  void forget(String user) {
    byUser.remove(user);
  }

  private Token fetch(String user) {
    String form =
        "grant_type=password&client_id=api-client&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(endpoints.tokenEndpoint())
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DemoFailure(
          "Keycloak does not answer at " + endpoints.keycloak() + " (" + e + "): is the local system running? (bin/run-local)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("Interrupted while asking Keycloak for a token", e);
    }
    if (response.statusCode() != 200) {
      throw new DemoFailure("Keycloak refused a token for " + user + ": " + response.statusCode() + " " + response.body());
    }
    JsonNode body = json.readTree(response.body());
    long lifetime = body.path("expires_in").asLong(60);
    return new Token(body.path("access_token").asString(), Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
  }
}
