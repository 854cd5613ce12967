package org.interestsoffice.personnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.platform.paging.PageCursor;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/staff} and {@code GET /api/departure-groups} a page at a time: every row once, in
 * order, however many are added while the office reads; sizes and cursors that make no sense are
 * refused by name.
 */
@PersonnelServiceUnderTest
class PagedListsIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;

  final TestTokens tokens = TestTokens.get();
  Mission embassy;
  PersonnelApi viewer;

  @BeforeEach
  void anEmbassy() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    viewer = personnel.as(tokens.officeViewer("CCS"));
  }

  @Test
  void staffPagesShowEachMemberOnceByNameEvenWhenStaffAreRegisteredBetweenPages() {
    Map<UUID, String> registered = new LinkedHashMap<>();
    // Two people of the same name: the id orders them, also across a page boundary.
    for (String name : List.of("Elena Estrada", "Carla Cruz", "Ana Alvarez", "Carla Cruz", "Fabio Fuentes", "Bruno Baez", "Diego Diaz")) {
      registered.put(personnel.registers(aDiplomat().named(name).in(embassy)), name);
    }
    String path = "/api/staff?missionId=" + embassy.id() + "&limit=3";

    JsonNode first = page(path);
    List<JsonNode> seen = new ArrayList<>(items(first));
    assertThat(seen).hasSize(3);
    // Registered while the office reads: one sorts after the cursor and is shown further on, one
    // sorts before it and is left for the next reading; neither shifts the rows still to come.
    UUID zoe = personnel.registers(aDiplomat().named("Zoe Zamora").in(embassy));
    UUID aaron = personnel.registers(aDiplomat().named("Aaron Abreu").in(embassy));
    registered.put(zoe, "Zoe Zamora");
    seen.addAll(followingPages(path, first, 3));

    List<UUID> expected =
        registered.entrySet().stream()
            .filter(member -> !member.getKey().equals(aaron))
            .sorted(Map.Entry.<UUID, String>comparingByValue().thenComparing(member -> member.getKey().toString()))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(personnel.idsOf(seen)).as("every member once, by name then id").isEqualTo(expected);
    assertThat(personnel.idsOf(personnel.staff(embassy))).as("a new reading shows the late one too").contains(aaron).hasSize(9);
  }

  @Test
  void departureGroupPagesShowEachGroupOnceBySchedule() {
    messaging.awaitProcessed(missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS)).envelope());
    PersonnelApi head = personnel.as(tokens.officeHead("CCS"));
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Map<UUID, UUID> memberOf = new LinkedHashMap<>();
    List<UUID> groups = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID group = head.createsGroup(embassy, "Convoy " + i, start.plus(4 - i, ChronoUnit.HOURS), "CONVOY");
      UUID member = personnel.registers(aDiplomat().in(embassy));
      assertThat(head.addMembers(group, List.of(member)).status()).isEqualTo(200);
      memberOf.put(group, member);
      groups.add(0, group);
    }
    String path = "/api/departure-groups?missionId=" + embassy.id() + "&limit=2";

    JsonNode first = page(path);
    List<JsonNode> seen = new ArrayList<>(items(first));
    UUID last = head.createsGroup(embassy, "Charter flight", start.plus(10, ChronoUnit.HOURS), "CHARTER_FLIGHT");
    groups.add(last);
    seen.addAll(followingPages(path, first, 2));

    assertThat(seen.stream().map(group -> UUID.fromString(group.path("id").asString())).toList())
        .as("every group once, the earliest first")
        .isEqualTo(groups);
    assertThat(seen.stream().map(group -> Instant.parse(group.path("scheduledAt").asString())).toList())
        .isSortedAccordingTo(Comparator.naturalOrder());
    for (JsonNode group : seen) {
      UUID id = UUID.fromString(group.path("id").asString());
      List<String> members = new ArrayList<>();
      group.path("memberIds").forEach(member -> members.add(member.asString()));
      assertThat(members).as("members of %s", group.path("name").asString())
          .containsExactlyElementsOf(memberOf.containsKey(id) ? List.of(memberOf.get(id).toString()) : List.of());
    }
  }

  @Test
  void aPageSizeOutOfBoundsOrACursorTheListDidNotIssueIsAProblemNamingTheParameter() {
    String staffCursor = PageCursor.of("staff", "Ana Alvarez", UUID.randomUUID()).encode();
    String groupCursor = PageCursor.of("departure-groups", Instant.now(), UUID.randomUUID()).encode();
    Map<String, String> lists = Map.of("/api/staff?missionId=" + embassy.id(), groupCursor, "/api/departure-groups?missionId=" + embassy.id(), staffCursor);
    lists.forEach(
        (list, anotherListsCursor) -> {
          for (String limit : List.of("0", "501", "-5", "fifty")) {
            assertRefused(viewer.get(list + "&limit=" + limit), "limit");
          }
          for (String cursor : List.of("no.cursor", "AAAA", anotherListsCursor)) {
            assertRefused(viewer.get(list + "&cursor=" + cursor), "cursor");
          }
          assertThat(viewer.get(list + "&limit=500").status()).isEqualTo(200);
        });
    assertThat(viewer.get("/api/staff?missionId=" + embassy.id() + "&cursor=" + staffCursor).status()).isEqualTo(200);
  }

  @Test
  void theApiDescriptionShowsEachListsPageShapeAndItsBoundedSize() {
    JsonNode description = page("/v3/api-docs");
    for (String list : List.of("/api/staff", "/api/departure-groups")) {
      JsonNode operation = description.path("paths").path(list).path("get");
      Map<String, JsonNode> parameters = new LinkedHashMap<>();
      operation.path("parameters").forEach(parameter -> parameters.put(parameter.path("name").asString(), parameter));
      assertThat(parameters).as(list).containsKeys("missionId", "limit", "cursor");
      assertThat(parameters.get("limit").path("schema").path("minimum").asInt()).isEqualTo(1);
      assertThat(parameters.get("limit").path("schema").path("maximum").asInt()).isEqualTo(500);
      assertThat(parameters.get("cursor").path("description").asString()).contains("nextCursor");
      String page = operation.path("responses").path("200").findValue("$ref").asString();
      JsonNode shape = description.path("components").path("schemas").path(page.substring(page.lastIndexOf('/') + 1));
      assertThat(shape.path("properties").path("items").path("type").asString()).as(page).isEqualTo("array");
      assertThat(shape.path("properties").has("nextCursor")).as(page).isTrue();
    }
  }

  private static void assertRefused(Response response, String parameter) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType().toString()).startsWith("application/problem+json");
    assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(parameter);
  }

  private JsonNode page(String path) {
    Response response = viewer.get(path);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** The rows of every page after this one, checking that none is larger than the limit. */
  private List<JsonNode> followingPages(String path, JsonNode page, int limit) {
    List<JsonNode> rows = new ArrayList<>();
    while (!page.path("nextCursor").isNull()) {
      page = page(path + "&cursor=" + page.path("nextCursor").asString());
      assertThat(page.path("items").size()).isBetween(1, limit);
      rows.addAll(items(page));
    }
    return rows;
  }

  private static List<JsonNode> items(JsonNode page) {
    List<JsonNode> rows = new ArrayList<>();
    page.path("items").forEach(rows::add);
    return rows;
  }
}
