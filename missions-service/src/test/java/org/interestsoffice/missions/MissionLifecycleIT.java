package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.missions.EventTap.aboutMission;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.NOTE_OF_23_JANUARY_2019;
import static org.interestsoffice.missions.RuptureDraft.aRupture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.missions.lifecycle.DeadlineScheduler;
import org.interestsoffice.missions.lifecycle.ExpiringDeadlines;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole lifecycle of a mission through its HTTP API, with the service's clock moved by the
 * test: the 2019 case step by step, the agreement branch, reissued deadlines, every (status,
 * command) pair and bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "missions.deadlines.poll-interval=PT0.2S")
@RealInfrastructure(database = "missions_lifecycle")
class MissionLifecycleIT {

  private static final Duration SEVENTY_TWO_HOURS = Duration.ofHours(72);
  /** 26 January 2019: the two governments agree to negotiate interests offices within 30 days. */
  private static final Instant AGREED_TO_NEGOTIATE = Instant.parse("2019-01-26T18:00:00Z");
  /** Where the table test stands: a day after the rupture's note. */
  private static final Instant A_DAY_AFTER_THE_RUPTURE = NOTE_OF_23_JANUARY_2019.plus(Duration.ofDays(1));

  private static final AtomicInteger NOTES = new AtomicInteger();

  @TestConfiguration
  static class MovedByTheTest {
    @Bean
    Clock clock() {
      return new MovableClock(A_DAY_AFTER_THE_RUPTURE);
    }
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired AmqpAdmin admin;
  @Autowired RabbitTemplate rabbit;
  @Autowired MessagingNames names;
  @Autowired TopicExchange missionEvents;
  @Autowired Clock clock;
  @Autowired ExpiringDeadlines expiring;
  @Autowired DeadlineScheduler scheduler;

  MissionsApi head;

  @BeforeEach
  void aCaracasHeadADayAfterTheRupture() {
    head = new MissionsApi(port, json).as(TestTokens.get().officeHead("CCS"));
    movableClock().setTo(A_DAY_AFTER_THE_RUPTURE);
  }

