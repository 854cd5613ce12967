package org.interestsoffice.missions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.testing.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The missions service's HTTP API as a web frontend calls it: real HTTP, raw JSON. */
final class MissionsApi {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final JsonMapper json;
  private final String accessToken;

  /** Calls as a ministry administrator, who may do everything in every office. */
  MissionsApi(int port, JsonMapper json) {
    this(URI.create("http://localhost:" + port), json, TestTokens.get().ministryAdmin());
  }

  private MissionsApi(URI base, JsonMapper json, String accessToken) {
    this.base = base;
    this.json = json;
    this.accessToken = accessToken;
  }

  /** The same API, called with another user's access token. */
  MissionsApi as(String token) {
    return new MissionsApi(base, json, token);
  }

  Answer register(MissionDraft mission) {
    return post("/api/missions", mission.body(), Optional.empty());
  }

  Answer register(MissionDraft mission, String correlationId) {
    return post("/api/missions", mission.body(), Optional.of(correlationId));
  }

  /** Registers a mission that must be accepted, and returns its id. */
  UUID registered(MissionDraft mission) {
    Answer answer = register(mission);
    if (answer.status() != 201) {
      throw new AssertionError("Mission not registered: " + answer);
    }
    return UUID.fromString(answer.json().get("id").asString());
  }

  Answer declareRupture(UUID missionId, RuptureDraft rupture) {
    return post(rupturePath(missionId), rupture.body(), Optional.empty());
  }

  Answer declareRupture(UUID missionId, RuptureDraft rupture, String correlationId) {
    return post(rupturePath(missionId), rupture.body(), Optional.of(correlationId));
  }

  CompletableFuture<Answer> declareRuptureAsync(UUID missionId, RuptureDraft rupture) {
    return http.sendAsync(postRequest(rupturePath(missionId), rupture.body(), Optional.empty()), HttpResponse.BodyHandlers.ofString())
        .thenApply(this::answer);
  }

  /** Records a note in the mission's register; transitions and deadline changes cite it. */
  Answer recordNote(UUID missionId, String reference, String direction, Instant at) {
    return post(
        missionPath(missionId, "notes"),
        Map.of("reference", reference, "direction", direction, "at", at.toString(), "summary", "Note " + reference),
        Optional.empty());
  }

  /** Records an incoming note that must be accepted. */
  String noted(UUID missionId, String reference, Instant receivedAt) {
    Answer answer = recordNote(missionId, reference, "INCOMING", receivedAt);
    if (answer.status() != 201) {
      throw new AssertionError("Note not recorded: " + answer);
    }
    return reference;
  }

  Answer openNegotiation(UUID missionId, Map<String, ?> body) {
    return post(missionPath(missionId, "negotiation"), body, Optional.empty());
  }

  Answer agree(UUID missionId, Map<String, ?> body) {
    return post(missionPath(missionId, "agreement"), body, Optional.empty());
  }

  Answer declareCessation(UUID missionId, Map<String, ?> body) {
    return post(missionPath(missionId, "cessation"), body, Optional.empty());
  }

  Answer close(UUID missionId, Map<String, ?> body) {
    return post(missionPath(missionId, "closure"), body, Optional.empty());
  }

  Answer designateProtectingPower(UUID missionId, Map<String, ?> body) {
    return post(missionPath(missionId, "protecting-power"), body, Optional.empty());
  }

  Answer changeDeadline(UUID missionId, UUID deadlineId, String change, Map<String, ?> body) {
    return post(missionPath(missionId, "deadlines/" + deadlineId + "/" + change), body, Optional.empty());
  }

  Answer deadlines(UUID missionId) {
    return get(missionPath(missionId, "deadlines"));
  }

  Answer timeline(UUID missionId) {
    return get(missionPath(missionId, "timeline"));
  }

  Answer post(String path, Object body) {
    return post(path, body, Optional.empty());
  }

  private static String missionPath(UUID missionId, String rest) {
    return "/api/missions/" + missionId + "/" + rest;
  }

  Answer mission(UUID id) {
    return get("/api/missions/" + id);
  }

  Answer missions() {
    return get("/api/missions");
  }

  Answer get(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + accessToken)
            .GET()
            .build());
  }

  private static String rupturePath(UUID missionId) {
    return "/api/missions/" + missionId + "/rupture";
  }

  private Answer post(String path, Object body, Optional<String> correlationId) {
    return send(postRequest(path, body, correlationId));
  }

  private HttpRequest postRequest(String path, Object body, Optional<String> correlationId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    correlationId.ifPresent(id -> request.header(Correlation.HEADER, id));
    return request.build();
  }

  private Answer send(HttpRequest request) {
    try {
      return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer answer(HttpResponse<String> response) {
    JsonNode body = null;
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (contentType.contains("json") && !response.body().isEmpty()) {
      body = json.readTree(response.body());
    }
    return new Answer(response.statusCode(), response.headers(), response.body(), body);
  }

  /** What the service answered; {@code json} is null when the body is not JSON. */
  record Answer(int status, HttpHeaders headers, String body, JsonNode json) {

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + contentType() + " " + body;
    }
  }
}
