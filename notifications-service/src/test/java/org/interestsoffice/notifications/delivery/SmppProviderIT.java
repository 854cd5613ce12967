package org.interestsoffice.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.notifications.fixtures.NotificationsFixtures;
import org.interestsoffice.notifications.fixtures.SmscServer;
import org.interestsoffice.notifications.fixtures.SmscServer.Submitted;
import org.interestsoffice.notifications.fixtures.TestServers;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/**
 * The SMPP provider against a real SMPP session: jsmpp's own server side plays the SMSC in this
 * test, on 127.0.0.1 and an ephemeral port. An alert goes out as submit_sm asking for a receipt, and
 * the receipt marks it DELIVERED (or FAILED) through the same path as the HTTP provider's reports; a
 * person's "si" by deliver_sm acknowledges, anything else gets the help text by submit_sm; when the
 * SMSC drops the session, the client binds again and the next alert goes out.
 *
 * <p>The service runs with its own database and broker namespace: the HTTP-provider context of the
 * other tests may be alive in the same JVM and must not take this one's events.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "notifications.alerts.poll-interval=100ms",
      "notifications.alerts.initial-backoff=200ms",
      "notifications.alerts.max-backoff=1s",
      "notifications.escalation.directory=configured",
      // The .local sender of the defaults, which only development allows.
      "notifications.development-mode=true",
      "notifications.sms.provider=smpp",
      "notifications.sms.rate-per-second=0",
      "notifications.sms.smpp.system-id=" + SmscServer.SYSTEM_ID,
      "notifications.sms.smpp.password=" + SmscServer.PASSWORD,
      "notifications.sms.smpp.source-address=+582125550000",
      "notifications.sms.smpp.window=4",
      "notifications.sms.smpp.rate-per-second=50",
      "notifications.sms.smpp.enquire-link-interval=1s",
      "notifications.sms.smpp.response-timeout=3s",
      "notifications.sms.smpp.reconnect-delay=200ms",
      "notifications.sms.smpp.max-reconnect-delay=1s",
      "notifications.public-base-url=https://alerts.interests-office.example"
    })
@RealInfrastructure(database = "notifications_smpp")
@ContextConfiguration(initializers = TestServers.class)
@Import(NotificationsFixtures.class)
// Closed after the class, with the SMSC: no other test uses this context.
@DirtiesContext
class SmppProviderIT {

  private static final SmscServer SMSC = new SmscServer();
  private static final String NAMESPACE = TestInfrastructure.get().messagingNamespace() + "smpp";

  @DynamicPropertySource
  static void smsc(DynamicPropertyRegistry registry) {
    registry.add("notifications.sms.smpp.host", () -> "127.0.0.1");
    registry.add("notifications.sms.smpp.port", SMSC::port);
    registry.add("platform.messaging.namespace", () -> NAMESPACE);
  }

  @AfterAll
  static void stopSmsc() {
    SMSC.close();
  }

  @Autowired Personnel personnel;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired NotificationsApi api;
  @Autowired Environment environment;

  final TestTokens tokens = TestTokens.get();

  @Test
  void anAlertGoesOutAsSubmitSmAskingForAReceiptAndTheReceiptMarksItDelivered() {
    assertThat(environment.getProperty("platform.messaging.namespace")).as("a broker namespace of its own").isEqualTo(NAMESPACE);
    StaffMember jane = aDiplomat();
    AlertRow sent = alertedBySms(jane);

    Submitted submitted = SMSC.submittedTo(jane.phone()).get(0);
    assertThat(SMSC.submittedTo(jane.phone())).hasSize(1);
    assertThat(submitted.text()).contains("https://alerts.interests-office.example/ack/");
    assertThat(submitted.registeredDelivery()).as("success and failure receipts asked for").isEqualTo((byte) 1);
    assertThat(alertLog.alertsOf(jane.staffId(), "SMS").get(0).attempts()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> SMSC.deliverReceipt(submitted.messageId(), DeliveryReceiptState.DELIVRD));

    AlertRow delivered = alertLog.awaitOnly(jane.staffId(), "SMS", "DELIVERED");
    assertThat(delivered.id()).isEqualTo(sent.id());
    assertThat(viewer().deliveryLogOf(sent.id())).extracting(line -> line.path("status").asString()).containsExactly("QUEUED", "SENT", "DELIVERED");
  }

  @Test
  void anUndeliverableReceiptMarksTheAlertFailedAndReDrivable() {
    StaffMember jane = aDiplomat();
    alertedBySms(jane);
    Submitted submitted = SMSC.submittedTo(jane.phone()).get(0);

    await().atMost(Duration.ofSeconds(10)).until(() -> SMSC.deliverReceipt(submitted.messageId(), DeliveryReceiptState.UNDELIV));

    AlertRow failed = alertLog.awaitOnly(jane.staffId(), "SMS", "FAILED");
    assertThat(failed.lastError()).startsWith("Reported by the SMS provider: UNDELIV");
  }

  @Test
  void aReplySiByDeliverSmAcknowledgesAndAnythingElseGetsTheHelpTextBySubmitSm() {
    StaffMember juan = aDiplomat().named("Juan Pérez").speaking("es");
    AlertRow sent = alertedBySms(juan);

    assertThat(SMSC.deliverFromPerson(juan.phone(), "¿qué?")).isTrue();
    List<Submitted> toJuan = await().atMost(Duration.ofSeconds(10)).until(() -> SMSC.submittedTo(juan.phone()), messages -> messages.size() == 2);
    assertThat(toJuan.get(1).text()).startsWith("No entendimos su respuesta");
    assertThat(toJuan.get(1).registeredDelivery()).as("no receipt for a help text").isEqualTo((byte) 0);

    assertThat(SMSC.deliverFromPerson(juan.phone(), " si ")).isTrue();

    await().atMost(Duration.ofSeconds(10)).until(() -> !viewer().acknowledgedAt(sent.id()).isEmpty());
    assertThat(viewer().deliveryLogOf(sent.id()))
        .filteredOn(line -> line.hasNonNull("reply"))
        .extracting(line -> line.path("reply").asString() + " -> " + line.path("replyOutcome").asString())
        .containsExactly("¿qué? -> HELP_SENT", " si  -> ACKNOWLEDGED");
    assertThat(SMSC.submittedTo(juan.phone())).as("nothing more sent").hasSize(2);
  }

  @Test
  void whenTheSmscDropsTheSessionTheClientBindsAgainAndTheNextAlertGoesOut() {
    StaffMember before = aDiplomat();
    alertedBySms(before);
    int binds = SMSC.binds();
    int session = SMSC.submittedTo(before.phone()).get(0).session();

    SMSC.dropSessions();

    await().atMost(Duration.ofSeconds(15)).until(() -> SMSC.binds() > binds);
    StaffMember after = aDiplomat();
    alertedBySms(after);
    assertThat(SMSC.submittedTo(after.phone())).singleElement().satisfies(message -> assertThat(message.session()).isGreaterThan(session));
  }

  private AlertRow alertedBySms(StaffMember member) {
    personnel.registers(member);
    personnel.ordersDeparture(member, clock.instant().plus(Duration.ofHours(72)));
    return alertLog.awaitOnly(member.staffId(), "SMS", "SENT");
  }

  /** An officer of the office, reading the alerts' API as the console does. */
  private NotificationsApi viewer() {
    return api.as(tokens.officeViewer("CCS"));
  }
}
