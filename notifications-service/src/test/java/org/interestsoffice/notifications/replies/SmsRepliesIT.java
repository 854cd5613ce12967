package org.interestsoffice.notifications.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.notifications.fixtures.NotificationsEvents;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmsProviderServer.SmsRequest;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * People answer their SMS alert by SMS, through the HTTP provider's inbound webhook: an
 * acknowledging word acknowledges the latest unacknowledged alert once (the same AlertAcknowledged
 * as the link), anything else gets one help text per alert in the person's language, an unknown
 * number changes nothing, and a message the provider delivers twice counts once.
 */
@NotificationsServiceUnderTest
class SmsRepliesIT {

  private static final String PROVIDER_KEY = "test-delivery-report-key";

  @Autowired Personnel personnel;
  @Autowired SmsProviderServer provider;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired NotificationsApi api;
  @Autowired NotificationsEvents published;
  @Autowired JdbcClient jdbc;

  final TestTokens tokens = TestTokens.get();

  @Test
  void aReplyOfSiAcknowledgesTheLatestAlertOnceEvenWhenTheProviderDeliversItTwice() {
    StaffMember jane = aDiplomat().speaking("es");
    AlertRow sms = alertedBySms(jane);
    String reply = inbound("in-" + UUID.randomUUID(), jane.phone(), "  Sí ");

    Response first = api.postJson("/sms/inbound", reply, "X-Api-Key", PROVIDER_KEY);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("outcome").asString()).isEqualTo("ACKNOWLEDGED");
    // The provider did not get the answer and delivers the same message again: one effect.
    Response again = api.postJson("/sms/inbound", reply, "X-Api-Key", PROVIDER_KEY);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("outcome").asString()).isEqualTo("ACKNOWLEDGED");

    assertThat(viewer().acknowledgedAt(sms.id())).isNotBlank();
    assertThat(await().until(() -> published.received("AlertAcknowledged", jane.staffId()), events -> !events.isEmpty()))
        .singleElement()
        .satisfies(event -> assertThat(event.payload().path("alertId").asString()).isEqualTo(sms.id().toString()));
    assertThat(alertLog.acknowledgedEvents(sms.id())).isEqualTo(1);
    // The alert's log shows the reply, once.
    List<JsonNode> replies = repliesIn(viewer().deliveryLogOf(sms.id()));
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).path("reply").asString()).isEqualTo("  Sí ");
    assertThat(replies.get(0).path("replyOutcome").asString()).isEqualTo("ACKNOWLEDGED");
    // Nothing was sent back: an acknowledgement needs no answer.
    assertThat(provider.requestsTo(jane.phone())).hasSize(1);
  }

  @Test
  void aReplyThatIsNotUnderstoodGetsOneHelpTextPerAlertInThePersonsLanguage() {
    StaffMember juan = aDiplomat().named("Juan Pérez").speaking("es");
    AlertRow sms = alertedBySms(juan);

    Response first = api.postJson("/sms/inbound", inbound("in-" + UUID.randomUUID(), juan.phone(), "¿Qué hago?"), "X-Api-Key", PROVIDER_KEY);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("outcome").asString()).isEqualTo("HELP_SENT");
    Response second = api.postJson("/sms/inbound", inbound("in-" + UUID.randomUUID(), juan.phone(), "no entiendo"), "X-Api-Key", PROVIDER_KEY);
    assertThat(second.json().path("outcome").asString()).isEqualTo("NOT_UNDERSTOOD");

    List<SmsRequest> toJuan = provider.requestsTo(juan.phone());
    assertThat(toJuan).as("the alert, then one help text").hasSize(2);
    SmsRequest help = toJuan.get(1);
    assertThat(help.text()).startsWith("No entendimos su respuesta").contains("responda SI");
    assertThat(help.idempotencyKey()).isEqualTo(sms.id() + "-help");
    assertThat(help.reference()).as("no delivery report asked for a help text").isEmpty();
    assertThat(viewer().acknowledgedAt(sms.id())).isEmpty();
    assertThat(repliesIn(viewer().deliveryLogOf(sms.id())))
        .extracting(line -> line.path("reply").asString() + " -> " + line.path("replyOutcome").asString())
        .containsExactly("¿Qué hago? -> HELP_SENT", "no entiendo -> NOT_UNDERSTOOD");

    // Then the right answer still acknowledges.
    Response yes = api.postJson("/sms/inbound", inbound("in-" + UUID.randomUUID(), juan.phone(), "si"), "X-Api-Key", PROVIDER_KEY);
    assertThat(yes.json().path("outcome").asString()).isEqualTo("ACKNOWLEDGED");
  }

  @Test
  void anEnglishSpeakerGetsTheHelpTextInEnglish() {
    StaffMember jane = aDiplomat();
    alertedBySms(jane);

    Response reply = api.postJson("/sms/inbound", inbound("in-" + UUID.randomUUID(), jane.phone(), "what?"), "X-Api-Key", PROVIDER_KEY);

    assertThat(reply.json().path("outcome").asString()).isEqualTo("HELP_SENT");
    assertThat(provider.requestsTo(jane.phone()).get(1).text()).startsWith("We did not understand your reply").contains("reply YES");
  }

  @Test
  void aReplyFromAnUnknownNumberChangesNothingAndIsTakenSoTheProviderStopsRetrying() {
    StaffMember jane = aDiplomat();
    AlertRow sms = alertedBySms(jane);
    String stranger = "+1303" + (1_000_000 + Math.abs(UUID.randomUUID().hashCode() % 8_999_999));
    String id = "in-" + UUID.randomUUID();

    Response reply = api.postJson("/sms/inbound", inbound(id, stranger, "OK"), "X-Api-Key", PROVIDER_KEY);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("outcome").asString()).isEqualTo("UNKNOWN_SENDER");
    assertThat(viewer().acknowledgedAt(sms.id())).isEmpty();
    assertThat(repliesIn(viewer().deliveryLogOf(sms.id()))).isEmpty();
    assertThat(provider.requestsTo(stranger)).isEmpty();
    assertThat(jdbc.sql("select outcome from sms_reply where provider_message_id = :id").param("id", id).query(String.class).single())
        .isEqualTo("UNKNOWN_SENDER");
  }

  @Test
  void aPersonWithNothingToAcknowledgeChangesNothing() {
    StaffMember jane = aDiplomat();
    alertedBySms(jane);
    assertThat(api.postJson("/sms/inbound", inbound("in-" + UUID.randomUUID(), jane.phone(), "ok"), "X-Api-Key", PROVIDER_KEY).json().path("outcome").asString())
        .isEqualTo("ACKNOWLEDGED");

    Response again = api.postJson("/sms/inbound", inbound("in-" + UUID.randomUUID(), jane.phone(), "OK"), "X-Api-Key", PROVIDER_KEY);

    assertThat(again.json().path("outcome").asString()).isEqualTo("NO_OPEN_ALERT");
    assertThat(published.received("AlertAcknowledged", jane.staffId())).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void inboundMessagesWithoutTheProvidersKeyOrInvalidAreRefusedAsProblems() {
    String reply = inbound("in-" + UUID.randomUUID(), "+12025550100", "OK");

    Response noKey = api.postJson("/sms/inbound", reply, null, null);
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.contentType().toString()).startsWith("application/problem+json");
    assertThat(api.postJson("/sms/inbound", reply, "X-Api-Key", "wrong").status()).isEqualTo(401);
    Response noSender = api.postJson("/sms/inbound", "{\"id\": \"x\", \"text\": \"OK\"}", "X-Api-Key", PROVIDER_KEY);
    assertThat(noSender.status()).isEqualTo(400);
    assertThat(noSender.contentType().toString()).startsWith("application/problem+json");
    assertThat(noSender.json().path("errors").toString()).contains("from");
    assertThat(api.postJson("/sms/inbound", "{\"from\": \"+12025550100\", \"text\": \"OK\"}", "X-Api-Key", PROVIDER_KEY).status()).isEqualTo(400);
    assertThat(api.postJson("/sms/inbound", "not json", "X-Api-Key", PROVIDER_KEY).status()).isEqualTo(400);
  }

  private AlertRow alertedBySms(StaffMember member) {
    personnel.registers(member);
    personnel.ordersDeparture(member, clock.instant().plus(Duration.ofHours(72)));
    return alertLog.awaitOnly(member.staffId(), "SMS", "SENT");
  }

  private static String inbound(String id, String from, String text) {
    return "{\"id\": \"" + id + "\", \"from\": \"" + from + "\", \"to\": \"+582125550000\", \"text\": \"" + text.replace("\t", "\\t") + "\"}";
  }



  private static List<JsonNode> repliesIn(List<JsonNode> log) {
    return log.stream().filter(line -> line.hasNonNull("reply")).toList();
  }

  /** An officer of the office, reading the alerts' API as the console does. */
  private NotificationsApi viewer() {
    return api.as(tokens.officeViewer("CCS"));
  }
}
