package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Eventually.eventually;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.util.List;
import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.personnel.fixtures.PersonnelEvents;
import org.interestsoffice.personnel.fixtures.StaffRegistration;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** {@code PATCH /api/staff/{id}}: the contact details alerts go to, announced to notifications. */
@PersonnelServiceUnderTest
class ChangingContactDetailsIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired PersonnelEvents published;
  @Autowired MessagingRecords messaging;

  final TestTokens tokens = TestTokens.get();
  Mission embassy;
  StaffRegistration consul;
  UUID consulId;

  @BeforeEach
  void aConsulInCaracas() {
    embassy = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(embassy));
    consul = aDiplomat().in(embassy).speaking("en");
    consulId = personnel.registers(consul);
  }

  @Test
  void anOfficerChangesTheContactDetailsAndNotificationsIsToldAllOfThem() {
    Response changed =
        personnel.as(tokens.officeOfficer("CCS")).patch("/api/staff/" + consulId, """
            {"phone": "+12025550147", "preferredLanguage": "es"}""");

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    JsonNode member = personnel.staffMember(consulId);
    assertThat(member.path("phone").asString()).isEqualTo("+12025550147");
    assertThat(member.path("preferredLanguage").asString()).isEqualTo("es");
    assertThat(member.path("email").asString()).as("unchanged").isEqualTo(consul.email());
    assertThat(member.path("fullName").asString()).as("unchanged").isEqualTo(consul.fullName());

    eventually().until(() -> published.received("StaffContactChanged", consulId).size() == 1);
    EventEnvelope event = published.received("StaffContactChanged", consulId).get(0);
    assertThat(event.officeCode()).isEqualTo("CCS");
    assertThat(event.version()).isEqualTo(1);
    JsonNode payload = event.payload();
    assertThat(payload.path("missionId").asString()).isEqualTo(embassy.id().toString());
    assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(payload.path("fullName").asString()).isEqualTo(consul.fullName());
    assertThat(payload.path("email").asString()).isEqualTo(consul.email());
    assertThat(payload.path("phone").asString()).isEqualTo("+12025550147");
    assertThat(payload.path("preferredLanguage").asString()).isEqualTo("es");
  }

  @Test
  void eachChangeCarriesAHigherContactVersionThanTheRegistrationAndTheChangesBefore() {
    personnel.patch("/api/staff/" + consulId, "{\"phone\": \"+12025550148\"}");
    personnel.patch("/api/staff/" + consulId, "{\"phone\": \"+12025550149\"}");

    eventually().until(() -> published.received("StaffContactChanged", consulId).size() == 2);
    eventually().until(() -> published.received("StaffRegistered", consulId).size() == 1);
    long registered = published.received("StaffRegistered", consulId).get(0).payload().path("contactVersion").asLong(-1);
    List<Long> changes = published.received("StaffContactChanged", consulId).stream()
        .sorted(java.util.Comparator.comparing(event -> event.payload().path("phone").asString()))
        .map(event -> event.payload().path("contactVersion").asLong(-1))
        .toList();
    assertThat(registered).as("the registration's version").isNotNegative();
    assertThat(changes.get(0)).as("first change (…48)").isGreaterThan(registered);
    assertThat(changes.get(1)).as("second change (…49)").isGreaterThan(changes.get(0));
  }

  @Test
  void aChangeThatChangesNothingIsNotAnnounced() {
    Response same = personnel.patch("/api/staff/" + consulId, "{\"email\": \"" + consul.email() + "\"}");

    assertThat(same.status()).as(same.body()).isEqualTo(200);
    assertThat(messaging.written("StaffContactChanged", consulId)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "an email address that is not one | {\"email\": \"consul.at.state.example\"}    | email",
        "a phone number not in E.164       | {\"phone\": \"0412-1234567\"}               | phone",
        "a language alerts are not in      | {\"preferredLanguage\": \"fr\"}             | preferredLanguage",
        "a blank name                      | {\"fullName\": \"   \"}                     | fullName",
        "nothing to change                 | {}                                        | anyField"
      })
  void badChangesAreRefusedAndChangeNothing(String what, String body, String field) {
    Response refused = personnel.patch("/api/staff/" + consulId, body);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(refused.invalidFields()).contains(field);
    JsonNode member = personnel.staffMember(consulId);
    assertThat(member.path("email").asString()).isEqualTo(consul.email());
    assertThat(member.path("phone").asString()).isEqualTo(consul.phone());
    assertThat(member.path("preferredLanguage").asString()).isEqualTo("en");
    assertThat(messaging.written("StaffContactChanged", consulId)).isZero();
  }

  @Test
  void malformedJsonAndUnknownStaffAreRefused() {
    assertThat(personnel.patch("/api/staff/" + consulId, "{\"phone\": ").status()).isEqualTo(400);
    assertThat(personnel.patch("/api/staff/" + UUID.randomUUID(), "{\"phone\": \"+12025550147\"}").status()).isEqualTo(404);
    assertThat(personnel.patch("/api/staff/not-an-id", "{\"phone\": \"+12025550147\"}").status()).isEqualTo(400);
  }

  @Test
  void aViewerMayNotChangeAndAnotherOfficeDoesNotSeeThePerson() {
    String change = "{\"phone\": \"+12025550147\"}";
    assertThat(personnel.as(tokens.officeViewer("CCS")).patch("/api/staff/" + consulId, change).status()).isEqualTo(403);
    for (String token : new String[] {tokens.officeHead("WAS"), tokens.officeOfficer("WAS")}) {
      Response refused = personnel.as(token).patch("/api/staff/" + consulId, change);
      assertThat(refused.status()).isEqualTo(404);
      assertThat(refused.body()).doesNotContain(consul.email());
    }
    assertThat(personnel.staffMember(consulId).path("phone").asString()).isEqualTo(consul.phone());
    assertThat(messaging.written("StaffContactChanged", consulId)).isZero();
  }
}
