package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.testing.KeycloakServer;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity for real: tokens of the project's Keycloak realm, through the real gateway and the real
 * services. Offices see only themselves, roles do only what the design allows, and tokens that are
 * not the realm's own are refused everywhere — and nothing changes.
 */
class IdentityIT {

  private static RunningSystem system;
  private static String caracasMission;

  @BeforeAll
  static void aCaracasMission() {
    system = RunningSystem.get();
    GatewayClient.Response created =
        system.as("ccs.head").post("/api/missions", mission("CCS", "Consulate of the United States in Maracaibo"), "identity-setup");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    caracasMission = created.body().path("id").asString();
  }

  @Test
  void washingtonUsersDoNotSeeCaracas() {
    for (String user : List.of("was.head", "was.officer", "was.viewer")) {
      GatewayClient washington = system.as(user);
      assertThat(washington.get("/api/missions/" + caracasMission).status()).as(user).isEqualTo(404);
      GatewayClient.Response list = washington.get("/api/missions");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body().toString()).doesNotContain(caracasMission);
      assertThat(washington.get("/api/staff?missionId=" + caracasMission).status()).as(user).isEqualTo(404);
    }
    for (String user : List.of("ccs.head", "ccs.officer", "ccs.viewer", "ministry.admin")) {
      assertThat(system.as(user).get("/api/missions/" + caracasMission).status()).as(user).isEqualTo(200);
    }
  }

  @Test
  void idsOfAnotherOfficeInPathOrBodyAreRefused() {
    GatewayClient washingtonHead = system.as("was.head");
    assertThat(washingtonHead.post("/api/missions/" + caracasMission + "/rupture", rupture(), "attack-path").status())
        .as("rupture of another office's mission").isEqualTo(404);
    assertThat(washingtonHead.post("/api/missions", mission("CCS", "Planted mission"), "attack-body").status())
        .as("a mission created in another office").isEqualTo(403);
    GatewayClient.Response planted = system.as("was.officer").post("/api/staff", staffInto(caracasMission), "attack-body");
    assertThat(planted.status()).as("staff planted in another office's mission").isEqualTo(400);
    assertThat(planted.body().path("title").asString()).isEqualTo("Unknown mission");

    GatewayClient.Response mission = system.as("ccs.viewer").get("/api/missions/" + caracasMission);
    assertThat(mission.body().path("status").asString()).isEqualTo("OPERATING");
    assertThat(system.as("ccs.viewer").get("/api/staff?missionId=" + caracasMission).body().path("items").size()).isZero();
  }

  @Test
  void rolesDoOnlyWhatTheDesignAllows() {
    assertThat(system.as("ccs.viewer").post("/api/missions/" + caracasMission + "/rupture", rupture(), "viewer").status()).isEqualTo(403);
    assertThat(system.as("ccs.officer").post("/api/missions/" + caracasMission + "/rupture", rupture(), "officer").status()).isEqualTo(403);
    assertThat(system.as("ccs.viewer").post("/api/staff", staffInto(caracasMission), "viewer").status()).isEqualTo(403);
    assertThat(system.as("ccs.head").get("/api/dead-letters").status()).isEqualTo(403);
    assertThat(system.as("ccs.viewer").get("/api/missions/" + caracasMission).body().path("status").asString()).isEqualTo("OPERATING");
  }

  @Test
  void tokensThatAreNotTheRealmsOwnAreRefusedByTheGatewayAndByTheServices() {
    KeycloakServer keycloak = system.keycloak;
    String genuine = keycloak.accessToken("ministry.admin");
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("no token", "");
    attacks.put("alg none", unsigned(genuine));
    attacks.put("payload changed after signing", tampered(genuine));
    attacks.put("signed by another key", TestTokens.get().token(keycloak.issuer(), "ministry.admin", List.of("ministry-admin"), List.of(),
        TestTokens.ALL_SERVICES, Instant.now(), Duration.ofMinutes(5)));
    attacks.put("expired, signed by another key", TestTokens.get().token(keycloak.issuer(), "ministry.admin", List.of("ministry-admin"),
        List.of(), TestTokens.ALL_SERVICES, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5)));
    attacks.put("valid token of another realm", keycloak.masterRealmToken());
    attacks.put("garbage", "not.a.token");

    int missionsBefore = system.as("ministry.admin").get("/api/missions").body().size();
    attacks.forEach(
        (attack, token) -> {
          GatewayClient viaGateway = system.withToken(token);
          assertThat(viaGateway.get("/api/missions").status()).as("gateway, %s", attack).isEqualTo(401);
          assertThat(viaGateway.post("/api/missions", mission("CCS", "Forged " + attack), "attack").status())
              .as("gateway, %s", attack).isEqualTo(401);
          GatewayClient direct = new GatewayClient(system.missions.baseUrl(), token);
          assertThat(direct.get("/api/missions").status()).as("missions service, %s", attack).isEqualTo(401);
          assertThat(direct.post("/api/missions", mission("CCS", "Forged " + attack), "attack").status())
              .as("missions service, %s", attack).isEqualTo(401);
          assertThat(new GatewayClient(system.personnel.baseUrl(), token).get("/api/staff").status())
              .as("personnel service, %s", attack).isEqualTo(401);
        });
    assertThat(system.as("ministry.admin").get("/api/missions").body().size()).as("nothing was created").isEqualTo(missionsBefore);
  }

  private static Map<String, Object> mission(String office, String name) {
    return Map.of(
        "officeCode", office, "kind", "CONSULATE", "name", name, "sendingState", "US", "receivingState", "VE",
        "city", "Maracaibo", "timeZone", "America/Caracas");
  }

  private static Map<String, Object> rupture() {
    return Map.of(
        "noteReference", "NOTE-" + UUID.randomUUID(), "noteReceivedAt", Instant.now().minus(Duration.ofHours(1)).toString(),
        "departureWindow", "PT72H");
  }

  private static Map<String, Object> staffInto(String missionId) {
    return Map.of(
        "missionId", missionId, "fullName", "Planted Person", "category", "DIPLOMATIC_AGENT", "nationality", "VE",
        "email", "planted@example.org", "phone", "+584120000000", "preferredLanguage", "es");
  }

  private static String unsigned(String token) {
    String[] parts = token.split("\\.");
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    return header + "." + parts[1] + ".";
  }

  private static String tampered(String token) {
    String[] parts = token.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"ministry-admin\"", "\"ministry-admin\",\"office-head\"");
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
  }
}
