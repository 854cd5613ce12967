package org.interestsoffice.personnel.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.paging.Page;
import org.interestsoffice.platform.paging.PageQuery;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** Flights and convoys: the office head puts people on them and confirms when they have left. */
@PersonnelServiceUnderTest
class DepartureGroupsIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;
  @Autowired DataSource dataSource;

  final TestTokens tokens = TestTokens.get();
  Mission embassy;
  PersonnelApi head;
  UUID ambassador;
  UUID spouse;
  UUID consul;

  @BeforeEach
  void anEmbassyOrderedOut() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    head = personnel.as(tokens.officeHead("CCS"));
    ambassador = personnel.registers(aDiplomat().in(embassy));
    spouse = personnel.registers(aFamilyMemberOf(ambassador).in(embassy));
    consul = personnel.registers(aDiplomat().in(embassy));
    messaging.awaitProcessed(missionsService.severs(embassy, Instant.now().plus(72, ChronoUnit.HOURS)).envelope());
  }

  @Test
  void aConfirmedGroupDepartsEveryMemberWithOneEventEach() {
    Instant scheduled = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response created = head.createGroup(embassy.id(), "Charter flight CCS-MIA", scheduled, "CHARTER_FLIGHT");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    UUID group = UUID.fromString(created.json().path("id").asString());
    assertThat(created.location()).endsWith("/api/departure-groups/" + group);

    Response added = head.addMembers(group, List.of(ambassador, spouse));
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    assertThat(head.addMembers(group, List.of(ambassador)).status()).as("adding again changes nothing").isEqualTo(200);
    Instant leftAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Response confirmed = head.confirmGroupDeparture(group, leftAt);

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    for (UUID member : List.of(ambassador, spouse)) {
      JsonNode person = personnel.staffMember(member);
      assertThat(person.path("status").asString()).isEqualTo("DEPARTED");
      assertThat(Instant.parse(person.path("departedAt").asString())).isEqualTo(leftAt);
      eventually().until(() -> published.received("StaffDeparted", member).size() == 1);
      EventEnvelope event = published.received("StaffDeparted", member).get(0);
      assertThat(event.payload().path("departureGroupId").asString()).isEqualTo(group.toString());
      assertThat(Instant.parse(event.payload().path("departedAt").asString())).isEqualTo(leftAt);
    }
    assertThat(personnel.statusOf(consul)).as("not in the group").isEqualTo("DEPARTURE_ORDERED");
    assertThat(messaging.written("StaffDeparted", embassy)).isEqualTo(2);

    JsonNode shown = head.get("/api/departure-groups/" + group).json();
    assertThat(shown.path("name").asString()).isEqualTo("Charter flight CCS-MIA");
    assertThat(shown.path("transport").asString()).isEqualTo("CHARTER_FLIGHT");
    assertThat(Instant.parse(shown.path("scheduledAt").asString())).isEqualTo(scheduled);
    assertThat(Instant.parse(shown.path("departedAt").asString())).isEqualTo(leftAt);
    assertThat(shown.path("memberIds").size()).isEqualTo(2);
    JsonNode listed = head.get("/api/departure-groups?missionId=" + embassy.id()).json();
    assertThat(listed.path("items").size()).isEqualTo(1);
    assertThat(listed.path("items").get(0).path("id").asString()).isEqualTo(group.toString());
    assertThat(listed.path("items").get(0).path("memberIds").size()).as("listed with its members").isEqualTo(2);
    assertThat(listed.path("nextCursor").isNull()).isTrue();

    Response twice = head.confirmGroupDeparture(group, leftAt);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(head.addMembers(group, List.of(consul)).status()).as("the group has left").isEqualTo(409);
    assertThat(messaging.written("StaffDeparted", embassy)).isEqualTo(2);
  }

  @Test
  void aGroupMixingMissionsOrOfficesIsRefusedAndNothingIsAdded() {
    Mission consulate = aMission().inCaracas().aConsulateIn("Maracaibo");
    Mission washington = aMission().inWashington();
    messaging.awaitProcessed(missionsService.registers(consulate));
    messaging.awaitProcessed(missionsService.registers(washington));
    UUID maracaiboConsul = personnel.registers(aDiplomat().in(consulate));
    UUID venezuelanDiplomat = personnel.registers(aDiplomat().ofNationality("VE").in(washington));
    UUID group = head.createsGroup(embassy, "Convoy to Cúcuta", Instant.now().plus(2, ChronoUnit.DAYS), "CONVOY");

    for (UUID stranger : List.of(maracaiboConsul, venezuelanDiplomat, UUID.randomUUID())) {
      Response refused = personnel.addMembers(group, List.of(consul, stranger));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("title").asString()).isEqualTo("Not of the group's mission");
    }

    assertThat(head.get("/api/departure-groups/" + group).json().path("memberIds").size()).isZero();
  }

  @Test
  void aPersonTravelsWithOneGroupAndRemainingStaffWithNone() {
    UUID flight = head.createsGroup(embassy, "Flight 1", Instant.now().plus(1, ChronoUnit.DAYS), "FLIGHT");
    UUID convoy = head.createsGroup(embassy, "Convoy 1", Instant.now().plus(1, ChronoUnit.DAYS), "CONVOY");
    assertThat(head.addMembers(flight, List.of(ambassador)).status()).isEqualTo(200);

    Response elsewhere = head.addMembers(convoy, List.of(ambassador, consul));
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(409);

    messaging.awaitProcessed(missionsService.opensNegotiation(embassy, 7, Instant.now().plus(30, ChronoUnit.DAYS)).envelope());
    assertThat(head.designateRemaining(consul).status()).isEqualTo(200);
    Response remaining = head.addMembers(convoy, List.of(consul));
    assertThat(remaining.status()).as(remaining.body()).isEqualTo(409);
    assertThat(head.get("/api/departure-groups/" + convoy).json().path("memberIds").size()).isZero();
  }

  @Test
  void badGroupsAreRefused() {
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
    assertThat(head.createGroup(UUID.randomUUID(), "Flight", tomorrow, "FLIGHT").status()).as("unknown mission").isEqualTo(400);
    assertThat(head.createGroup(embassy.id(), "Flight", tomorrow, "HOT_AIR_BALLOON").status()).isEqualTo(400);
    assertThat(head.createGroup(embassy.id(), " ", tomorrow, "FLIGHT").invalidFields()).containsExactly("name");
    assertThat(head.createGroup(embassy.id(), "Flight", null, "FLIGHT").invalidFields()).containsExactly("scheduledAt");
    assertThat(head.post("/api/departure-groups", "{\"missionId\": ").status()).isEqualTo(400);
    UUID group = head.createsGroup(embassy, "Flight", tomorrow, "FLIGHT");
    assertThat(head.post("/api/departure-groups/" + group + "/members", "{\"staffIds\": []}").status()).isEqualTo(400);
    assertThat(head.post("/api/departure-groups/" + group + "/members", "{\"staffIds\": [\"x\"]}").status()).isEqualTo(400);
    assertThat(head.confirmGroupDeparture(group, Instant.now()).status()).as("nobody in it").isEqualTo(409);
    assertThat(head.addMembers(group, List.of(consul)).status()).isEqualTo(200);
    assertThat(head.confirmGroupDeparture(group, Instant.now().plus(3, ChronoUnit.HOURS)).status()).as("in the future").isEqualTo(400);
    assertThat(head.post("/api/departure-groups/" + group + "/departure", "{}").status()).isEqualTo(400);
    assertThat(head.get("/api/departure-groups/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(personnel.statusOf(consul)).isEqualTo("DEPARTURE_ORDERED");
  }

  @Test
  void onlyTheOfficesHeadManagesItsGroupsAndOtherOfficesDoNotSeeThem() {
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
    UUID group = head.createsGroup(embassy, "Flight", tomorrow, "FLIGHT");
    assertThat(head.addMembers(group, List.of(consul)).status()).isEqualTo(200);

    PersonnelApi officer = personnel.as(tokens.officeOfficer("CCS"));
    assertThat(officer.createGroup(embassy.id(), "Flight", tomorrow, "FLIGHT").status()).isEqualTo(403);
    assertThat(officer.addMembers(group, List.of(ambassador)).status()).isEqualTo(403);
    assertThat(officer.confirmGroupDeparture(group, Instant.now()).status()).isEqualTo(403);
    assertThat(personnel.as(tokens.officeViewer("CCS")).get("/api/departure-groups/" + group).status()).isEqualTo(200);
    for (String token : List.of(tokens.officeHead("WAS"), tokens.officeViewer("WAS"))) {
      PersonnelApi washington = personnel.as(token);
      assertThat(washington.createGroup(embassy.id(), "Flight", tomorrow, "FLIGHT").status()).isEqualTo(400);
      assertThat(washington.addMembers(group, List.of(ambassador)).status()).isEqualTo(404);
      assertThat(washington.confirmGroupDeparture(group, Instant.now()).status()).isEqualTo(404);
      assertThat(washington.get("/api/departure-groups/" + group).status()).isEqualTo(404);
      assertThat(washington.get("/api/departure-groups?missionId=" + embassy.id()).status()).isEqualTo(404);
      Response all = washington.get("/api/departure-groups");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.body()).doesNotContain(group.toString());
    }
    assertThat(personnel.statusOf(consul)).isEqualTo("DEPARTURE_ORDERED");
    assertThat(head.get("/api/departure-groups?missionId=" + embassy.id()).json().path("items").size()).isEqualTo(1);
    assertThat(head.get("/api/departure-groups/" + group).json().path("memberIds").size()).isEqualTo(1);
  }

  @Test
  void aPageOfGroupsReadsTheMembersOfAllItsGroupsInOneQuery() {
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Map<UUID, UUID> travellerOf = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      UUID group = head.createsGroup(embassy, "Convoy " + i, tomorrow.plus(i, ChronoUnit.HOURS), "CONVOY");
      UUID traveller = personnel.registers(aDiplomat().in(embassy));
      assertThat(head.addMembers(group, List.of(traveller)).status()).isEqualTo(200);
      travellerOf.put(group, traveller);
    }
    List<String> memberReads = new CopyOnWriteArrayList<>();
    // The repository the list endpoint reads through, on the service's own database, every
    // statement it prepares noted.
    DepartureGroups groups = new DepartureGroups(JdbcClient.create(notingMemberReads(dataSource, memberReads)));

    Page<DepartureGroup> page = groups.search(embassy.id(), Optional.empty(), PageQuery.first(10));

    assertThat(page.items()).extracting(DepartureGroup::id).containsExactlyElementsOf(travellerOf.keySet());
    for (DepartureGroup group : page.items()) {
      assertThat(group.memberIds()).as(group.name()).containsExactly(travellerOf.get(group.id()));
    }
    assertThat(memberReads).as("statements reading the members of a page of %d groups", page.items().size()).hasSize(1);
  }

  /** The data source, noting each statement prepared on it that reads departure_group_member. */
  private static DataSource notingMemberReads(DataSource dataSource, List<String> memberReads) {
    return (DataSource) Proxy.newProxyInstance(
        DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class},
        (dataSourceProxy, method, arguments) -> {
          Object result = invoke(dataSource, method, arguments);
          if (!(result instanceof Connection connection)) {
            return result;
          }
          return Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (connectionProxy, call, callArguments) -> {
                if (call.getName().startsWith("prepare") && callArguments != null && callArguments[0] instanceof String sql
                    && sql.contains("departure_group_member")) {
                  memberReads.add(sql);
                }
                return invoke(connection, call, callArguments);
              });
        });
  }

  private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
