package org.interestsoffice.notifications.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.fixtures.AlertLog;
import org.interestsoffice.notifications.fixtures.MovableClock;
import org.interestsoffice.notifications.fixtures.NotificationsEvents;
import org.interestsoffice.notifications.fixtures.ReceivedEmail;
import org.interestsoffice.notifications.fixtures.SmtpServer;
import org.interestsoffice.notifications.personnel.Mission;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * No acknowledgement within the configured time (6 hours here) → the heads of the person's office
 * are told, once, in their language, and {@code AlertEscalated} is published. An acknowledgement
 * by link, a departure or a designation as remaining staff stops it.
 */
@NotificationsServiceUnderTest
class EscalationIT {

  private static final Pattern LINK = Pattern.compile("https://alerts\\.interests-office\\.example(/ack/[A-Za-z0-9_-]{43})");
  private static final String CARACAS_HEAD = "ccs.head@state.example";

  @Autowired Personnel personnel;
  @Autowired SmtpServer smtp;
  @Autowired AlertLog alertLog;
  @Autowired MovableClock clock;
  @Autowired NotificationsApi api;
  @Autowired NotificationsEvents published;

  @Test
  void anOrderNobodyAcknowledgesIsEscalatedOnceToTheOfficeHead() {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Unreachable"));
    Instant due = clock.instant().plus(Duration.ofHours(72));
    personnel.ordersDeparture(jane, due);
    smtp.awaitEmailTo(jane.email());
    assertThat(alertLog.escalationStatus(jane.staffId())).isEqualTo("WAITING");

    clock.advance(Duration.ofHours(6).plusSeconds(1));

    ReceivedEmail escalation = awaitEscalationAbout(CARACAS_HEAD, "Jane Unreachable");
    assertThat(escalation.subject()).isEqualTo("Departure order not acknowledged: Jane Unreachable");
    assertThat(escalation.body())
        .contains("Jane Unreachable has not confirmed receiving their departure order.")
        .contains("Mission: Embassy of the United States in Caracas (office CCS)")
        .contains("Deadline: " + Times.utc(due))
        .doesNotContain("/ack/");
    EventEnvelope escalated = await().until(() -> published.received("AlertEscalated", jane.staffId()), events -> events.size() == 1).get(0);
    assertThat(escalated.officeCode()).isEqualTo("CCS");
    JsonNode payload = escalated.payload();
    assertThat(payload.path("missionId").asString()).isEqualTo(jane.mission().missionId().toString());
    assertThat(payload.path("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(payload.path("officeHeadsNotified").asInt()).isEqualTo(1);
    assertThat(alertLog.escalationStatus(jane.staffId())).isEqualTo("ESCALATED");

    // Once: later passes of the clock tell nobody again.
    clock.advance(Duration.ofHours(7));
    StaffMember marker = personnel.registers(aDiplomat().named("Marker After Escalation"));
    personnel.ordersDeparture(marker, clock.instant().plus(Duration.ofHours(72)));
    // Ordered, and its watch started, before the clock moves on.
    smtp.awaitEmailTo(marker.email());
    clock.advance(Duration.ofHours(6).plusSeconds(1));
    awaitEscalationAbout(CARACAS_HEAD, "Marker After Escalation");
    assertThat(escalationsAbout(CARACAS_HEAD, "Jane Unreachable")).hasSize(1);
    assertThat(published.received("AlertEscalated", jane.staffId())).hasSize(1);
    assertThat(alertLog.alertsOf(jane.staffId()).stream().filter(row -> row.audience().equals("OFFICE_HEAD")))
        .singleElement()
        .satisfies(row -> assertThat(row.slot()).isEqualTo("ESCALATION:" + CARACAS_HEAD));
  }

  @Test
  void acknowledgingByTheLinkStopsTheEscalation() {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Acknowledges"));
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    String link = linkIn(smtp.awaitEmailTo(jane.email()));

    assertThat(api.submit(link).body()).contains("Your confirmation has been recorded");
    assertThat(alertLog.escalationStatus(jane.staffId())).isEqualTo("SETTLED");
    clock.advance(Duration.ofHours(6).plusSeconds(1));
    StaffMember marker = personnel.registers(aDiplomat().named("Marker After Acknowledgement"));
    personnel.ordersDeparture(marker, clock.instant().plus(Duration.ofHours(72)));
    // Ordered, and its watch started, before the clock moves on.
    smtp.awaitEmailTo(marker.email());
    clock.advance(Duration.ofHours(6).plusSeconds(1));
    awaitEscalationAbout(CARACAS_HEAD, "Marker After Acknowledgement");

    assertThat(escalationsAbout(CARACAS_HEAD, "Jane Acknowledges")).isEmpty();
    assertThat(published.received("AlertEscalated", jane.staffId())).isEmpty();
  }

  @Test
  void theHeadsOfAnotherOfficeAreToldInTheirOwnLanguages() {
    StaffMember jose = personnel.registers(aDiplomat().of(Mission.embassyInWashington()).named("José Sin Respuesta").speaking("es"));
    personnel.ordersDeparture(jose, clock.instant().plus(Duration.ofHours(72)));
    smtp.awaitEmailTo(jose.email());

    clock.advance(Duration.ofHours(6).plusSeconds(1));

    assertThat(awaitEscalationAbout("was.head@mppre.example", "José Sin Respuesta").subject())
        .isEqualTo("Orden de salida sin confirmar: José Sin Respuesta");
    assertThat(awaitEscalationAbout("was.deputy@mppre.example", "José Sin Respuesta").subject())
        .isEqualTo("Departure order not acknowledged: José Sin Respuesta");
    assertThat(escalationsAbout(CARACAS_HEAD, "José Sin Respuesta")).as("another office's head hears nothing").isEmpty();
    assertThat(await().until(() -> published.received("AlertEscalated", jose.staffId()), events -> events.size() == 1).get(0)
            .payload().path("officeHeadsNotified").asInt())
        .isEqualTo(2);
  }

  @Test
  void someoneWhoLeftIsNotEscalated() {
    StaffMember jane = personnel.registers(aDiplomat().named("Jane Left In Time"));
    personnel.ordersDeparture(jane, clock.instant().plus(Duration.ofHours(72)));
    smtp.awaitEmailTo(jane.email());
    personnel.departs(jane);
    await().until(() -> "CANCELLED".equals(alertLog.escalationStatus(jane.staffId())));

    clock.advance(Duration.ofHours(6).plusSeconds(1));
    StaffMember marker = personnel.registers(aDiplomat().named("Marker After Departure"));
    personnel.ordersDeparture(marker, clock.instant().plus(Duration.ofHours(72)));
    // Ordered, and its watch started, before the clock moves on.
    smtp.awaitEmailTo(marker.email());
    clock.advance(Duration.ofHours(6).plusSeconds(1));
    awaitEscalationAbout(CARACAS_HEAD, "Marker After Departure");

    assertThat(escalationsAbout(CARACAS_HEAD, "Jane Left In Time")).isEmpty();
  }

  private ReceivedEmail awaitEscalationAbout(String head, String name) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> escalationsAbout(head, name), emails -> emails.size() == 1).get(0);
  }

  private List<ReceivedEmail> escalationsAbout(String head, String name) {
    return smtp.emailsTo(head).stream().filter(email -> email.subject().endsWith(": " + name)).toList();
  }

  private static String linkIn(ReceivedEmail email) {
    Matcher matcher = LINK.matcher(email.body());
    assertThat(matcher.find()).as("a link in %s", email.body()).isTrue();
    return matcher.group(1);
  }
}
