package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery log through the API: each alert with every attempt, a mission's progress, and
 * the office scope (another office's alerts and missions do not exist for the caller).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "notifications.alerts.poll-interval=100ms",
      "logging.level.com.icegreen=warn"
    })
@RealInfrastructure(database = "notifications")
@DirtiesContext
class AlertsApiIT {

  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> smtp.getSmtp().getBindTo());
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired JsonMapper json;
  @Autowired MessagingNames names;
  @Autowired JdbcClient jdbc;
  @Autowired Environment environment;

  private final TestTokens tokens = TestTokens.get();
  Personnel personnel;
  Mailbox mailbox;
  AlertLog alertLog;
  NotificationsApi api;

  @BeforeEach
  void setUp() {
    personnel = new Personnel(rabbit, json, names);
    mailbox = new Mailbox(smtp);
    alertLog = new AlertLog(jdbc);
    api = new NotificationsApi(environment);
  }

  @Test
  void anOfficeReadsEachAlertWithItsDeliveryLogAndTheMissionsProgress() {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, DUE);
    mailbox.awaitEmailTo(jane.email());
    UUID alertId = awaitSent(jane);

    for (String token : new String[] {tokens.officeViewer("CCS"), tokens.officeOfficer("CCS"), tokens.officeHead("CCS")}) {
      NotificationsApi caracas = api.as(token);

      Response alert = caracas.get("/api/alerts/" + alertId);
      assertThat(alert.status()).as(alert.body()).isEqualTo(200);
      assertThat(alert.json().path("alert").path("staffId").asString()).isEqualTo(jane.staffId().toString());
      assertThat(alert.json().path("alert").path("status").asString()).isEqualTo("SENT");
      assertThat(alert.json().path("alert").path("channel").asString()).isEqualTo("EMAIL");
      assertThat(statusesOf(alert.json().path("deliveryLog"))).containsExactly("QUEUED", "SENT");
      // The API shows delivery, not the person's address.
      assertThat(alert.body()).doesNotContain(jane.email());

      Response list = caracas.get("/api/alerts?missionId=" + jane.mission().missionId());
      assertThat(list.status()).as(list.body()).isEqualTo(200);
      assertThat(idsOf(list.json())).containsExactly(alertId.toString());

      Response progress = caracas.get("/api/missions/" + jane.mission().missionId() + "/alert-progress");
      assertThat(progress.status()).as(progress.body()).isEqualTo(200);
      assertThat(progress.json().path("total").asLong()).isEqualTo(1);
      assertThat(progress.json().path("sent").asLong()).isEqualTo(1);
      assertThat(progress.json().path("queued").asLong()).isZero();
      assertThat(progress.json().path("dead").asLong()).isZero();
      assertThat(progress.json().path("acknowledged").asLong()).isZero();
    }
  }

  @Test
  void listsFilterByStaffMemberAndStatus() {
    StaffMember jane = personnel.registers(aDiplomat());
    StaffMember john = personnel.registers(new StaffMember(
        UUID.randomUUID(), jane.mission(), "John Roe", "DIPLOMATIC_AGENT", "john-" + UUID.randomUUID().toString().substring(0, 8) + "@state.example", "+12025550100", "en"));
    personnel.ordersDeparture(jane, DUE);
    personnel.ordersDeparture(john, DUE);
    UUID janesAlert = awaitSent(jane);
    UUID johnsAlert = awaitSent(john);
    NotificationsApi caracas = api.as(tokens.officeOfficer("CCS"));

    assertThat(idsOf(caracas.get("/api/alerts?missionId=" + jane.mission().missionId()).json()))
        .containsExactlyInAnyOrder(janesAlert.toString(), johnsAlert.toString());
    assertThat(idsOf(caracas.get("/api/alerts?staffId=" + john.staffId()).json())).containsExactly(johnsAlert.toString());
    assertThat(idsOf(caracas.get("/api/alerts?missionId=" + jane.mission().missionId() + "&status=SENT").json()))
        .hasSize(2);
    assertThat(idsOf(caracas.get("/api/alerts?missionId=" + jane.mission().missionId() + "&status=DEAD").json())).isEmpty();
  }

  @Test
  void aUserOfAnotherOfficeFindsNeitherTheAlertsNorTheMission() {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, DUE);
    UUID alertId = awaitSent(jane);
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
      assertThat(byStaff.json()).isEmpty();
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
    assertThat(api.as("not-a-token").get("/api/alerts").status()).isEqualTo(401);
  }

  private UUID awaitSent(StaffMember member) {
    return await()
        .until(() -> alertLog.alertsOf(member.staffId()), rows -> rows.size() == 1 && rows.get(0).status().equals("SENT"))
        .get(0)
        .id();
  }

  private static List<String> statusesOf(JsonNode attempts) {
    List<String> statuses = new ArrayList<>();
    attempts.forEach(attempt -> statuses.add(attempt.path("status").asString()));
    return statuses;
  }

  private static List<String> idsOf(JsonNode alerts) {
    List<String> ids = new ArrayList<>();
    alerts.forEach(alert -> ids.add(alert.path("id").asString()));
    return ids;
  }
}