  @Test
  void the2019CaseFromRuptureToCessationWhenTheNegotiationRunsOut() {
    EventTap tap = tap("RelationsSevered", "NegotiationOpened", "DeadlineChanged", "DeadlineExpired", "MissionCeased");
    UUID missionId = head.registered(aMission());

    // 23 January: the note breaking relations gives the diplomats 72 hours from its receipt.
    Answer severed = head.declareRupture(missionId, aRupture().receivedAt(NOTE_OF_23_JANUARY_2019));
    assertThat(severed.status()).as(severed.toString()).isEqualTo(200);
    UUID departureId = idOf(severed.json().get("departureDeadline"));
    assertThat(instant(severed.json().get("departureDeadline"), "dueAt")).isEqualTo(NOTE_OF_23_JANUARY_2019.plus(SEVENTY_TWO_HOURS));

    // 26 January, two hours before the departure deadline: agreement to negotiate for 30 days, 7 stay.
    movableClock().setTo(AGREED_TO_NEGOTIATE.plus(Duration.ofMinutes(30)));
    String negotiationNote = head.noted(missionId, aNoteReference(), AGREED_TO_NEGOTIATE);
    Answer negotiating = head.openNegotiation(missionId, negotiation(negotiationNote, AGREED_TO_NEGOTIATE, "P30D", 7));
    assertThat(negotiating.status()).as(negotiating.toString()).isEqualTo(200);
    assertThat(negotiating.json().get("mission").get("status").asString()).isEqualTo("NEGOTIATING");
    assertThat(negotiating.json().get("mission").get("remainingStaffCeiling").asInt()).isEqualTo(7);
    JsonNode negotiation = negotiating.json().get("deadline");
    UUID negotiationId = idOf(negotiation);
    assertThat(negotiation.get("kind").asString()).isEqualTo("NEGOTIATION");
    assertThat(instant(negotiation, "dueAt")).isEqualTo(AGREED_TO_NEGOTIATE.plus(Duration.ofDays(30)));

    // The departure deadline is suspended before it runs out.
    String suspensionNote = head.noted(missionId, aNoteReference(), AGREED_TO_NEGOTIATE.plus(Duration.ofMinutes(20)));
    Answer suspended = head.changeDeadline(missionId, departureId, "suspension", Map.of("noteReference", suspensionNote));
    assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
    assertThat(suspended.json().get("status").asString()).isEqualTo("SUSPENDED");
    assertThat(suspended.json().get("version").asInt()).isEqualTo(2);

    // February: the negotiation deadline is extended once.
    Instant extendedTo = Instant.parse("2019-03-11T04:00:00Z");
    movableClock().setTo(Instant.parse("2019-02-20T12:00:00Z"));
    String extensionNote = head.noted(missionId, aNoteReference(), Instant.parse("2019-02-20T11:00:00Z"));
    Answer extended =
        head.changeDeadline(missionId, negotiationId, "extension", Map.of("noteReference", extensionNote, "newDueAt", extendedTo.toString()));
    assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
    assertThat(instant(extended.json(), "dueAt")).isEqualTo(extendedTo);
    assertThat(extended.json().get("version").asInt()).isEqualTo(2);

    // March: the extended negotiation runs out without agreement; the scheduler ceases the mission.
    movableClock().setTo(extendedTo.plus(Duration.ofHours(1)));
    await().untilAsserted(() -> assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo("CEASED"));

    List<JsonNode> deadlines = head.deadlines(missionId).json().valueStream().toList();
    JsonNode finalDeparture = only(deadlines, "FINAL_DEPARTURE");
    assertThat(instant(finalDeparture, "dueAt")).isEqualTo(extendedTo.plus(SEVENTY_TWO_HOURS));
    assertThat(finalDeparture.get("status").asString()).isEqualTo("RUNNING");
    assertThat(Duration.parse(finalDeparture.get("remaining").asString())).isEqualTo(Duration.ofHours(71));
    assertThat(only(deadlines, "NEGOTIATION").get("status").asString()).isEqualTo("EXPIRED");
    assertThat(changes(only(deadlines, "NEGOTIATION"))).containsExactly("STARTED", "EXTENDED", "EXPIRED");
    // Suspended, the departure deadline did not run out although its due instant has passed.
    assertThat(only(deadlines, "DEPARTURE").get("status").asString()).isEqualTo("SUSPENDED");
    assertThat(changes(only(deadlines, "DEPARTURE"))).containsExactly("STARTED", "SUSPENDED");
    assertThat(only(deadlines, "DEPARTURE").get("history").get(1).get("noteReference").asString()).isEqualTo(suspensionNote);

    // Published in order, each deadline lineage with increasing versions.
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(tap.next(aboutMission(missionId)));
    }
    assertThat(events).extracting(EventEnvelope::type)
        .containsExactly("RelationsSevered", "NegotiationOpened", "DeadlineChanged", "DeadlineChanged", "MissionCeased");
    assertThat(payload(events, 0, "deadlineId")).isEqualTo(departureId.toString());
    assertThat(events.get(0).payload().get("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(payload(events, 1, "deadlineId")).isEqualTo(negotiationId.toString());
    assertThat(events.get(1).payload().get("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(events.get(1).payload().get("remainingStaffCeiling").asInt()).isEqualTo(7);
    assertThat(payload(events, 1, "noteReference")).isEqualTo(negotiationNote);
    assertThat(payload(events, 2, "deadlineId")).isEqualTo(departureId.toString());
    assertThat(payload(events, 2, "change")).isEqualTo("SUSPENDED");
    assertThat(payload(events, 2, "status")).isEqualTo("SUSPENDED");
    assertThat(events.get(2).payload().get("deadlineVersion").asInt()).isEqualTo(2);
    assertThat(absentOrNull(events.get(2).payload(), "previousDeadlineId")).isTrue();
    assertThat(payload(events, 3, "deadlineId")).isEqualTo(negotiationId.toString());
    assertThat(payload(events, 3, "change")).isEqualTo("EXTENDED");
    assertThat(payload(events, 3, "noteReference")).isEqualTo(extensionNote);
    assertThat(events.get(3).payload().get("deadlineVersion").asInt()).isEqualTo(2);
    assertThat(Instant.parse(payload(events, 3, "dueAt"))).isEqualTo(extendedTo);
    JsonNode ceased = events.get(4).payload();
    assertThat(ceased.get("reason").asString()).isEqualTo("NEGOTIATION_EXPIRED");
    assertThat(absentOrNull(ceased, "noteReference")).isTrue();
    assertThat(Instant.parse(ceased.get("effectiveAt").asString())).isEqualTo(extendedTo);
    assertThat(ceased.get("deadlineId").asString()).isEqualTo(finalDeparture.get("id").asString());
    assertThat(Instant.parse(ceased.get("dueAt").asString())).isEqualTo(extendedTo.plus(SEVENTY_TWO_HOURS));
    assertThat(ceased.get("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(eventsOf(missionId, "DeadlineExpired")).as("a negotiation's expiry is reported by MissionCeased").isZero();

    // The timeline: every note, transition and deadline change in order, with who acted.
    List<JsonNode> timeline = head.timeline(missionId).json().valueStream().toList();
    assertThat(timeline).extracting(e -> e.get("type").asString() + " " + e.get("what").asString() + " " + e.get("actor").asString())
        .containsSubsequence(
            "NOTE INCOMING ccs-head",
            "TRANSITION RELATIONS_SEVERED ccs-head",
            "DEADLINE STARTED ccs-head",
            "TRANSITION NEGOTIATING ccs-head",
            "DEADLINE SUSPENDED ccs-head",
            "DEADLINE EXTENDED ccs-head",
            "TRANSITION CEASED system",
            "DEADLINE EXPIRED system",
            "DEADLINE STARTED system");
    assertThat(timeline).extracting(e -> instant(e, "at")).isSorted();
    assertThat(timeline.stream().filter(e -> e.get("type").asString().equals("NOTE"))).hasSize(4);
    assertThat(timeline.stream().filter(e -> e.get("type").asString().equals("TRANSITION")))
        .allSatisfy(t -> assertThat(t.get("legalBasis").asString()).isNotBlank());
  }

  @Test
  void anAgreementBeforeTheDeadlineEstablishesAnInterestsSectionAndNothingCeasesAfterwards() {
    EventTap tap = tap("InterestsSectionEstablished");
    UUID missionId = negotiatingMission(AGREED_TO_NEGOTIATE.minus(Duration.ofDays(2)), "P30D");
    String agreementNote = head.noted(missionId, aNoteReference(), A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1)));

    Answer agreed = head.agree(missionId, agreement(agreementNote, "CH", 11));

    assertThat(agreed.status()).as(agreed.toString()).isEqualTo(200);
    JsonNode mission = agreed.json().get("mission");
    assertThat(mission.get("status").asString()).isEqualTo("INTERESTS_SECTION");
    assertThat(mission.get("protectingState").asString()).isEqualTo("CH");
    assertThat(mission.get("remainingStaffCeiling").asInt()).isEqualTo(11);
    JsonNode payload = tap.next("InterestsSectionEstablished", aboutMission(missionId)).envelope().payload();
    assertThat(payload.get("protectingState").asString()).isEqualTo("CH");
    assertThat(payload.get("staffCeiling").asInt()).isEqualTo(11);
    assertThat(payload.get("noteReference").asString()).isEqualTo(agreementNote);
    assertThat(payload.get("services").valueStream().map(JsonNode::asString)).containsExactly("visas", "protection of nationals");
    JsonNode negotiation = only(head.deadlines(missionId).json().valueStream().toList(), "NEGOTIATION");
    assertThat(negotiation.get("status").asString()).isEqualTo("MET");

    // Long after the negotiation would have run out, a scheduler pass ceases nothing.
    movableClock().setTo(A_DAY_AFTER_THE_RUPTURE.plus(Duration.ofDays(60)));
    expiring.fireDue(1000);

    assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo("INTERESTS_SECTION");
    assertThat(eventsOf(missionId, "MissionCeased")).isZero();
    assertThat(head.deadlines(missionId).json().valueStream().map(d -> d.get("kind").asString())).doesNotContain("FINAL_DEPARTURE");
    // A cessation is refused from an interests section, and says what is allowed instead.
    String cessationNote = head.noted(missionId, aNoteReference(), A_DAY_AFTER_THE_RUPTURE);
    Answer refused = head.declareCessation(missionId, cessation(cessationNote, A_DAY_AFTER_THE_RUPTURE));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("currentStatus").asString()).isEqualTo("INTERESTS_SECTION");
    assertThat(refused.json().get("allowedTransitions").valueStream().map(t -> t.get("command").asString()))
        .containsExactlyInAnyOrder("staff-ceiling", "persona-non-grata", "restoration");
  }

  @Test
  void anAgreementAfterTheNegotiationRanOutIsRefusedEvenBeforeTheSchedulerFires() {
    scheduler.stop();
    try {
      UUID missionId = negotiatingMission(A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(3)), "PT2H");
      String note = head.noted(missionId, aNoteReference(), A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofMinutes(30)));

      Answer refused = head.agree(missionId, agreement(note, "CH", 11));

      assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
      assertThat(refused.json().get("title").asString()).isEqualTo("Negotiation deadline passed");
      assertThat(refused.json().get("currentStatus").asString()).isEqualTo("NEGOTIATING");
      assertThat(eventsOf(missionId, "InterestsSectionEstablished")).isZero();
      scheduler.start();
      await().untilAsserted(() -> assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo("CEASED"));
    } finally {
      scheduler.start();
    }
  }

