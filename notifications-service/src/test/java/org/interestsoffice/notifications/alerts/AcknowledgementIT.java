package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.personnel.DepartureOrder;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
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
 * The acknowledgement link in an alert email, opened and confirmed by a person's browser without
 * an account: a page in their language, one AlertAcknowledged however often they confirm.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "notifications.alerts.poll-interval=100ms",
      "notifications.public-base-url=https://alerts.interests-office.example",
      "logging.level.com.icegreen=warn"
    })
@RealInfrastructure(database = "notifications")
@DirtiesContext
class AcknowledgementIT {

  private static final Instant DUE = Instant.parse("2019-01-26T20:00:00Z");
  private static final Pattern LINK = Pattern.compile("https://alerts\\.interests-office\\.example(/ack/([A-Za-z0-9_-]{43}))");

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

  @Autowired AmqpAdmin amqpAdmin;

  Queue acknowledgements;
  Personnel personnel;
  Mailbox mailbox;
  AlertLog alertLog;
  NotificationsApi api;

  @BeforeEach
  void setUp() {
    acknowledgements = amqpAdmin.declareQueue();
    amqpAdmin.declareBinding(
        BindingBuilder.bind(acknowledgements).to(new TopicExchange(names.of("notifications.events"), true, true)).with("AlertAcknowledged"));
    personnel = new Personnel(rabbit, json, names);
    mailbox = new Mailbox(smtp);
    alertLog = new AlertLog(jdbc);
    api = new NotificationsApi(environment);
  }

