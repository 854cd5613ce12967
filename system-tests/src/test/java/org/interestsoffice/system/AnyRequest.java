package org.interestsoffice.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Any method, any path, any token, with or without a JSON body: what the access matrix needs and
 * {@link GatewayClient}, which speaks the public API as a frontend would, does not offer.
 */
final class AnyRequest {

  record Answer(int status, String body) {}

  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AnyRequest() {}

  /**
   * @param token an access token, or empty for no Authorization header at all
   * @param jsonBody the body to send as application/json, or empty for none
   */
  static Answer send(String method, String url, Optional<String> token, Optional<String> jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(method, jsonBody.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
    jsonBody.ifPresent(body -> request.header("Content-Type", "application/json"));
    token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException("No answer to " + method + " " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
