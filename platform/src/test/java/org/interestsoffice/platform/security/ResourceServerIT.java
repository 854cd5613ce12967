package org.interestsoffice.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.platform.testapp.ParcelTokens;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform service as a resource server: it checks the token's signature against the issuer's
 * keys (fetched over HTTP), the issuer, its own audience and the validity period, denies by
 * default, and answers refusals as problem details.
 */
@SpringBootTest(classes = ParcelService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "platform_security")
class ResourceServerIT {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Test
  void aValidTokenMakesTheCallerKnownWithRolesAndOffices() throws Exception {
    HttpResponse<String> response =
        get("/whoami", ParcelTokens.bearer("ccs-head", List.of("office-head", "offline_access"), List.of("CCS")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode caller = json.readTree(response.body());
    assertThat(caller.path("username").asString()).isEqualTo("ccs-head");
    assertThat(caller.path("roles").toString()).isEqualTo("[\"OFFICE_HEAD\"]");
    assertThat(caller.path("offices").toString()).isEqualTo("[\"CCS\"]");
  }

  @Test
  void noTokenIsA401Problem() throws Exception {
    HttpResponse<String> response = get("/whoami", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(response.body()).path("correlationId").asString()).isNotBlank();
  }

  @Test
  void tokensThatMustNotBeAcceptedAreA401() throws Exception {
    TestTokens tokens = TestTokens.get();
    Instant now = Instant.now();
    List<String> roles = List.of("ministry-admin");
    List<String> audience = List.of(ParcelTokens.AUDIENCE);
    assertThat(status(tokens.token("admin", roles, List.of(), audience, now.minus(Duration.ofHours(2)), Duration.ofHours(1))))
        .as("expired").isEqualTo(401);
    assertThat(status(tokens.token("admin", roles, List.of(), audience, now.plus(Duration.ofHours(1)), Duration.ofHours(1))))
        .as("not yet valid").isEqualTo(401);
    assertThat(status(tokens.token("admin", roles, List.of(), List.of("personnel-service"), now, Duration.ofHours(1))))
        .as("meant for another service").isEqualTo(401);
    String valid = tokens.token("admin", roles, List.of(), audience, now, Duration.ofHours(1));
    assertThat(status(unsigned(valid))).as("alg none").isEqualTo(401);
    assertThat(status(tampered(valid))).as("payload changed after signing").isEqualTo(401);
    assertThat(status("not-a-jwt")).as("garbage").isEqualTo(401);
  }

  @Test
  void healthIsOpenButEverythingElseNeedsAToken() throws Exception {
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/env", ParcelTokens.ministryAdmin()).statusCode()).isEqualTo(404);
    assertThat(get("/anything-else", null).statusCode()).isEqualTo(401);
  }

  private int status(String token) throws Exception {
    return get("/whoami", "Bearer " + token).statusCode();
  }

  /** The same claims with {@code alg: none} and no signature. */
  private static String unsigned(String token) {
    String[] parts = token.split("\\.");
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    return header + "." + parts[1] + ".";
  }

  /** The signature of the original with roles the signer never granted. */
  private static String tampered(String token) {
    String[] parts = token.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("ministry-admin", "ministry-admin\",\"office-head");
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
