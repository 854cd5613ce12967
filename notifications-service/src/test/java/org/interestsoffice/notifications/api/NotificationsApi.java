package org.interestsoffice.notifications.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.testing.TestTokens;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls notifications' HTTP API over a real connection to the random port, as a frontend or a
 * person's browser would, and hands back what came over the wire.
 */
public final class NotificationsApi {

  private final Environment environment;
  private final String accessToken;

  /** Calls as a ministry administrator, who sees every office. */
  public NotificationsApi(Environment environment) {
    this(environment, TestTokens.get().ministryAdmin());
  }

  private NotificationsApi(Environment environment, String accessToken) {
    this.environment = environment;
    this.accessToken = accessToken;
  }

  /** The same API, called with another user's access token. */
  public NotificationsApi as(String token) {
    return new NotificationsApi(environment, token);
  }

  public Response get(String path) {
    return http(true).get().uri(path).exchange((request, response) -> read(response));
  }

  /** A change through the API, with an empty body. */
  public Response post(String path) {
    return http(true).post().uri(path).exchange((request, response) -> read(response));
  }

  /** Another system calling a public endpoint: no access token, its own headers (a shared key, say). */
  public Response postJson(String path, String json, String headerName, String headerValue) {
    var request = http(false).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json);
    if (headerName != null) {
      request = request.header(headerName, headerValue);
    }
    return request.exchange((sent, response) -> read(response));
  }

  /** The alert's log ({@code deliveryLog} of {@code GET /api/alerts/{id}}): attempts and replies, in order. */
  public List<JsonNode> deliveryLogOf(UUID alertId) {
    List<JsonNode> lines = new ArrayList<>();
    get("/api/alerts/" + alertId).json().path("deliveryLog").forEach(lines::add);
    return lines;
  }

  /** When the alert was acknowledged, as the API shows it; empty if it was not. */
  public String acknowledgedAt(UUID alertId) {
    return get("/api/alerts/" + alertId).json().path("alert").path("acknowledgedAt").asString("");
  }

  /** A person's browser opening a link: no access token. */
  public Response browse(String path) {
    return http(false).get().uri(path).accept(MediaType.TEXT_HTML).exchange((request, response) -> read(response));
  }

  /** A person's browser submitting the form at the path: no access token. */
  public Response submit(String path) {
    return http(false)
        .post()
        .uri(path)
        .accept(MediaType.TEXT_HTML)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .exchange((request, response) -> read(response));
  }

  private RestClient http(boolean withToken) {
    RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + environment.getRequiredProperty("local.server.port"));
    if (withToken) {
      builder.defaultHeader("Authorization", "Bearer " + accessToken);
    }
    return builder.build();
  }

  private static Response read(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) throws IOException {
    byte[] body = response.getBody().readAllBytes();
    return new Response(response.getStatusCode().value(), response.getHeaders(), new String(body, StandardCharsets.UTF_8));
  }

  /** What came back, as received. */
  public record Response(int status, HttpHeaders headers, String body) {

    private static final JsonMapper READER = JsonMapper.builder().build();

    public JsonNode json() {
      return READER.readTree(body);
    }

    public MediaType contentType() {
      return headers.getContentType();
    }
  }
}
