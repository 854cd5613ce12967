package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.interestsoffice.personnel.fixtures.Mission.aMission;
import static org.interestsoffice.personnel.fixtures.StaffRegistration.aDiplomat;

import java.util.UUID;

import org.interestsoffice.personnel.PersonnelServiceUnderTest;
import org.interestsoffice.personnel.fixtures.MessagingRecords;
import org.interestsoffice.personnel.fixtures.Mission;
import org.interestsoffice.personnel.fixtures.MissionsService;
import org.interestsoffice.personnel.fixtures.PersonnelApi;
import org.interestsoffice.personnel.fixtures.PersonnelApi.Response;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Personal data stays in its office: a user of another office neither reads nor adds to a
 * mission's staff, whatever their role, and a viewer of the office only reads.
 */
@PersonnelServiceUnderTest
class OfficeScopeIT {

  @Autowired MissionsService missionsService;
  @Autowired PersonnelApi personnel;
  @Autowired MessagingRecords messaging;

  private final TestTokens tokens = TestTokens.get();
  private Mission caracas;
  private UUID caracasDiplomat;

  @BeforeEach
  void aCaracasMissionWithStaff() {
    caracas = aMission().inCaracas();
    messaging.awaitProcessed(missionsService.registers(caracas));
    caracasDiplomat = personnel.as(tokens.officeOfficer("CCS")).registers(aDiplomat().in(caracas));
  }

  @Test
  void aWashingtonUserCannotReadCaracasStaff() {
    for (String token : new String[] {tokens.officeHead("WAS"), tokens.officeOfficer("WAS"), tokens.officeViewer("WAS")}) {
      PersonnelApi washington = personnel.as(token);
      Response member = washington.get("/api/staff/" + caracasDiplomat);
      assertThat(member.status()).as("a staff member of another office does not exist for them").isEqualTo(404);
      assertThat(member.body()).doesNotContain("@");
      Response list = washington.get("/api/staff?missionId=" + caracas.id());
      assertThat(list.status()).isEqualTo(404);
      Response all = washington.get("/api/staff");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.body()).doesNotContain(caracasDiplomat.toString());
    }
  }

  @Test
  void aWashingtonOfficerCannotRegisterStaffIntoACaracasMission() {
    Response refused = personnel.as(tokens.officeOfficer("WAS")).register(aDiplomat().in(caracas));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("title").asString()).isEqualTo("Unknown mission");
    assertThat(personnel.staff(caracas)).hasSize(1);
  }

  @Test
  void aCaracasViewerReadsButDoesNotRegister() {
    PersonnelApi viewer = personnel.as(tokens.officeViewer("CCS"));

    assertThat(viewer.get("/api/staff/" + caracasDiplomat).status()).isEqualTo(200);
    assertThat(viewer.get("/api/staff?missionId=" + caracas.id()).status()).isEqualTo(200);
    Response refused = viewer.register(aDiplomat().in(caracas));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("title").asString()).isEqualTo("Forbidden");
    assertThat(personnel.staff(caracas)).hasSize(1);
  }

  @Test
  void withoutATokenNothingIsAnswered() {
    Response refused = personnel.as("not-a-token").get("/api/staff/" + caracasDiplomat);

    assertThat(refused.status()).isEqualTo(401);
  }
}
