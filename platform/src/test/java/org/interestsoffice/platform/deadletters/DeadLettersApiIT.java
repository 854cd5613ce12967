package org.interestsoffice.platform.deadletters;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.inbox.DeadLetters;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.testapp.ParcelService;
import org.interestsoffice.platform.testapp.ParcelShipped;
import org.interestsoffice.platform.testapp.ParcelTokens;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter API missions and personnel turn on ({@link DeadLettersApi}): listed and re-driven
 * by ministry administrators only, refused to everyone else by the service itself, bad input as
 * problem details.
 */
@SpringBootTest(classes = ParcelService.class)
@AutoConfigureMockMvc
@RealInfrastructure(database = "platform_dead_letters")
@Import(DeadLettersApi.class)
@DirtiesContext
class DeadLettersApiIT {

  @Autowired MockMvc mvc;
  @Autowired DeadLetters deadLetters;
  @Autowired EventSubscription subscription;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void aMinistryAdministratorListsTheDeadLettersAndReDrivesOne() throws Exception {
    UUID eventId = keepDeadLetter(ParcelShipped.explodingParcel("p-api"));
    UUID id = deadLetters.list(false, 1000).stream().filter(dead -> eventId.equals(dead.eventId())).findFirst().orElseThrow().id();

    mvc.perform(get("/api/dead-letters").header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].kind").value("EVENT"))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].type").value("ParcelShipped"))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].queue").value(subscription.queueName()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].officeCode").value(ParcelService.OFFICE))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].status").value("WAITING"))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].redrivable").value(true));

    mvc.perform(post("/api/dead-letters/{id}/redrive", id).header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("REDRIVEN"))
        .andExpect(jsonPath("$.redriveCount").value(1))
        .andExpect(jsonPath("$.lastRedrivenBy").value("admin"));
    // Back to the queue it failed in, through the outbox.
    assertThat(jdbc.sql("select routing_key from platform.outbox_event where event_id = :id").param("id", eventId).query(String.class).single())
        .isEqualTo(subscription.queueName());

    mvc.perform(get("/api/dead-letters").header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());
    mvc.perform(get("/api/dead-letters?include=all&limit=1000").header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].status").value("REDRIVEN"));
  }

  @Test
  void everyoneElseIsRefusedByTheServiceItself() throws Exception {
    UUID eventId = keepDeadLetter(ParcelShipped.explodingParcel("p-refused"));
    UUID id = deadLetters.list(false, 1000).stream().filter(dead -> eventId.equals(dead.eventId())).findFirst().orElseThrow().id();
    for (String role : List.of("office-head", "office-officer", "office-viewer")) {
      String token = ParcelTokens.bearer("ccs." + role, List.of(role), List.of("CCS"));
      mvc.perform(get("/api/dead-letters").header("Authorization", token))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
      mvc.perform(post("/api/dead-letters/{id}/redrive", id).header("Authorization", token))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
    mvc.perform(get("/api/dead-letters")).andExpect(status().isUnauthorized());
    assertThat(deadLetters.find(id).orElseThrow().status()).isEqualTo("WAITING");
  }

  @Test
  void badInputIsAProblemNotAFailure() throws Exception {
    String admin = ParcelTokens.ministryAdmin();
    mvc.perform(get("/api/dead-letters?limit=0").header("Authorization", admin)).andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/api/dead-letters?limit=1001").header("Authorization", admin)).andExpect(status().isBadRequest());
    mvc.perform(get("/api/dead-letters?include=some").header("Authorization", admin)).andExpect(status().isBadRequest());
    mvc.perform(post("/api/dead-letters/not-an-id/redrive").header("Authorization", admin)).andExpect(status().isBadRequest());
    mvc.perform(post("/api/dead-letters/{id}/redrive", UUID.randomUUID()).header("Authorization", admin))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void anUnreadableMessageIsListedButNotReDriven() throws Exception {
    UUID messageId = UUID.randomUUID();
    MessageProperties properties = new MessageProperties();
    properties.setMessageId(messageId.toString());
    transactions.executeWithoutResult(
        status -> deadLetters.keep(subscription.queueName(), new Message("not an event".getBytes(StandardCharsets.UTF_8), properties), "unreadable"));
    UUID id = deadLetters.list(false, 1000).stream().filter(dead -> messageId.equals(dead.eventId())).findFirst().orElseThrow().id();

    mvc.perform(post("/api/dead-letters/{id}/redrive", id).header("Authorization", ParcelTokens.ministryAdmin()))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  /** A dead letter as a consumer keeps it after its last retry. */
  private UUID keepDeadLetter(ParcelShipped parcel) {
    EventEnvelope envelope =
        new EventEnvelope(UUID.randomUUID(), "ParcelShipped", 1, Instant.now(), "api-test", "api-test", ParcelService.OFFICE, json.valueToTree(parcel));
    MessageProperties properties = new MessageProperties();
    properties.setMessageId(envelope.eventId().toString());
    transactions.executeWithoutResult(
        status -> deadLetters.keep(subscription.queueName(), new Message(json.writeValueAsBytes(envelope), properties), "IllegalStateException: exploded"));
    return envelope.eventId();
  }
}
