package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Missions' dead letters: listed and re-driven by a ministry administrator, refused by the service to anyone else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "missions_dead_letters")
class DeadLettersApiIT {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired DeadLetters deadLetters;
  @Autowired TransactionTemplate transactions;

  private final TestTokens tokens = TestTokens.get();

  @Test
  void aMinistryAdministratorListsAndReDrivesAnEventAConsumerOfMissionsGaveUpOn() {
    UUID eventId = keptByAConsumer();
    MissionsApi admin = new MissionsApi(port, json);

    Answer list = admin.get("/api/dead-letters");
    assertThat(list.status()).isEqualTo(200);
    JsonNode dead = find(list.json(), eventId);
    assertThat(dead.path("kind").asString()).isEqualTo("EVENT");
    assertThat(dead.path("type").asString()).isEqualTo("StaffRegistered");
    assertThat(dead.path("status").asString()).isEqualTo("WAITING");
    assertThat(dead.path("redrivable").asBoolean()).isTrue();

    for (String token : new String[] {tokens.officeHead("CCS"), tokens.officeOfficer("CCS"), tokens.officeViewer("WAS")}) {
      assertThat(admin.as(token).get("/api/dead-letters").status()).isEqualTo(403);
      assertThat(admin.as(token).post("/api/dead-letters/" + dead.path("id").asString() + "/redrive", Map.of()).status()).isEqualTo(403);
    }

    Answer redriven = admin.post("/api/dead-letters/" + dead.path("id").asString() + "/redrive", Map.of());
    assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);
    assertThat(redriven.json().path("status").asString()).isEqualTo("REDRIVEN");
    assertThat(admin.get("/api/dead-letters?limit=0").status()).isEqualTo(400);
  }

  /** As a consumer of missions keeps an event it gave up on (missions' own consumers are being built). */
  private UUID keptByAConsumer() {
    EventEnvelope envelope =
        new EventEnvelope(
            UUID.randomUUID(), "StaffRegistered", 1, Instant.now(), "dead-letter-test", "dead-letter-test", "CCS",
            json.valueToTree(Map.of("staffId", UUID.randomUUID().toString(), "officeCode", "CCS")));
    MessageProperties properties = new MessageProperties();
    properties.setMessageId(envelope.eventId().toString());
    transactions.executeWithoutResult(
        status -> deadLetters.keep("missions.personnel-events", new Message(json.writeValueAsBytes(envelope), properties), "IllegalStateException: test"));
    return envelope.eventId();
  }

  private static JsonNode find(JsonNode list, UUID eventId) {
    for (JsonNode dead : list) {
      if (dead.path("type").asString().equals("StaffRegistered") && dead.path("reason").asString().equals("IllegalStateException: test")) {
        return dead;
      }
    }
    throw new AssertionError("Dead letter of " + eventId + " not listed: " + list);
  }
}
