package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.paging.PageCursor;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** {@code /api/alerts} and the mission's fan-out progress: each office reads its own, and only its own. */
@NotificationsServiceUnderTest
class AlertsApiIT {

  @Autowired Personnel personnel;
  @Autowired AlertLog alertLog;
  @Autowired NotificationsApi api;
  @Autowired MovableClock clock;

  final TestTokens tokens = TestTokens.get();

  @Test
  void anOfficeReadsEachAlertWithItsDeliveryLogAndTheMissionsProgress() {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    List<AlertRow> sent = awaitSent(jane);
    UUID emailAlert = idOf(sent, "EMAIL");

    for (String token : new String[] {tokens.officeViewer("CCS"), tokens.officeOfficer("CCS"), tokens.officeHead("CCS")}) {
      NotificationsApi caracas = api.as(token);

      Response alert = caracas.get("/api/alerts/" + emailAlert);
      assertThat(alert.status()).as(alert.body()).isEqualTo(200);
      JsonNode shown = alert.json().path("alert");
      assertThat(shown.path("staffId").asString()).isEqualTo(jane.staffId().toString());
      assertThat(shown.path("status").asString()).isEqualTo("SENT");
      assertThat(shown.path("channel").asString()).isEqualTo("EMAIL");
      assertThat(shown.path("slot").asString()).isEqualTo("ORDER");
      assertThat(shown.path("audience").asString()).isEqualTo("STAFF");
      assertThat(shown.path("deadlineKind").asString()).isEqualTo("DEPARTURE");
      assertThat(statusesOf(alert.json().path("deliveryLog"))).containsExactly("QUEUED", "SENT");
      // The API shows delivery, not the person's address.
      assertThat(alert.body()).doesNotContain(jane.email()).doesNotContain(jane.phone());

      Response list = caracas.get("/api/alerts?missionId=" + jane.mission().missionId());
      assertThat(list.status()).as(list.body()).isEqualTo(200);
      assertThat(idsOf(list.json())).containsExactlyInAnyOrderElementsOf(sent.stream().map(row -> row.id().toString()).toList());
      assertThat(list.json().path("nextCursor").isNull()).as("one page holds them all").isTrue();

      Response progress = caracas.get("/api/missions/" + jane.mission().missionId() + "/alert-progress");
      assertThat(progress.status()).as(progress.body()).isEqualTo(200);
      assertThat(progress.json().path("total").asLong()).isEqualTo(2);
      assertThat(progress.json().path("sent").asLong()).isEqualTo(2);
      assertThat(progress.json().path("queued").asLong()).isZero();
      assertThat(progress.json().path("dead").asLong()).isZero();
      assertThat(progress.json().path("acknowledged").asLong()).isZero();
      assertThat(progress.json().path("staff").asLong()).isEqualTo(1);
      assertThat(progress.json().path("escalations").asLong()).isZero();
    }
  }

  @Test
  void listsFilterByStaffMemberAndStatus() {
    StaffMember jane = personnel.registers(aDiplomat());
    StaffMember john = personnel.registers(aDiplomat().named("John Roe").of(jane.mission()));
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    personnel.ordersDeparture(john, clock.instant().plus(Duration.ofHours(72)));
    List<AlertRow> janes = awaitSent(jane);
    List<AlertRow> johns = awaitSent(john);
    NotificationsApi caracas = api.as(tokens.officeOfficer("CCS"));

    assertThat(idsOf(caracas.get("/api/alerts?missionId=" + jane.mission().missionId()).json())).hasSize(4);
    assertThat(idsOf(caracas.get("/api/alerts?staffId=" + john.staffId()).json()))
        .containsExactlyInAnyOrder(johns.get(0).id().toString(), johns.get(1).id().toString())
        .doesNotContain(janes.get(0).id().toString());
    assertThat(idsOf(caracas.get("/api/alerts?missionId=" + jane.mission().missionId() + "&status=SENT").json())).hasSize(4);
    assertThat(idsOf(caracas.get("/api/alerts?missionId=" + jane.mission().missionId() + "&status=DEAD").json())).isEmpty();
  }