  @Test
  void theLinkInTheEmailShowsAConfirmButtonAndConfirmingTwicePublishesOneAlertAcknowledged() {
    StaffMember jane = personnel.registers(aDiplomat());
    DepartureOrder order = personnel.ordersDeparture(jane, DUE);
    String path = ackPathIn(mailbox.awaitEmailTo(jane.email()));
    UUID alertId = alertLog.alertsOf(jane.staffId()).get(0).id();

    Response page = api.browse(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType().toString()).startsWith("text/html");
    assertThat(page.body())
        .contains("<html lang=\"en\">")
        .contains("Departure order: leave by 2019-01-26 20:00 UTC")
        .contains("<form method=\"post\"")
        .contains("I confirm I have received it");
    // Only looking changes nothing.
    assertThat(acknowledgedEvents(alertId)).isZero();

    Response confirmed = api.submit(path);
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(confirmed.body()).contains("Your confirmation has been recorded").doesNotContain("<form");
    Response again = api.submit(path);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("Your confirmation has been recorded");

    // Published once through the outbox, and on the broker for whoever listens.
    JsonNode event = onTheBroker(alertId);
    assertThat(acknowledgedEvents(alertId)).isEqualTo(1);
    assertThat(event.path("type").asString()).isEqualTo("AlertAcknowledged");
    assertThat(event.path("officeCode").asString()).isEqualTo("CCS");
    JsonNode payload = event.path("payload");
    assertThat(payload.path("staffId").asString()).isEqualTo(jane.staffId().toString());
    assertThat(payload.path("missionId").asString()).isEqualTo(jane.mission().missionId().toString());
    assertThat(payload.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(payload.path("deadlineId").asString()).isEqualTo(order.deadlineId().toString());
    assertThat(payload.path("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(payload.path("acknowledgedAt").asString()).isNotBlank();

    // The office sees it.
    Response alert = api.as(TestTokens.get().officeViewer("CCS")).get("/api/alerts/" + alertId);
    assertThat(alert.json().path("alert").path("acknowledgedAt").asString()).isNotBlank();
    Response progress = api.as(TestTokens.get().officeViewer("CCS")).get("/api/missions/" + jane.mission().missionId() + "/alert-progress");
    assertThat(progress.json().path("acknowledged").asLong()).isEqualTo(1);
  }

  @Test
  void aSpanishSpeakerGetsTheLinkAndThePageInSpanish() {
    StaffMember jose = personnel.registers(aDiplomat().named("José Peña").speaking("es"));
    personnel.ordersDeparture(jose, DUE);
    ReceivedEmail email = mailbox.awaitEmailTo(jose.email());
    assertThat(email.body()).contains("Confirme que ha recibido esta orden: https://alerts.interests-office.example/ack/");
    String path = ackPathIn(email);

    Response page = api.browse(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<html lang=\"es\">")
        .contains("Orden de salida")
        .contains("Confirmo que la he recibido")
        .doesNotContain("I confirm");
    Response confirmed = api.submit(path);
    assertThat(confirmed.body()).contains("Su confirmación ha quedado registrada");
  }

  @Test
  void anUnknownLinkGetsAClearPageInEnglishNotAnErrorDump() {
    String madeUp = "/ack/" + "A".repeat(43);
    for (Response response : new Response[] {api.browse(madeUp), api.submit(madeUp), api.browse("/ack/short"), api.submit("/ack/not-a-token")}) {
      assertThat(response.status()).as(response.body()).isEqualTo(404);
      assertThat(response.contentType().toString()).startsWith("text/html");
      assertThat(response.body())
          .contains("<html lang=\"en\">")
          .contains("This link is not valid")
          .doesNotContain("<form")
          .doesNotContain("Exception");
    }
  }

  @Test
  void theDatabaseKeepsOnlyAHashOfTheToken() throws Exception {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, DUE);
    String token = ackPathIn(mailbox.awaitEmailTo(jane.email())).substring("/ack/".length());

    String body = jdbc.sql("select body from alert where staff_id = :staffId").param("staffId", jane.staffId()).query(String.class).single();
    byte[] hash =
        jdbc.sql("select ack_token_hash from alert where staff_id = :staffId").param("staffId", jane.staffId()).query(byte[].class).single();
    assertThat(body).doesNotContain(token);
    assertThat(hash).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  @Test
  void anExpiredLinkSaysSoInThePersonsLanguageAndRecordsNothing() {
    StaffMember jose = personnel.registers(aDiplomat().named("José Peña").speaking("es"));
    personnel.ordersDeparture(jose, DUE);
    String path = ackPathIn(mailbox.awaitEmailTo(jose.email()));
    UUID alertId = alertLog.alertsOf(jose.staffId()).get(0).id();
    // The link's validity has run out (30 days by default).
    jdbc.sql("update alert set ack_expires_at = now() - interval '1 minute' where id = :id").param("id", alertId).update();

    for (Response response : new Response[] {api.browse(path), api.submit(path)}) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType().toString()).startsWith("text/html");
      assertThat(response.body()).contains("<html lang=\"es\">").contains("Este enlace ha caducado").doesNotContain("<form");
    }
    assertThat(acknowledgedEvents(alertId)).isZero();
    assertThat(jdbc.sql("select acknowledged_at is null from alert where id = :id").param("id", alertId).query(Boolean.class).single())
        .isTrue();
  }

  private static String ackPathIn(ReceivedEmail email) {
    Matcher link = LINK.matcher(email.body());
    assertThat(link.find()).as("an acknowledgement link in %s", email.body()).isTrue();
    return link.group(1);
  }

  private long acknowledgedEvents(UUID alertId) {
    return jdbc.sql(
            "select count(*) from platform.outbox_event where type = 'AlertAcknowledged' and envelope -> 'payload' ->> 'alertId' = :alertId")
        .param("alertId", alertId.toString())
        .query(Long.class)
        .single();
  }

  /**
   * Takes the AlertAcknowledged of this alert off a queue of the test's own, bound to
   * notifications' exchange before the event was published (the relay holds an event nobody would
   * receive).
   */
  private JsonNode onTheBroker(UUID alertId) {
    return await()
        .until(
            () -> {
              Message message = rabbit.receive(acknowledgements.getName(), 200);
              return message == null ? null : json.readTree(message.getBody());
            },
            envelope -> envelope != null && envelope.path("payload").path("alertId").asString().equals(alertId.toString()));
  }
}
