package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.AlertLog.AlertRow;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmsProviderServer.SmsRequest;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Nothing twice, and nothing lost, when a message is sent again, with a real HTTP SMS provider that
 * deduplicates by Idempotency-Key: a retry after a timeout is the same message under the same key,
 * and the link the person got still acknowledges; an administrator's re-drive is a new sending under
 * a new key, which the provider really sends. (A re-send after a crash: {@code
 * org.interestsoffice.notifications.CrashBeforeCommitIT}.)
 */
@NotificationsServiceUnderTest
class SendingAgainIT {

  private static final Pattern LINK = Pattern.compile("https://alerts\\.interests-office\\.example(/ack/[A-Za-z0-9_-]{43})");
  private static final String REPORT_KEY = "test-delivery-report-key";

  @Autowired Personnel personnel;
  @Autowired SmsProviderServer provider;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired NotificationsApi api;
  @Autowired JdbcClient jdbc;

  private Instant due() {
    return clock.instant().plus(Duration.ofHours(72));
  }

  @Test
  void aRetryAfterAProviderTimeoutIsTheSameMessageUnderTheSameKeyAndTheLinkThePersonGotAcknowledges() {
    StaffMember jane = personnel.registers(aDiplomat());
    // The provider takes the message, but answers after the service's read timeout (3 s in tests).
    provider.takeButAnswerAfter(jane.phone(), Duration.ofSeconds(6));
    personnel.ordersDeparture(jane, due());

    AlertRow sent = awaitSms(jane, "SENT");
    List<SmsRequest> requests = provider.requestsTo(jane.phone());
    assertThat(requests).hasSize(2);
    assertThat(requests).extracting(SmsRequest::idempotencyKey).containsOnly(sent.id().toString());
    assertThat(requests.get(1).duplicate()).as("the retry is recognised by its key").isTrue();
    assertThat(requests.get(1).text()).as("the same message, link included").isEqualTo(requests.get(0).text());
    assertThat(provider.sentTo(jane.phone())).as("messages the person got").hasSize(1);
    assertThat(deliveryLogOf(sent.id())).extracting(attempt -> attempt.path("status").asString()).containsExactly("QUEUED", "RETRYING", "SENT");
    assertThat(deliveryLogOf(sent.id()).get(1).path("error").asString()).contains("Timeout");

    // The person confirms with the link in the one message they got, the one whose answer timed out.
    Response confirmed = api.submit(linkIn(requests.get(0).text()));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.body()).contains("Your confirmation has been recorded");
    assertThat(api.get("/api/alerts/" + sent.id()).json().path("alert").path("acknowledgedAt").asString()).isNotBlank();
  }

  @Test
  void aReDriveIsANewSendingUnderANewKeyThatTheProviderReallySendsAndTheEarlierLinkKeepsWorking() {
    StaffMember jane = personnel.registers(aDiplomat());
    personnel.ordersDeparture(jane, due());
    AlertRow sent = awaitSms(jane, "SENT");
    SmsRequest first = provider.sentTo(jane.phone()).get(0);
    assertThat(first.idempotencyKey()).isEqualTo(sent.id().toString());
    // The provider took it, then reports that it never reached the handset; an administrator re-drives it.
    Response failed =
        api.postJson("/sms/delivery-reports", "{\"id\": \"" + first.id() + "\", \"status\": \"FAILED\", \"error\": \"handset off\"}", "X-Api-Key", REPORT_KEY);
    assertThat(failed.status()).as(failed.body()).isEqualTo(200);
    Response redriven = api.post("/api/dead-letters/" + sent.id() + "/redrive");
    assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);

    List<SmsRequest> sentTwice = await().atMost(Duration.ofSeconds(30)).until(() -> provider.sentTo(jane.phone()), messages -> messages.size() == 2);
    SmsRequest again = sentTwice.get(1);
    assertThat(again.idempotencyKey()).as("a new key").isEqualTo(sent.id() + "-r1").isNotEqualTo(first.idempotencyKey());
    assertThat(again.reference()).as("still the same alert").isEqualTo(sent.id().toString());
    assertThat(again.duplicate()).isFalse();
    AlertRow resent = awaitSms(jane, "SENT");
    assertThat(resent.id()).isEqualTo(sent.id());
    assertThat(deliveryLogOf(sent.id()))
        .extracting(attempt -> attempt.path("status").asString())
        .containsExactly("QUEUED", "SENT", "FAILED", "QUEUED", "SENT");

    // The link of the first message still works, and so does the new one.
    String earlierLink = linkIn(first.text());
    String newLink = linkIn(again.text());
    assertThat(newLink).isNotEqualTo(earlierLink);
    assertThat(api.browse(newLink).body()).contains("I confirm I have received it");
    Response confirmed = api.submit(earlierLink);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.body()).contains("Your confirmation has been recorded");
    assertThat(api.browse(newLink).body()).contains("Your confirmation has been recorded");
  }

  @Test
  void aReDrivenEmailGoesOutUnderANewMessageId() {
    StaffMember jane = personnel.registers(aDiplomat().reachableAt("not-an-address", aDiplomat().phone()));
    personnel.ordersDeparture(jane, due());
    AlertRow dead = await().atMost(Duration.ofSeconds(30)).until(() -> alertLog.alertsOf(jane.staffId(), "EMAIL"), rows -> rows.size() == 1 && rows.get(0).status().equals("DEAD")).get(0);
    personnel.changesContactOf(jane.reachableAt("jane.fixed@state.example", jane.phone()));

    assertThat(api.post("/api/dead-letters/" + dead.id() + "/redrive").status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> alertLog.alertsOf(jane.staffId(), "EMAIL").get(0).status().equals("SENT"));
    String messageId = jdbc.sql("select provider_message_id from alert where id = :id").param("id", dead.id()).query(String.class).single();
    assertThat(messageId).isEqualTo("<alert-" + dead.id() + "@r1.interests-office>");
  }

  private static String linkIn(String text) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("an acknowledgement link in %s", text).isTrue();
    return link.group(1);
  }

  private AlertRow awaitSms(StaffMember member, String status) {
    return alertLog.awaitOnly(member.staffId(), "SMS", status);
  }

  private List<JsonNode> deliveryLogOf(UUID alertId) {
    return api.deliveryLogOf(alertId);
  }

}
