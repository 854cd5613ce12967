package org.interestsoffice.system;

import static org.interestsoffice.system.Captures.recipientOf;
import static org.interestsoffice.system.Captures.subjectOf;
import static org.interestsoffice.system.Captures.textOf;
import static org.interestsoffice.system.Staffing.created;
import static org.interestsoffice.system.Staffing.emailOf;
import static org.interestsoffice.system.Staffing.phoneOf;
import static org.interestsoffice.system.Staffing.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton end to end: the three business services and the gateway run as separate
 * processes from their packaged jars, against the real broker and databases and a real SMTP
 * server. A rupture declared through the gateway must reach every staff member with privileges as
 * exactly one email and one SMS, and nobody else; an acknowledgement through the link reaches
 * personnel's accountability; and the Caracas office head, found in the real Keycloak, hears of
 * each person who did not acknowledge.
 */
class DepartureAlertEndToEndIT {

  private static final ZoneId CARACAS = ZoneId.of("America/Caracas");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private static RunningSystem system;
  private static GatewayClient api;
  private static GatewayClient officer;

  @BeforeAll
  static void startTheSystem() {
    system = RunningSystem.get();
    // Demo users of the real realm: the Caracas head declares the rupture, an officer registers staff.
    api = system.as("ccs.head");
    officer = system.as("ccs.officer");
  }

  @Test
  void aRuptureSendsEachStaffMemberWithPrivilegesExactlyOneDepartureAlertAndTheUnacknowledgedAreEscalated() throws Exception {
    String correlationId = "e2e-" + UUID.randomUUID();
    String missionId =
        created(
            api.post(
                "/api/missions",
                Map.of(
                    "officeCode", "CCS",
                    "kind", "EMBASSY",
                    "name", "Embassy of the United States in Caracas",
                    "sendingState", "US",
                    "receivingState", "VE",
                    "city", "Caracas",
                    "timeZone", CARACAS.getId()),
                correlationId));

    // Personnel learns of the mission from the MissionRegistered event; until then it refuses.
    Map<String, String> alerted = new LinkedHashMap<>();
    String ambassadorId = registerOnceMissionIsKnown(missionId, staff("Charlotte Ambassador", "DIPLOMATIC_AGENT", "US", "en", null));
    alerted.put("charlotte.ambassador@state.example", "en");
    register(missionId, staff("James Consul", "DIPLOMATIC_AGENT", "US", "en", null));
    alerted.put("james.consul@state.example", "en");
    register(missionId, staff("María Agregada", "ADMINISTRATIVE_TECHNICAL", "US", "es", null));
    alerted.put("maria.agregada@state.example", "es");
    register(missionId, staff("Robert Spouse", "FAMILY_MEMBER", "US", "en", ambassadorId));
    alerted.put("robert.spouse@state.example", "en");
    register(missionId, staff("José Chofer", "LOCAL_HIRE", "VE", "es", null));
    register(missionId, staff("Luisa Venezolana", "SERVICE_STAFF", "VE", "es", null));

    Instant noteReceivedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    GatewayClient.Response rupture =
        api.post(
            "/api/missions/" + missionId + "/rupture",
            Map.of(
                "noteReference", "MPPRE-2019-0001",
                "noteReceivedAt", noteReceivedAt.toString(),
                "departureWindow", "PT72H",
                "consularPostsClosed", true),
            correlationId);
    assertThat(rupture.status()).as(rupture.body().toString()).isEqualTo(200);
    Instant dueAt = noteReceivedAt.plus(Duration.ofHours(72));
    assertThat(Instant.parse(rupture.body().path("departureDeadline").path("dueAt").asString())).isEqualTo(dueAt);

    List<String> everyone = List.of(
        "charlotte.ambassador@state.example", "james.consul@state.example", "maria.agregada@state.example",
        "robert.spouse@state.example", "jose.chofer@state.example", "luisa.venezolana@state.example");
    await().atMost(Duration.ofSeconds(60)).until(() -> mailTo(everyone).size() >= alerted.size());
    // Then nothing more comes: no duplicate, and nothing for the local staff.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> mailTo(everyone).size() == alerted.size());

    Map<String, List<MimeMessage>> byRecipient = new HashMap<>();
    for (MimeMessage message : mailTo(everyone)) {
      byRecipient.computeIfAbsent(recipientOf(message), r -> new java.util.ArrayList<>()).add(message);
    }
    assertThat(byRecipient.keySet()).containsExactlyInAnyOrderElementsOf(alerted.keySet());
    String utc = WHEN.format(dueAt.atZone(ZoneOffset.UTC)) + " UTC";
    String local = WHEN.format(dueAt.atZone(CARACAS)) + " (America/Caracas)";
    alerted.forEach(
        (address, language) -> {
          assertThat(byRecipient.get(address)).as("alerts to %s", address).hasSize(1);
          MimeMessage alert = byRecipient.get(address).get(0);
          String body = textOf(alert);
          assertThat(subjectOf(alert)).contains(utc);
          assertThat(body).contains(local).contains("Embassy of the United States in Caracas");
          assertThat(subjectOf(alert)).startsWith(language.equals("es") ? "Orden de salida" : "Departure order");
        });

    // The same people, and only they, got one SMS each (the capture provider's file).
    Map<String, String> phones = new LinkedHashMap<>();
    for (String name : List.of("Charlotte Ambassador", "James Consul", "María Agregada", "Robert Spouse", "José Chofer", "Luisa Venezolana")) {
      phones.put(phoneOf(name), name);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(phones.keySet()).size() >= alerted.size());
    List<JsonNode> texts = smsTo(phones.keySet());
    assertThat(texts).extracting(text -> phones.get(text.path("to").asString()))
        .containsExactlyInAnyOrder("Charlotte Ambassador", "James Consul", "María Agregada", "Robert Spouse");
    assertThat(texts).allSatisfy(text -> assertThat(text.path("text").asString()).contains(utc).contains("/ack/"));

    // The ambassador confirms through the link in her email, through the gateway, without signing in.
    MimeMessage charlottes = byRecipient.get("charlotte.ambassador@state.example").get(0);
    Matcher link = ACK_PATH.matcher(textOf(charlottes));
    assertThat(link.find()).isTrue();
    assertThat(confirm(link.group())).isEqualTo(200);

    // Personnel hears of it (AlertAcknowledged over the broker): she leaves the unacknowledged list.
    GatewayClient viewer = system.as("ccs.viewer");
    JsonNode unacknowledged =
        await().atMost(Duration.ofSeconds(30))
            .until(
                () -> viewer.get("/api/missions/" + missionId + "/accountability").body().path("unacknowledged"),
                list -> list.size() == 3);
    assertThat(unacknowledged.toString()).contains("James Consul", "María Agregada", "Robert Spouse").doesNotContain("Charlotte");

    // The others said nothing: the head of the Caracas office (found in Keycloak) hears of each, once.
    String head = "ccs.head@interests-office.example";
    await().atMost(RunningSystem.ESCALATION_AFTER.plusSeconds(40))
        .until(() -> escalationsTo(head, missionId).size() >= 3);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> escalationsTo(head, missionId).size() == 3);
    assertThat(escalationsTo(head, missionId))
        .extracting(Captures::subjectOf)
        .containsExactlyInAnyOrder(
            "Departure order not acknowledged: James Consul",
            "Departure order not acknowledged: María Agregada",
            "Departure order not acknowledged: Robert Spouse");
    // Nobody of another office is told.
    assertThat(Arrays.stream(system.smtp.getReceivedMessages()).map(Captures::recipientOf))
        .doesNotContain("was.head@interests-office.example");

