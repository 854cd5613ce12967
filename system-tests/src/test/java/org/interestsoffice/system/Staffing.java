package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.text.Normalizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Staff members as an office officer registers them through the gateway. Each person's email
 * address and phone number derive from their name, so a test finds their messages in the captures.
 */
final class Staffing {

  private Staffing() {}

  static Map<String, Object> staff(String fullName, String category, String nationality, String language, String principalId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fullName", fullName);
    body.put("category", category);
    body.put("nationality", nationality);
    body.put("email", emailOf(fullName));
    body.put("phone", phoneOf(fullName));
    body.put("preferredLanguage", language);
    if (principalId != null) {
      body.put("principalId", principalId);
    }
    return body;
  }

  /** An English-speaking US national of that category. */
  static Map<String, Object> staff(String fullName, String category, String principalId) {
    return staff(fullName, category, "US", "en", principalId);
  }

  static String phoneOf(String fullName) {
    return "+58412" + (1_000_000 + Math.abs(fullName.hashCode() % 8_999_999));
  }

  static String emailOf(String fullName) {
    return Normalizer.normalize(fullName.toLowerCase(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace(' ', '.') + "@state.example";
  }

  /** Registers the person once personnel has heard of the mission (from missions' event), and returns their id. */
  static String registerOnceMissionIsKnown(GatewayClient officer, String missionId, Map<String, Object> member) {
    String[] id = new String[1];
    await().atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              GatewayClient.Response response = officer.post("/api/staff", withMission(missionId, member), "e2e-registration");
              if (response.status() == 201) {
                id[0] = response.body().path("id").asString();
                return true;
              }
              assertThat(response.body().path("title").asString()).isEqualTo("Unknown mission");
              return false;
            });
    return id[0];
  }

  static String register(GatewayClient officer, String missionId, Map<String, Object> member) {
    return created(officer.post("/api/staff", withMission(missionId, member), "e2e-registration"));
  }

  /** A request registering an embassy of office CCS in Caracas (a mutable map: callers may add to it). */
  static Map<String, Object> caracasEmbassy(String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("officeCode", "CCS");
    body.put("kind", "EMBASSY");
    body.put("name", name);
    body.put("sendingState", "US");
    body.put("receivingState", "VE");
    body.put("city", "Caracas");
    body.put("timeZone", "America/Caracas");
    return body;
  }

  static String created(GatewayClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    return response.body().path("id").asString();
  }

  private static Map<String, Object> withMission(String missionId, Map<String, Object> member) {
    Map<String, Object> body = new LinkedHashMap<>(member);
    body.put("missionId", missionId);
    return body;
  }
}