  @Test
  void aUserOfAnotherOfficeFindsNeitherTheAlertsNorTheMission() {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    UUID alertId = awaitSent(jane).get(0).id();
    UUID mission = jane.mission().missionId();

    for (String token : new String[] {tokens.officeHead("WAS"), tokens.officeOfficer("WAS"), tokens.officeViewer("WAS")}) {
      NotificationsApi washington = api.as(token);

      Response alert = washington.get("/api/alerts/" + alertId);
      assertThat(alert.status()).isEqualTo(404);
      assertThat(alert.body()).doesNotContain(jane.staffId().toString());
      assertThat(washington.get("/api/alerts?missionId=" + mission).status()).isEqualTo(404);
      assertThat(washington.get("/api/missions/" + mission + "/alert-progress").status()).isEqualTo(404);
      Response all = washington.get("/api/alerts");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.body()).doesNotContain(alertId.toString()).doesNotContain(mission.toString());
      Response byStaff = washington.get("/api/alerts?staffId=" + jane.staffId());
      assertThat(byStaff.status()).isEqualTo(200);
      assertThat(byStaff.json().path("items")).isEmpty();
      // Dead letters are the ministry's, whatever the office.
      assertThat(washington.get("/api/dead-letters").status()).isEqualTo(403);
    }
    // The ministry sees every office.
    assertThat(api.get("/api/alerts/" + alertId).status()).isEqualTo(200);
  }

  @Test
  void aMissionNobodyHasHeardOfIsNotFoundAndBadInputIsAProblem() {
    NotificationsApi caracas = api.as(tokens.officeOfficer("CCS"));

    Response unknown = caracas.get("/api/missions/" + UUID.randomUUID() + "/alert-progress");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType().toString()).startsWith("application/problem+json");
    assertThat(caracas.get("/api/alerts/" + UUID.randomUUID()).status()).isEqualTo(404);

    Response badStatus = caracas.get("/api/alerts?status=LOST");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.contentType().toString()).startsWith("application/problem+json");
    assertThat(caracas.get("/api/alerts/not-a-uuid").status()).isEqualTo(400);
    assertThat(api.get("/api/dead-letters?include=everything").status()).isEqualTo(400);
    Response tooMany = api.get("/api/dead-letters?limit=100000");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.contentType().toString()).startsWith("application/problem+json");
    assertThat(api.get("/api/dead-letters?limit=0").status()).isEqualTo(400);
    assertThat(api.post("/api/dead-letters/not-a-uuid/redrive").status()).isEqualTo(400);
    assertThat(api.as("not-a-token").get("/api/alerts").status()).isEqualTo(401);
  }

  @Test
  void pagesOfAMissionsAlertsShowEachAlertOnceInCreationOrderEvenWhenAlertsAreRaisedBetweenPages() {
    StaffMember first = personnel.registers(aDiplomat());
    List<StaffMember> ordered = new ArrayList<>(List.of(first));
    for (int i = 1; i < 4; i++) {
      ordered.add(personnel.registers(aDiplomat().named("Diplomat " + i).of(first.mission())));
    }
    ordered.forEach(member -> personnel.ordersDeparture(member, clock.instant().plus(Duration.ofHours(72))));
    ordered.forEach(this::awaitRaised);
    NotificationsApi caracas = api.as(tokens.officeViewer("CCS"));
    String mission = "/api/alerts?missionId=" + first.mission().missionId() + "&limit=3";

    List<JsonNode> seen = new ArrayList<>();
    JsonNode page = caracas.get(mission).json();
    page.path("items").forEach(seen::add);
    assertThat(seen).hasSize(3);
    // Two more people are ordered out while the office is reading: their alerts come after the cursor.
    StaffMember late = personnel.registers(aDiplomat().named("Late Diplomat").of(first.mission()));
    StaffMember later = personnel.registers(aDiplomat().named("Later Diplomat").of(first.mission()));
    for (StaffMember member : List.of(late, later)) {
      personnel.ordersDeparture(member, clock.instant().plus(Duration.ofHours(72)));
      awaitRaised(member);
      ordered.add(member);
    }
    int pages = 1;
    while (!page.path("nextCursor").isNull()) {
      Response next = caracas.get(mission + "&cursor=" + page.path("nextCursor").asString());
      assertThat(next.status()).as(next.body()).isEqualTo(200);
      page = next.json();
      assertThat(page.path("items").size()).isBetween(1, 3);
      page.path("items").forEach(seen::add);
      pages++;
    }

    List<String> raised =
        ordered.stream().flatMap(member -> alertLog.alertsOf(member.staffId()).stream()).map(row -> row.id().toString()).toList();
    List<String> seenIds = seen.stream().map(alert -> alert.path("id").asString()).toList();
    assertThat(seenIds).as("every alert exactly once").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(raised);
    assertThat(raised).hasSize(12);
    assertThat(pages).isEqualTo(4);
    List<String> inOrder =
        seen.stream()
            .sorted(
                // Lower-case hex compares as PostgreSQL orders uuids (UUID.compareTo does not: it is signed).
                Comparator.comparing((JsonNode alert) -> Instant.parse(alert.path("createdAt").asString()))
                    .thenComparing(alert -> alert.path("id").asString()))
            .map(alert -> alert.path("id").asString())
            .toList();
    assertThat(seenIds).as("oldest first, id breaking ties").isEqualTo(inOrder);
  }

  @Test
  void aPageSizeOutOfBoundsOrACursorTheListDidNotIssueIsAProblemNamingTheParameter() {
    NotificationsApi caracas = api.as(tokens.officeOfficer("CCS"));

    for (String limit : new String[] {"0", "-1", "501", "many"}) {
      Response refused = caracas.get("/api/alerts?limit=" + limit);
      assertThat(refused.status()).as("limit=%s: %s", limit, refused.body()).isEqualTo(400);
      assertThat(refused.contentType().toString()).startsWith("application/problem+json");
      assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
    }
    assertThat(caracas.get("/api/alerts?limit=500").status()).isEqualTo(200);
    assertThat(caracas.get("/api/alerts?limit=1").status()).isEqualTo(200);
    // Shaped like an alerts cursor (an instant and an id), but issued by the departure groups list.
    String anotherListsCursor = PageCursor.of("departure-groups", Instant.now(), UUID.randomUUID()).encode();
    for (String cursor : new String[] {"not-base64!", "AAAA", anotherListsCursor}) {
      Response refused = caracas.get("/api/alerts?cursor=" + cursor);
      assertThat(refused.status()).as("cursor=%s: %s", cursor, refused.body()).isEqualTo(400);
      assertThat(refused.contentType().toString()).startsWith("application/problem+json");
      assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
    }
  }

  @Test
  void theApiDescriptionShowsThePageShapeAndItsBoundedSize() {
    JsonNode description = api.get("/v3/api-docs").json();
    JsonNode operation = description.path("paths").path("/api/alerts").path("get");
    List<String> parameters = new ArrayList<>();
    operation.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asString()));
    assertThat(parameters).contains("missionId", "staffId", "status", "limit", "cursor");
    operation.path("parameters").forEach(parameter -> {
      if (parameter.path("name").asString().equals("limit")) {
        assertThat(parameter.path("schema").path("minimum").asInt()).as("limit's minimum").isEqualTo(1);
        assertThat(parameter.path("schema").path("maximum").asInt()).as("limit's maximum").isEqualTo(500);
      }
    });
    String page = operation.path("responses").path("200").findValue("$ref").asString();
    JsonNode shape = description.path("components").path("schemas").path(page.substring(page.lastIndexOf('/') + 1));
    assertThat(shape.path("properties").path("items").path("items").path("$ref").asString()).endsWith("/AlertView");
    assertThat(shape.path("properties").has("nextCursor")).isTrue();
  }

  private void awaitRaised(StaffMember member) {
    await().until(() -> alertLog.alertsOf(member.staffId()).size() == 2);
  }

  private List<AlertRow> awaitSent(StaffMember member) {
    return await()
        .until(
            () -> alertLog.alertsOf(member.staffId()),
            rows -> rows.size() == 2 && rows.stream().allMatch(row -> row.status().equals("SENT")));
  }

  private static UUID idOf(List<AlertRow> rows, String channel) {
    return rows.stream().filter(row -> row.channel().equals(channel)).findFirst().orElseThrow().id();
  }

  private static List<String> statusesOf(JsonNode attempts) {
    List<String> statuses = new ArrayList<>();
    attempts.forEach(attempt -> statuses.add(attempt.path("status").asString()));
    return statuses;
  }

  /** The ids of the alerts on one page. */
  private static List<String> idsOf(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(alert -> ids.add(alert.path("id").asString()));
    return ids;
  }
}
