package org.interestsoffice.notifications.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.util.Optional;
import java.util.stream.StreamSupport;

import org.interestsoffice.notifications.NotificationsServiceUnderTest;
import org.interestsoffice.notifications.api.NotificationsApi;
import org.interestsoffice.notifications.api.NotificationsApi.Response;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * An event notifications' consumer gives up on, with the real broker: kept with its reason, listed
 * for ministry administrators only, and re-driven to the queue it failed in.
 */
@NotificationsServiceUnderTest
class DeadLettersIT {

  @Autowired Personnel personnel;
  @Autowired NotificationsApi api;
  @Autowired JdbcClient jdbc;

  final TestTokens tokens = TestTokens.get();

  @Test
  void anEventOfAnUnknownVersionIsKeptListedForTheMinistryAndReDrivenThroughTheOutbox() {
    StaffMember jane = aDiplomat();
    EventEnvelope future = personnel.publishesAFutureVersionOf(jane);

    JsonNode dead = await().until(() -> deadLetterOf(future), Optional::isPresent).orElseThrow();
    assertThat(dead.path("kind").asString()).isEqualTo("EVENT");
    assertThat(dead.path("type").asString()).isEqualTo("StaffDeparted");
    assertThat(dead.path("officeCode").asString()).isEqualTo("CCS");
    assertThat(dead.path("queue").asString()).endsWith("notifications.personnel-events");
    assertThat(dead.path("reason").asString()).contains("No handler for StaffDeparted version 2");
    assertThat(dead.path("status").asString()).isEqualTo("WAITING");
    assertThat(processedTimes(future)).isZero();

    // Nobody but a ministry administrator sees or moves them.
    for (String token : new String[] {tokens.officeHead("CCS"), tokens.officeOfficer("CCS"), tokens.officeViewer("CCS")}) {
      Response list = api.as(token).get("/api/dead-letters");
      assertThat(list.status()).isEqualTo(403);
      assertThat(list.contentType().toString()).startsWith("application/problem+json");
      assertThat(api.as(token).post("/api/dead-letters/" + dead.path("id").asString() + "/redrive").status()).isEqualTo(403);
    }

    // Re-driven (the consumer has not been upgraded yet, so it fails and comes back a second time).
    Response redriven = api.post("/api/dead-letters/" + dead.path("id").asString() + "/redrive");
    assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);
    assertThat(redriven.json().path("status").asString()).isEqualTo("REDRIVEN");
    assertThat(redriven.json().path("lastRedrivenBy").asString()).isEqualTo("ministry-admin");
    JsonNode again =
        await().until(() -> deadLetterOf(future), found -> found.isPresent() && found.get().path("status").asString().equals("WAITING")).orElseThrow();
    assertThat(again.path("id").asString()).as("the same dead letter, not a second one").isEqualTo(dead.path("id").asString());
    assertThat(again.path("redriveCount").asInt()).isEqualTo(1);
    assertThat(timesDeadLettered(future)).isEqualTo(2);
    // Re-driven through the outbox: published with the event's own id, and confirmed by the broker.
    assertThat(
            jdbc.sql("select published_at is not null from platform.outbox_event where event_id = :id")
                .param("id", future.eventId())
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  private Optional<JsonNode> deadLetterOf(EventEnvelope event) {
    Response list = api.get("/api/dead-letters?include=all");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    return StreamSupport.stream(list.json().spliterator(), false)
        .filter(deadLetter -> deadLetter.path("type").asString().equals("StaffDeparted"))
        .filter(deadLetter -> timesDeadLettered(event) > 0 && deadLetter.path("id").asString().equals(idOf(event)))
        .findFirst();
  }

  private String idOf(EventEnvelope event) {
    return jdbc.sql("select id::text from platform.dead_letter where event_id = :id").param("id", event.eventId()).query(String.class).single();
  }

  private int timesDeadLettered(EventEnvelope event) {
    return jdbc.sql("select coalesce(max(times), 0) from platform.dead_letter where event_id = :id")
        .param("id", event.eventId())
        .query(Integer.class)
        .single();
  }

  private int processedTimes(EventEnvelope event) {
    return jdbc.sql("select count(*) from platform.processed_event where event_id = :id").param("id", event.eventId()).query(Integer.class).single();
  }
}
