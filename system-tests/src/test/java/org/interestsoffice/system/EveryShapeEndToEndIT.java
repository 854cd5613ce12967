package org.interestsoffice.system;

import static org.interestsoffice.system.Captures.textOf;
import static org.interestsoffice.system.Staffing.emailOf;
import static org.interestsoffice.system.Staffing.phoneOf;
import static org.interestsoffice.system.Staffing.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Shapes of a rupture other than the 2019 script, end to end through the gateway with the four
 * services running as processes: a persona non grata and their family are ordered out and alerted,
 * nobody else; a person registered after the rupture falls under its order at once.
 */
class EveryShapeEndToEndIT {


  private static RunningSystem system;
  private static GatewayClient head;
  private static GatewayClient officer;

  @BeforeAll
  static void startTheSystem() {
    system = RunningSystem.get();
    head = system.as("ccs.head");
    officer = system.as("ccs.officer");
  }

  @Test
  void aPersonaNonGrataAndTheirFamilyGetAPersonalDeadlineAndAlertsTheRestOfTheMissionNone() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String missionId = aMission("Embassy of the United States in Caracas");
    String attache = registerOnceMissionIsKnown(missionId, staff("Walter Attache " + run, "DIPLOMATIC_AGENT", null));
    String spouse = register(missionId, staff("Helen Attache " + run, "FAMILY_MEMBER", attache));
    String colleague = register(missionId, staff("Nora Colleague " + run, "DIPLOMATIC_AGENT", null));

    Instant noteAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    // Missions hears of the attaché from personnel's events: until then it does not know them.
    GatewayClient.Response declared =
        await().atMost(Duration.ofSeconds(30))
            .until(
                () -> head.post(
                    "/api/missions/" + missionId + "/persona-non-grata",
                    Map.of("staffId", attache, "noteReference", "MPPRE-PNG-" + run, "noteReceivedAt", noteAt.toString(), "window", "PT48H"),
                    "e2e-png-" + run),
                response -> response.status() != 404);
    assertThat(declared.status()).as(declared.body().toString()).isEqualTo(200);
    assertThat(declared.body().path("deadline").path("kind").asString()).isEqualTo("PERSONAL");
    Instant dueAt = noteAt.plus(Duration.ofHours(48));

    // The attaché and their spouse are ordered out on the personal deadline; the colleague is not.
    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          assertThat(staffMember(attache).path("status").asString()).isEqualTo("DEPARTURE_ORDERED");
          assertThat(staffMember(spouse).path("status").asString()).isEqualTo("DEPARTURE_ORDERED");
        });
    for (String ordered : List.of(attache, spouse)) {
      assertThat(staffMember(ordered).path("departureDeadlineKind").asString()).isEqualTo("PERSONAL");
      assertThat(Instant.parse(staffMember(ordered).path("departureDueAt").asString())).isEqualTo(dueAt);
    }
    assertThat(staffMember(colleague).path("status").asString()).isEqualTo("ACCREDITED");

    List<String> addresses = List.of(emailOf("Walter Attache " + run), emailOf("Helen Attache " + run), emailOf("Nora Colleague " + run));
    await().atMost(Duration.ofSeconds(60)).until(() -> mailTo(addresses).size() >= 2);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailTo(addresses).size() == 2);
    assertThat(mailTo(addresses)).extracting(Captures::recipientOf)
        .containsExactlyInAnyOrder(emailOf("Walter Attache " + run), emailOf("Helen Attache " + run));
    // The alert says why: a personal order, not the mission's rupture.
    assertThat(mailTo(addresses)).allSatisfy(mail -> assertThat(textOf(mail)).contains("persona non grata"));
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(List.of(phoneOf("Walter Attache " + run), phoneOf("Helen Attache " + run))).size() == 2);
    assertThat(smsTo(List.of(phoneOf("Nora Colleague " + run)))).isEmpty();
  }

  @Test
  void aPersonRegisteredAfterTheRuptureIsOrderedOutAndAlertedAtOnce() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String missionId = aMission("Embassy of the United States in Caracas");
    registerOnceMissionIsKnown(missionId, staff("Early Diplomat " + run, "DIPLOMATIC_AGENT", null));
    Instant noteAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    GatewayClient.Response rupture =
        head.post(
            "/api/missions/" + missionId + "/rupture",
            Map.of("noteReference", "MPPRE-LATE-" + run, "noteReceivedAt", noteAt.toString(), "departureWindow", "PT72H",
                "consularPostsClosed", true),
            "e2e-late-" + run);
    assertThat(rupture.status()).as(rupture.body().toString()).isEqualTo(200);
    // Wait until the rupture's order reached personnel: the early diplomat is ordered out.
    String early = officer.get("/api/staff?missionId=" + missionId).body().path("items").get(0).path("id").asString();
    await().atMost(Duration.ofSeconds(30)).until(() -> staffMember(early).path("status").asString().equals("DEPARTURE_ORDERED"));

    String late = register(missionId, staff("Late Diplomat " + run, "DIPLOMATIC_AGENT", null));

    assertThat(staffMember(late).path("status").asString()).as("ordered out in the registering transaction").isEqualTo("DEPARTURE_ORDERED");
    assertThat(Instant.parse(staffMember(late).path("departureDueAt").asString())).isEqualTo(noteAt.plus(Duration.ofHours(72)));
    await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(List.of(emailOf("Late Diplomat " + run))).size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(List.of(phoneOf("Late Diplomat " + run))).size() == 1);
  }

  // --- helpers ---

  private static String aMission(String name) {
    GatewayClient.Response created =
        head.post(
            "/api/missions",
            Map.of("officeCode", "CCS", "kind", "EMBASSY", "name", name, "sendingState", "US", "receivingState", "VE", "city", "Caracas",
                "timeZone", "America/Caracas"),
            "e2e-shapes");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().path("id").asString();
  }

  private static JsonNode staffMember(String id) {
    GatewayClient.Response response = officer.get("/api/staff/" + id);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body();
  }

  private static String registerOnceMissionIsKnown(String missionId, Map<String, Object> member) {
    return Staffing.registerOnceMissionIsKnown(officer, missionId, member);
  }

  private static String register(String missionId, Map<String, Object> member) {
    return Staffing.register(officer, missionId, member);
  }

  private static List<MimeMessage> mailTo(List<String> addresses) {
    return Captures.mailTo(system, addresses);
  }

  private static List<JsonNode> smsTo(List<String> numbers) {
    return Captures.smsTo(system, numbers);
  }
}
