package org.interestsoffice.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API as a web frontend sees it: JSON over HTTP through the gateway. */
final class GatewayClient {

  record Response(int status, JsonNode body) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String baseUrl;
  private final String accessToken;

  GatewayClient(String baseUrl, String accessToken) {
    this.baseUrl = baseUrl;
    this.accessToken = accessToken;
  }

  Response post(String path, Object body, String correlationId) {
    return send(
        authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)))
            .header("Content-Type", "application/json")
            .header("X-Correlation-Id", correlationId)
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build());
  }

  Response get(String path) {
    return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path))).GET().build());
  }

  /** An empty token means no Authorization header at all. */
  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    request.timeout(Duration.ofSeconds(30));
    return accessToken.isEmpty() ? request : request.header("Authorization", "Bearer " + accessToken);
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Response(response.statusCode(), text.isBlank() ? json.nullNode() : json.readTree(text));
    } catch (IOException e) {
      throw new IllegalStateException("Gateway did not answer " + request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