  @Test
  void aDeclaredCessationStartsSeventyTwoHoursFromItsEffectAndEndsTheNegotiation() {
    EventTap tap = tap("MissionCeased");
    UUID missionId = negotiatingMission(A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(2)), "P30D");
    String note = head.noted(missionId, aNoteReference(), A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1)));
    // Taking effect after its note was received, never in the future.
    Instant effectiveAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofMinutes(30));

    Answer ceased = head.declareCessation(missionId, cessation(note, effectiveAt));

    assertThat(ceased.status()).as(ceased.toString()).isEqualTo(200);
    assertThat(ceased.json().get("mission").get("status").asString()).isEqualTo("CEASED");
    assertThat(instant(ceased.json().get("deadline"), "dueAt")).isEqualTo(effectiveAt.plus(SEVENTY_TWO_HOURS));
    JsonNode payload = tap.next("MissionCeased", aboutMission(missionId)).envelope().payload();
    assertThat(payload.get("reason").asString()).isEqualTo("DECLARED");
    assertThat(payload.get("noteReference").asString()).isEqualTo(note);
    assertThat(Instant.parse(payload.get("effectiveAt").asString())).isEqualTo(effectiveAt);
    assertThat(Instant.parse(payload.get("dueAt").asString())).isEqualTo(effectiveAt.plus(SEVENTY_TWO_HOURS));
    List<JsonNode> deadlines = head.deadlines(missionId).json().valueStream().toList();
    assertThat(only(deadlines, "NEGOTIATION").get("status").asString()).isEqualTo("SUPERSEDED");

    // The negotiation's due instant passes: it does not cease the mission a second time.
    movableClock().setTo(A_DAY_AFTER_THE_RUPTURE.plus(Duration.ofDays(40)));
    expiring.fireDue(1000);
    assertThat(eventsOf(missionId, "MissionCeased")).isEqualTo(1);
  }

  @Test
  void aReissuedDeadlineSupersedesTheOldOneContinuesItsVersionAndExpires() {
    EventTap tap = tap("DeadlineChanged", "DeadlineExpired");
    UUID missionId = head.registered(aMission());
    UUID departureId = idOf(head.declareRupture(missionId, aRupture()).json().get("departureDeadline"));
    String suspension = head.noted(missionId, aNoteReference(), A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(3)));
    assertThat(head.changeDeadline(missionId, departureId, "suspension", Map.of("noteReference", suspension)).status()).isEqualTo(200);
    Instant newNoteAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1));
    String reissueNote = head.noted(missionId, aNoteReference(), newNoteAt);

    Answer reissued =
        head.changeDeadline(
            missionId, departureId, "reissue", Map.of("noteReference", reissueNote, "noteReceivedAt", newNoteAt.toString(), "window", "PT72H"));

    assertThat(reissued.status()).as(reissued.toString()).isEqualTo(200);
    UUID newId = idOf(reissued.json());
    assertThat(newId).isNotEqualTo(departureId);
    assertThat(reissued.json().get("version").asInt()).isEqualTo(3);
    assertThat(reissued.json().get("supersedes").asString()).isEqualTo(departureId.toString());
    assertThat(instant(reissued.json(), "dueAt")).isEqualTo(newNoteAt.plus(SEVENTY_TWO_HOURS));
    List<JsonNode> deadlines = head.deadlines(missionId).json().valueStream().toList();
    assertThat(deadlines.stream().filter(d -> d.get("id").asString().equals(departureId.toString())).findFirst().orElseThrow()
            .get("status").asString())
        .isEqualTo("SUPERSEDED");
    EventEnvelope suspended = tap.next(aboutMission(missionId));
    assertThat(suspended.payload().get("change").asString()).isEqualTo("SUSPENDED");
    JsonNode change = tap.next(aboutMission(missionId)).payload();
    assertThat(change.get("change").asString()).isEqualTo("REISSUED");
    assertThat(change.get("deadlineId").asString()).isEqualTo(newId.toString());
    assertThat(change.get("previousDeadlineId").asString()).isEqualTo(departureId.toString());
    assertThat(change.get("deadlineVersion").asInt()).isEqualTo(3);
    assertThat(change.get("status").asString()).isEqualTo("RUNNING");

    // The new 72 hours run out: the expiry is published for personnel to mark who is overdue.
    movableClock().setTo(newNoteAt.plus(SEVENTY_TWO_HOURS).plusSeconds(1));
    EventEnvelope expired = tap.next(aboutMission(missionId));
    assertThat(expired.type()).isEqualTo("DeadlineExpired");
    assertThat(expired.payload().get("deadlineId").asString()).isEqualTo(newId.toString());
    assertThat(expired.payload().get("deadlineKind").asString()).isEqualTo("DEPARTURE");
    assertThat(expired.payload().get("deadlineVersion").asInt()).isEqualTo(3);
    assertThat(Instant.parse(expired.payload().get("dueAt").asString())).isEqualTo(newNoteAt.plus(SEVENTY_TWO_HOURS));
    // A deadline that ran out changes no more, except by a reissue.
    String late = head.noted(missionId, aNoteReference(), newNoteAt.plus(SEVENTY_TWO_HOURS));
    Answer refused = head.changeDeadline(missionId, newId, "suspension", Map.of("noteReference", late));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("currentStatus").asString()).isEqualTo("EXPIRED");
  }

  @Test
  void aProtectingPowerIsDesignatedOnceRelationsAreSevered() {
    EventTap tap = tap("ProtectingPowerDesignated");
    UUID missionId = head.registered(aMission());
    Instant consent = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(2));
    Map<String, Object> designation = Map.of("protectingState", "CH", "scope", "BOTH", "hostConsentAt", consent.toString());
    assertThat(head.designateProtectingPower(missionId, designation).status()).as("not while operating").isEqualTo(409);
    head.declareRupture(missionId, aRupture());

    Answer designated = head.designateProtectingPower(missionId, designation);

    assertThat(designated.status()).as(designated.toString()).isEqualTo(201);
    JsonNode payload = tap.next("ProtectingPowerDesignated", aboutMission(missionId)).envelope().payload();
    assertThat(payload.get("protectedState").asString()).isEqualTo("US");
    assertThat(payload.get("protectingState").asString()).isEqualTo("CH");
    assertThat(payload.get("receivingState").asString()).isEqualTo("VE");
    assertThat(payload.get("scope").asString()).isEqualTo("BOTH");
    assertThat(Instant.parse(payload.get("hostConsentAt").asString())).isEqualTo(consent);
    assertThat(Instant.parse(payload.get("entryIntoForce").asString())).isEqualTo(consent);
    assertThat(head.designateProtectingPower(missionId, designation).status()).as("only once").isEqualTo(409);
    assertThat(head.timeline(missionId).json().valueStream().map(e -> e.get("type").asString())).contains("PROTECTING_POWER");
  }

  @Test
  void aConsulateClosesOnItsOwnWhileTheEmbassyGoesOn() {
    EventTap tap = tap("MissionClosed");
    UUID consulate = head.registered(aMission().ofKind("CONSULATE").named("Consulate of the United States in Maracaibo").inCity("Maracaibo"));
    Instant noteAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1));
    String note = head.noted(consulate, aNoteReference(), noteAt);

    Answer closed = head.close(consulate, closure(note, noteAt));

    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().get("mission").get("status").asString()).isEqualTo("CLOSED");
    JsonNode payload = tap.next("MissionClosed", aboutMission(consulate)).envelope().payload();
    assertThat(payload.get("kind").asString()).isEqualTo("CONSULATE");
    assertThat(payload.get("noteReference").asString()).isEqualTo(note);
    assertThat(Instant.parse(payload.get("closedAt").asString())).isEqualTo(noteAt);
    assertThat(jdbc.sql("select legal_basis from mission_transition where mission_id = :id").param("id", consulate).query(String.class).single())
        .contains("VCCR");
  }

  @Test
  void closingACeasedMissionMeetsItsFinalDeparture() {
    UUID missionId = missionIn("CEASED");
    Instant noteAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofMinutes(10));

    Answer closed = head.close(missionId, closure(head.noted(missionId, aNoteReference(), noteAt), noteAt));

    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    List<JsonNode> deadlines = head.deadlines(missionId).json().valueStream().toList();
    assertThat(only(deadlines, "FINAL_DEPARTURE").get("status").asString()).isEqualTo("MET");
    assertThat(only(deadlines, "DEPARTURE").get("status").asString()).isEqualTo("MET");
  }

  // --- Every (status, command) pair through the API ---

  /**
   * The documented transitions the API offers; every other pair must be refused with 409. A
   * reduction and a persona non grata leave the status as it is.
   */
  private static final Map<String, Map<String, String>> DOCUMENTED =
      Map.of(
          "OPERATING", Map.of("rupture", "RELATIONS_SEVERED", "staff-ceiling", "OPERATING", "persona-non-grata", "OPERATING"),
          "RELATIONS_SEVERED", Map.of("negotiation", "NEGOTIATING", "cessation", "CEASED", "persona-non-grata", "RELATIONS_SEVERED"),
          "NEGOTIATING", Map.of("agreement", "INTERESTS_SECTION", "cessation", "CEASED", "persona-non-grata", "NEGOTIATING"),
          "INTERESTS_SECTION",
              Map.of("staff-ceiling", "INTERESTS_SECTION", "persona-non-grata", "INTERESTS_SECTION", "restoration", "OPERATING"),
          "CEASED", Map.of("closure", "CLOSED"),
          "CLOSED", Map.of());

  static Stream<Arguments> everyStatusAndCommand() {
    return DOCUMENTED.keySet().stream()
        .sorted()
        .flatMap(status -> Stream.of(
                "rupture", "negotiation", "agreement", "cessation", "closure", "staff-ceiling", "persona-non-grata", "restoration")
            .map(command -> Arguments.of(status, command, DOCUMENTED.get(status).getOrDefault(command, null))));
  }

  @ParameterizedTest(name = "{1} on a mission {0} -> {2}")
  @MethodSource("everyStatusAndCommand")
  void eachCommandMovesToTheDocumentedStatusOrIsRefusedWith409AndNoChange(String status, String command, String expected) {
    UUID missionId = missionIn(status);
    long transitionsBefore = transitionsOf(missionId);
    long eventsBefore = eventsOf(missionId);
    long deadlinesBefore = deadlinesOf(missionId);

    Answer answer = send(command, missionId);

    if (expected != null) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo(expected);
      assertThat(transitionsOf(missionId)).isEqualTo(transitionsBefore + 1);
      assertThat(eventsOf(missionId)).isEqualTo(eventsBefore + 1);
      assertThat(lastTransitionActor(missionId)).isEqualTo("ccs-head");
    } else {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.json().get("title").asString()).isEqualTo("Transition not allowed");
      assertThat(answer.json().get("currentStatus").asString()).isEqualTo(status);
      List<String> allowed = answer.json().get("allowedTransitions").valueStream().map(t -> t.get("command").asString()).toList();
      assertThat(allowed).containsExactlyInAnyOrderElementsOf(DOCUMENTED.get(status).keySet());
      assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo(status);
      assertThat(transitionsOf(missionId)).isEqualTo(transitionsBefore);
      assertThat(eventsOf(missionId)).isEqualTo(eventsBefore);
      assertThat(deadlinesOf(missionId)).isEqualTo(deadlinesBefore);
    }
  }

  // --- Bad input ---

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("negotiation", "a malformed agreement time", negotiationBody().with("agreedAt", "last Saturday"), 400, "agreedAt"),
        bad("negotiation", "no agreement time", negotiationBody().without("agreedAt"), 400, "agreedAt"),
        bad("negotiation", "an agreement in the future", negotiationBody().with("agreedAt", A_DAY_AFTER_THE_RUPTURE.plus(Duration.ofDays(2)).toString()), 400, "future"),
        bad("negotiation", "a negative window", negotiationBody().with("window", "-P30D"), 400, "window"),
        bad("negotiation", "an absurd window", negotiationBody().with("window", "P4000D"), 400, "window"),
        bad("negotiation", "a window in words", negotiationBody().with("window", "thirty days"), 400, "window"),
        bad("negotiation", "a negative ceiling", negotiationBody().with("remainingStaffCeiling", -1), 400, "remainingStaffCeiling"),
        bad("negotiation", "no ceiling", negotiationBody().without("remainingStaffCeiling"), 400, "remainingStaffCeiling"),
        bad("negotiation", "no note", negotiationBody().without("noteReference"), 400, "noteReference"),
        bad("negotiation", "a note not in the register", negotiationBody().with("noteReference", "MPPRE-NOWHERE"), 400, "MPPRE-NOWHERE"),
        bad("agreement", "an unknown protecting state", Body.of("noteReference", "{note}", "protectingState", "XX", "staffCeiling", 11, "services", List.of()), 400, "protectingState"),
        bad("agreement", "no services", Body.of("noteReference", "{note}", "protectingState", "CH", "staffCeiling", 11), 400, "services"),
        bad("closure", "a malformed closing time", Body.of("noteReference", "{note}", "closedAt", "soon"), 400, "closedAt"),
        bad("closure", "a closure while still negotiating, whatever its note", Body.of("noteReference", "MPPRE-NOWHERE", "closedAt", "{noteAt}"), 409, "NEGOTIATING"),
        bad("cessation", "a malformed effective time", Body.of("noteReference", "{note}", "effectiveAt", "2019-13-45"), 400, "effectiveAt"),
        bad("deadlines/{departure}/extension", "a malformed due time", Body.of("noteReference", "{note}", "newDueAt", "tomorrow"), 400, "newDueAt"),
        bad("deadlines/{departure}/extension", "an earlier due time", Body.of("noteReference", "{note}", "newDueAt", NOTE_OF_23_JANUARY_2019.plus(Duration.ofHours(48)).toString()), 400, "newDueAt"),
        bad("deadlines/{departure}/extension", "a note not in the register", Body.of("noteReference", "MPPRE-NOWHERE", "newDueAt", "2019-02-01T00:00:00Z"), 400, "MPPRE-NOWHERE"),
        bad("deadlines/{departure}/suspension", "no note", Body.of(), 400, "noteReference"),
        bad("deadlines/{departure}/reissue", "no time at all", Body.of("noteReference", "{note}", "noteReceivedAt", "{noteAt}", "window", "PT0S"), 400, "window"),
        bad("deadlines/{departure}/reissue", "a receipt other than the register's", Body.of("noteReference", "{note}", "noteReceivedAt", "2019-01-20T00:00:00Z", "window", "PT72H"), 400, "noteReceivedAt"),
        bad("deadlines/{unknown}/suspension", "an unknown deadline", Body.of("noteReference", "{note}"), 404, "Deadline not found"),
        bad("deadlines/not-a-uuid/suspension", "a deadline id that is not a UUID", Body.of("noteReference", "{note}"), 400, "correlationId"),
        bad("protecting-power", "an unknown scope", Body.of("protectingState", "CH", "scope", "EVERYTHING", "hostConsentAt", "{noteAt}"), 400, "scope"),
        bad("protecting-power", "the host as protecting power", Body.of("protectingState", "VE", "scope", "BOTH", "hostConsentAt", "{noteAt}"), 400, "third state"),
        bad("notes", "a note without direction", Body.of("reference", "N-1", "at", "{noteAt}"), 400, "direction"),
        bad("notes", "a note at a malformed time", Body.of("reference", "N-2", "direction", "INCOMING", "at", "noon"), 400, "at"),
        bad("notes", "a note reference already used", Body.of("reference", "{note}", "direction", "OUTGOING", "at", "{noteAt}"), 409, "already"));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("badRequests")
  void badInputIsA4xxProblemAndChangesNothing(String path, String what, Body body, int status, String mentioning) {
    UUID missionId = head.registered(aMission());
    UUID departureId = idOf(head.declareRupture(missionId, aRupture()).json().get("departureDeadline"));
    Instant noteAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1));
    String note = head.noted(missionId, aNoteReference(), noteAt);
    if (!path.equals("negotiation")) {
      head.openNegotiation(missionId, negotiation(head.noted(missionId, aNoteReference(), noteAt), noteAt, "P30D", 7));
    }
    String statusBefore = head.mission(missionId).json().get("status").asString();
    long eventsBefore = eventsOf(missionId);
    long changesBefore = deadlineChangesOf(missionId);
    long notesBefore = notesOf(missionId);

    String resolvedPath = path.replace("{departure}", departureId.toString()).replace("{unknown}", UUID.randomUUID().toString());
    Answer answer = head.post("/api/missions/" + missionId + "/" + resolvedPath, body.resolve(note, noteAt));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).as("the problem names what is wrong").contains(mentioning);
    assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo(statusBefore);
    assertThat(eventsOf(missionId)).isEqualTo(eventsBefore);
    assertThat(deadlineChangesOf(missionId)).isEqualTo(changesBefore);
    assertThat(notesOf(missionId)).isEqualTo(notesBefore);
  }

  @Test
  void anyCommandOnAnUnknownMissionIsA404Problem() {
    UUID nobody = UUID.randomUUID();
    for (String path : List.of("negotiation", "agreement", "cessation", "closure", "protecting-power", "notes", "deadlines/" + UUID.randomUUID() + "/suspension")) {
      Answer answer = head.post("/api/missions/" + nobody + "/" + path, Map.of());
      assertThat(answer.status()).as(path + ": " + answer).isIn(400, 404);
    }
    // With a valid body, the mission itself is what is missing.
    Answer negotiation = head.openNegotiation(nobody, negotiation("MPPRE-X", A_DAY_AFTER_THE_RUPTURE, "P30D", 7));
    assertThat(negotiation.status()).isEqualTo(404);
    assertThat(negotiation.json().get("title").asString()).isEqualTo("Mission not found");
    assertThat(head.deadlines(nobody).status()).isEqualTo(404);
    assertThat(head.timeline(nobody).status()).isEqualTo(404);
  }

  // --- Fixtures ---

  /** A request body with placeholders for the note of the scenario: {note}, {noteAt}. */
  record Body(Map<String, Object> fields) {
    static Body of(Object... pairs) {
      Map<String, Object> fields = new HashMap<>();
      for (int i = 0; i < pairs.length; i += 2) {
        fields.put((String) pairs[i], pairs[i + 1]);
      }
      return new Body(fields);
    }

    Body with(String field, Object value) {
      Map<String, Object> copy = new HashMap<>(fields);
      copy.put(field, value);
      return new Body(copy);
    }

    Body without(String field) {
      Map<String, Object> copy = new HashMap<>(fields);
      copy.remove(field);
      return new Body(copy);
    }

    Map<String, Object> resolve(String note, Instant noteAt) {
      Map<String, Object> resolved = new HashMap<>();
      fields.forEach((k, v) -> resolved.put(k, v instanceof String s ? s.replace("{note}", note).replace("{noteAt}", noteAt.toString()) : v));
      return resolved;
    }

    @Override
    public String toString() {
      return fields.toString();
    }
  }

  private static Body negotiationBody() {
    return Body.of("noteReference", "{note}", "agreedAt", "{noteAt}", "window", "P30D", "remainingStaffCeiling", 7);
  }

  private static Arguments bad(String path, String what, Body body, int status, String mentioning) {
    return Arguments.of(path, what, body, status, mentioning);
  }

  private static Map<String, Object> negotiation(String note, Instant agreedAt, String window, int ceiling) {
    return Map.of("noteReference", note, "agreedAt", agreedAt.toString(), "window", window, "remainingStaffCeiling", ceiling);
  }

  private static Map<String, Object> agreement(String note, String protectingState, int ceiling) {
    return Map.of(
        "noteReference", note, "protectingState", protectingState, "staffCeiling", ceiling,
        "services", List.of("visas", "protection of nationals"));
  }

  private static Map<String, Object> cessation(String note, Instant effectiveAt) {
    return Map.of("noteReference", note, "effectiveAt", effectiveAt.toString());
  }

  private static Map<String, Object> closure(String note, Instant closedAt) {
    return Map.of("noteReference", note, "closedAt", closedAt.toString());
  }

  private static String aNoteReference() {
    return "NOTE-" + NOTES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A Caracas embassy severed by the note of 23 January and negotiating since the given instant. */
  private UUID negotiatingMission(Instant agreedAt, String window) {
    UUID missionId = head.registered(aMission());
    Answer severed = head.declareRupture(missionId, aRupture());
    assertThat(severed.status()).as(severed.toString()).isEqualTo(200);
    String note = head.noted(missionId, aNoteReference(), agreedAt);
    Answer negotiating = head.openNegotiation(missionId, negotiation(note, agreedAt, window, 7));
    assertThat(negotiating.status()).as(negotiating.toString()).isEqualTo(200);
    return missionId;
  }

  private UUID missionIn(String status) {
    Instant noteAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofHours(1));
    UUID missionId = switch (status) {
      case "OPERATING" -> head.registered(aMission());
      case "RELATIONS_SEVERED" -> {
        UUID id = head.registered(aMission());
        head.declareRupture(id, aRupture());
        yield id;
      }
      default -> negotiatingMission(noteAt, "P30D");
    };
    if (status.equals("INTERESTS_SECTION")) {
      assertThat(head.agree(missionId, agreement(head.noted(missionId, aNoteReference(), noteAt), "CH", 7)).status()).isEqualTo(200);
    }
    if (status.equals("CEASED") || status.equals("CLOSED")) {
      assertThat(head.declareCessation(missionId, cessation(head.noted(missionId, aNoteReference(), noteAt), noteAt)).status()).isEqualTo(200);
    }
    if (status.equals("CLOSED")) {
      assertThat(head.close(missionId, closure(head.noted(missionId, aNoteReference(), noteAt), noteAt)).status()).isEqualTo(200);
    }
    assertThat(head.mission(missionId).json().get("status").asString()).isEqualTo(status);
    return missionId;
  }

  private Answer send(String command, UUID missionId) {
    Instant noteAt = A_DAY_AFTER_THE_RUPTURE.minus(Duration.ofMinutes(30));
    return switch (command) {
      case "rupture" -> head.declareRupture(missionId, aRupture());
      case "negotiation" -> head.openNegotiation(missionId, negotiation(head.noted(missionId, aNoteReference(), noteAt), noteAt, "P30D", 7));
      case "agreement" -> head.agree(missionId, agreement(head.noted(missionId, aNoteReference(), noteAt), "CH", 7));
      case "cessation" -> head.declareCessation(missionId, cessation(head.noted(missionId, aNoteReference(), noteAt), noteAt));
      case "closure" -> head.close(missionId, closure(head.noted(missionId, aNoteReference(), noteAt), noteAt));
      case "staff-ceiling" -> head.post(
          "/api/missions/" + missionId + "/staff-ceiling",
          Map.of("noteReference", aNoteReference(), "noteReceivedAt", noteAt.toString(), "ceiling", 11, "window", "PT48H"));
      case "persona-non-grata" -> head.post(
          "/api/missions/" + missionId + "/persona-non-grata",
          Map.of("staffId", aKnownPerson(missionId), "noteReference", aNoteReference(), "noteReceivedAt", noteAt.toString(), "window", "PT72H"));
      case "restoration" -> head.post(
          "/api/missions/" + missionId + "/restoration", Map.of("noteReference", head.noted(missionId, aNoteReference(), noteAt)));
      default -> throw new IllegalArgumentException(command);
    };
  }

  /** Someone on the mission's staff, as personnel announces them; known to missions once the broker delivered it. */
  private String aKnownPerson(UUID missionId) {
    UUID staffId = new PersonnelEvents(rabbit, json, names).registered(missionId, "CCS", "Someone Known", null);
    await().until(() -> jdbc.sql("select count(*) from known_staff where staff_id = :id").param("id", staffId).query(Long.class).single() == 1);
    return staffId.toString();
  }

  private MovableClock movableClock() {
    return (MovableClock) clock;
  }

  private EventTap tap(String... types) {
    return EventTap.open(admin, rabbit, json, missionEvents, names.of("missions.test-tap." + UUID.randomUUID()), types);
  }

  private static UUID idOf(JsonNode deadline) {
    return UUID.fromString(deadline.get("id").asString());
  }

  private static Instant instant(JsonNode node, String field) {
    return Instant.parse(node.get(field).asString());
  }

  private static String payload(List<EventEnvelope> events, int index, String field) {
    return events.get(index).payload().get(field).asString();
  }

  /** The event JSON leaves out null members; a consumer reads either as null. */
  private static boolean absentOrNull(JsonNode payload, String field) {
    return payload.path(field).isMissingNode() || payload.path(field).isNull();
  }

  private static JsonNode only(List<JsonNode> deadlines, String kind) {
    List<JsonNode> ofKind = deadlines.stream().filter(d -> d.get("kind").asString().equals(kind)).toList();
    assertThat(ofKind).as("%s deadlines", kind).hasSize(1);
    return ofKind.get(0);
  }

  private static List<String> changes(JsonNode deadline) {
    return deadline.get("history").valueStream().map(h -> h.get("change").asString()).toList();
  }

  private long eventsOf(UUID missionId) {
    return jdbc.sql("select count(*) from platform.outbox_event where envelope -> 'payload' ->> 'missionId' = :id")
        .param("id", missionId.toString())
        .query(Long.class)
        .single();
  }

  private long eventsOf(UUID missionId, String type) {
    return jdbc.sql("select count(*) from platform.outbox_event where type = :type and envelope -> 'payload' ->> 'missionId' = :id")
        .param("type", type)
        .param("id", missionId.toString())
        .query(Long.class)
        .single();
  }

  private long transitionsOf(UUID missionId) {
    return jdbc.sql("select count(*) from mission_transition where mission_id = :id").param("id", missionId).query(Long.class).single();
  }

  private String lastTransitionActor(UUID missionId) {
    return jdbc.sql("select actor from mission_transition where mission_id = :id order by id desc limit 1")
        .param("id", missionId)
        .query(String.class)
        .single();
  }

  private long deadlinesOf(UUID missionId) {
    return jdbc.sql("select count(*) from deadline where mission_id = :id").param("id", missionId).query(Long.class).single();
  }

  private long deadlineChangesOf(UUID missionId) {
    return jdbc.sql("select count(*) from deadline_change where mission_id = :id").param("id", missionId).query(Long.class).single();
  }

  private long notesOf(UUID missionId) {
    return jdbc.sql("select count(*) from diplomatic_note where mission_id = :id").param("id", missionId).query(Long.class).single();
  }
}