    // The request's correlation id travelled through the broker into the consumers' logs.
    assertThat(system.personnel.logText()).contains(correlationId);
    assertThat(system.notifications.logText()).contains(correlationId);
  }

  private static final Pattern ACK_PATH = Pattern.compile("/ack/[A-Za-z0-9_-]{43}");

  /** Submits the acknowledgement page's form, as a browser with no session would. */
  private static int confirm(String ackPath) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(system.gateway.baseUrl() + ackPath)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).contains("Your confirmation has been recorded");
    return response.statusCode();
  }

  /** Escalation emails to the office head about this mission's staff (other tests share the server). */
  private static List<MimeMessage> escalationsTo(String head, String missionId) {
    return Arrays.stream(system.smtp.getReceivedMessages())
        .filter(message -> recipientOf(message).equals(head))
        .filter(message -> subjectOf(message).startsWith("Departure order not acknowledged: "))
        .filter(message -> textOf(message).contains("Embassy of the United States in Caracas"))
        .filter(message -> ESCALATED_NAMES.stream().anyMatch(name -> subjectOf(message).endsWith(name)))
        .toList();
  }

  private static final List<String> ESCALATED_NAMES = List.of("Charlotte Ambassador", "James Consul", "María Agregada", "Robert Spouse");

  private static List<JsonNode> smsTo(Set<String> numbers) {
    return Captures.smsTo(system, numbers);
  }

  private static List<MimeMessage> mailTo(List<String> addresses) {
    return Captures.mailTo(system, addresses);
  }

  private static String registerOnceMissionIsKnown(String missionId, Map<String, Object> member) {
    return Staffing.registerOnceMissionIsKnown(officer, missionId, member);
  }

  private static String register(String missionId, Map<String, Object> member) {
    return Staffing.register(officer, missionId, member);
  }
}
