package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aFamilyMemberOf;

import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.personnel.fixtures.StaffRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** Bad input gets a 400 problem detail that says what is wrong, never a 500, and leaves nothing behind. */
@PersonnelServiceUnderTest
class RefusingBadRegistrationsIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;

  Mission embassy;

  @BeforeEach
  void aMissionPersonnelKnows() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
  }

  static Stream<Arguments> badRegistrations() {
    return Stream.of(
        refused("a mission personnel never heard of", r -> r.in(UUID.randomUUID()), "missionId"),
        refused("an email address that is not one", r -> r.withEmail("consul.at.state.example"), "email"),
        refused("a phone number not in E.164", r -> r.withPhone("0412-1234567"), "phone"),
        refused("a language alerts are not written in", r -> r.speaking("fr"), "preferredLanguage"),
        refused("a nationality that is no country", r -> r.ofNationality("XX"), "nationality"),
        refused("a category the Vienna Convention does not know", r -> r.inCategory("AMBASSADOR_AT_LARGE"), "category"),
        refused("no name", r -> r.named(" "), "fullName"),
        refused("no phone at all", r -> r.withPhone(null), "phone"));
  }

  private static Arguments refused(String what, UnaryOperator<StaffRegistration> spoil, String offendingField) {
    return Arguments.of(what, spoil, offendingField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRegistrations")
  void aRegistrationWithBadInputIsRefused(String what, UnaryOperator<StaffRegistration> spoil, String offendingField) {
    StaffRegistration registration = spoil.apply(aDiplomat().in(embassy));

    Response response = personnel.register(registration);

    assertBadRequest(response);
    assertThat(namesTheField(response.json(), offendingField)).as("the problem points at %s: %s", offendingField, response.body()).isTrue();
    assertNothingStored(registration);
  }

  @Test
  void aFamilyMemberWithoutAPrincipalIsRefused() {
    StaffRegistration orphan = aFamilyMemberOf(null).in(embassy);

    Response response = personnel.register(orphan);

    assertBadRequest(response);
    assertThat(response.json().path("title").asString()).isEqualTo("Invalid principal");
    assertNothingStored(orphan);
  }

  @Test
  void aFamilyMemberOfSomeoneInAnotherMissionIsRefused() {
    Mission consulate = aMission().inCaracas().aConsulateIn("Maracaibo");
    messaging.awaitProcessed(missionsService.registers(consulate));
    UUID consul = personnel.registers(aDiplomat().in(consulate));
    StaffRegistration spouse = aFamilyMemberOf(consul).in(embassy);

    Response response = personnel.register(spouse);

    assertBadRequest(response);
    assertThat(response.json().path("title").asString()).isEqualTo("Invalid principal");
    assertNothingStored(spouse);
  }

  @Test
  void aFamilyMemberOfSomeoneWhoDoesNotExistIsRefused() {
    StaffRegistration spouse = aFamilyMemberOf(UUID.randomUUID()).in(embassy);

    Response response = personnel.register(spouse);

    assertBadRequest(response);
    assertNothingStored(spouse);
  }

  @Test
  void aFamilyMemberCannotBeAPrincipal() {
    UUID diplomat = personnel.registers(aDiplomat().in(embassy));
    UUID spouse = personnel.registers(aFamilyMemberOf(diplomat).in(embassy));
    StaffRegistration child = aFamilyMemberOf(spouse).in(embassy);

    Response response = personnel.register(child);

    assertBadRequest(response);
    assertThat(personnel.idsOf(personnel.staff(embassy))).containsExactlyInAnyOrder(diplomat, spouse);
  }

  @Test
  void onlyFamilyMembersHaveAPrincipal() {
    UUID ambassador = personnel.registers(aDiplomat().in(embassy));
    StaffRegistration secretary = aDiplomat().withPrincipal(ambassador).in(embassy);

    Response response = personnel.register(secretary);

    assertBadRequest(response);
    assertThat(response.json().path("title").asString()).isEqualTo("Invalid principal");
    assertThat(personnel.idsOf(personnel.staff(embassy))).containsExactly(ambassador);
    assertThat(messaging.eventsMentioning(secretary.fullName())).isZero();
  }

  @Test
  void malformedJsonIsRefused() {
    String cutShort = "{\"missionId\": \"" + embassy.id() + "\", \"fullName\": \"Consul";

    Response response = personnel.post("/api/staff", cutShort);

    assertBadRequest(response);
    assertThat(response.json().path("title").asString()).isEqualTo("Malformed request body");
    assertThat(personnel.staff(embassy)).isEmpty();
  }

  @Test
  void aMissionIdThatIsNoIdIsRefused() {
    Response response = personnel.post("/api/staff", "{\"missionId\": \"the embassy\"}");

    assertBadRequest(response);
    assertThat(namesTheField(response.json(), "missionId")).as(response.body()).isTrue();
  }

  @Test
  void anEmptyBodyIsRefused() {
    assertBadRequest(personnel.post("/api/staff", ""));
    assertBadRequest(personnel.post("/api/staff", "{}"));
  }

  @Test
  void aStaffMemberNobodyRegisteredIsNotFound() {
    Response response = personnel.get("/api/staff/" + UUID.randomUUID());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as("%s", response.contentType()).isTrue();
    assertThat(response.json().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void lookupsWithBadParametersAreRefused() {
    assertBadRequest(personnel.get("/api/staff/not-a-staff-id"));
    assertBadRequest(personnel.get("/api/staff?missionId=" + embassy.id() + "&status=ON_HOLIDAY"));
    assertBadRequest(personnel.get("/api/staff?missionId=the-embassy"));
  }

  private static void assertBadRequest(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).as("content type").isNotNull();
    assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as("%s", response.contentType()).isTrue();
    JsonNode problem = response.json();
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
  }

  /** As a field error, in the detail of an unreadable body, or as a member of the problem. */
  private static boolean namesTheField(JsonNode problem, String field) {
    for (JsonNode error : problem.path("errors")) {
      if (error.path("field").asString().equals(field)) {
        return true;
      }
    }
    return problem.path("detail").asString().contains("'" + field + "'") || problem.has(field);
  }

  /** Each test has a mission of its own, so its staff list must still be empty. */
  private void assertNothingStored(StaffRegistration refused) {
    assertThat(personnel.staff(embassy)).isEmpty();
    if (refused.missionId() != null) {
      // An unknown mission (like one of another office) is not found; a known one has no staff.
      Response listed = personnel.get("/api/staff?missionId=" + refused.missionId());
      assertThat(listed.status() == 404 || listed.json().path("items").isEmpty()).as(listed.body()).isTrue();
    }
    String distinctive = refused.fullName().isBlank() ? refused.email() : refused.fullName();
    assertThat(messaging.eventsMentioning(distinctive)).as("events about the refused registration").isZero();
  }
}
