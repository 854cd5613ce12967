package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.missions.EventTap.aboutMission;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.aRupture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.MovableClock;
import org.interestsoffice.testing.RealInfrastructure;
import org.interestsoffice.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Every shape of a rupture (design §2) through the HTTP API, with the real database and broker and
 * the service's clock moved to the days the notes were exchanged: Cuba 1961 from the reduction to
 * the closure, the interests section of 1977 and the restoration of 2015; both sides of 2019; a
 * persona non grata; and the bad input each new command must refuse without changing anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "missions.deadlines.poll-interval=PT0.2S")
@RealInfrastructure(database = "missions_shapes")
class EveryShapeOfARuptureIT {

  /** Cuba's note of 2 January 1961, handed over in the night: the US embassy down to 11 within 48 hours. */
  private static final Instant REDUCTION_NOTE = Instant.parse("1961-01-03T06:20:00Z");
  /** The United States' note of 3 January 1961 breaking relations, received in Havana that evening. */
  private static final Instant US_BREAKS_RELATIONS = Instant.parse("1961-01-04T01:30:00Z");
  /** Cuba accepts Switzerland as the protecting power of the United States' interests. */
  private static final Instant SWISS_CONSENT = Instant.parse("1961-01-06T15:00:00Z");
  /** No talks take place: the embassy ceases and its last staff have 48 hours. */
  private static final Instant CESSATION = Instant.parse("1961-01-05T00:00:00Z");
  private static final Instant CLOSURE = Instant.parse("1961-01-08T12:00:00Z");
  /** The US Interests Section opens in Havana under Swiss protection. */
  private static final Instant SECTION_OPENS = Instant.parse("1977-09-01T14:00:00Z");
  /** 20 July 2015, midnight in Havana: relations restored, the section an embassy again. */
  private static final Instant RESTORATION = Instant.parse("2015-07-20T04:00:00Z");
  /** The note of 23 January 2019 breaking relations between Venezuela and the United States. */
  private static final Instant NOTE_OF_23_JANUARY_2019 = RuptureDraft.NOTE_OF_23_JANUARY_2019;

  private static final AtomicInteger NOTES = new AtomicInteger();

  @TestConfiguration
  static class MovedByTheTest {
    @Bean
    Clock clock() {
      return new MovableClock(Instant.parse("1961-01-01T00:00:00Z"));
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

  MissionsApi havana;
  MissionsApi caracas;
  MissionsApi washington;
  PersonnelEvents personnel;

  @BeforeEach
  void heads() {
    MissionsApi api = new MissionsApi(port, json);
    havana = api.as(TestTokens.get().officeHead("HAV"));
    caracas = api.as(TestTokens.get().officeHead("CCS"));
    washington = api.as(TestTokens.get().officeHead("WAS"));
    personnel = new PersonnelEvents(rabbit, json, names);
  }

  @Test
  void cuba1961FromTheReductionToTheClosureThenASectionIn1977RestoredIn2015() {
    EventTap tap =
        tap("StaffCeilingImposed", "RelationsSevered", "ProtectingPowerDesignated", "ProtectingPowerConsented", "MissionCeased",
            "MissionClosed", "RelationsRestored", "ProtectingPowerTerminated", "DeadlineExpired");
    clockAt(REDUCTION_NOTE.plus(Duration.ofHours(1)));
    UUID embassy = havana.registered(usEmbassyInHavana());

    // 2 January 1961: the host caps the embassy at 11 within 48 hours, relations still standing.
    Answer reduced =
        havana.post(path(embassy, "staff-ceiling"), Map.of(
            "noteReference", "MINREX-1961-0001", "noteReceivedAt", REDUCTION_NOTE.toString(), "ceiling", 11, "window", "PT48H"));
    assertThat(reduced.status()).as(reduced.toString()).isEqualTo(200);
    assertThat(reduced.json().get("mission").get("status").asString()).isEqualTo("OPERATING");
    assertThat(reduced.json().get("mission").get("remainingStaffCeiling").asInt()).isEqualTo(11);
    JsonNode reduction = reduced.json().get("deadline");
    assertThat(reduction.get("kind").asString()).isEqualTo("REDUCTION");
    assertThat(instant(reduction, "dueAt")).isEqualTo(REDUCTION_NOTE.plus(Duration.ofHours(48)));
    EventEnvelope ceilingImposed = tap.next(e -> e.type().equals("StaffCeilingImposed") && aboutMission(embassy).test(e));
    assertThat(ceilingImposed.payload().get("ceiling").asInt()).isEqualTo(11);
    assertThat(ceilingImposed.payload().get("deadlineKind").asString()).isEqualTo("REDUCTION");
    assertThat(Instant.parse(ceilingImposed.payload().get("dueAt").asString())).isEqualTo(REDUCTION_NOTE.plus(Duration.ofHours(48)));

    // A second reduction while the first runs is refused; the first stands.
    Answer again =
        havana.post(path(embassy, "staff-ceiling"), Map.of(
            "noteReference", "MINREX-1961-0002", "noteReceivedAt", REDUCTION_NOTE.toString(), "ceiling", 5, "window", "PT24H"));
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.json().get("detail").asString()).contains("Embassy of the United States in Havana", "MINREX-1961-0001");

    // 3 January: the United States breaks relations itself: its own, outgoing note.
    clockAt(US_BREAKS_RELATIONS.plus(Duration.ofMinutes(30)));
    Answer severed =
        havana.declareRupture(
            embassy, aRupture().byNote("DOS-1961-0003").receivedAt(US_BREAKS_RELATIONS).with("initiatedBy", "SENDING_STATE"));
    assertThat(severed.status()).as(severed.toString()).isEqualTo(200);
    assertThat(severed.json().get("mission").get("ruptureInitiatedBy").asString()).isEqualTo("SENDING_STATE");
    assertThat(absentOrNull(severed.json().get("mission"), "remainingStaffCeiling")).as("the reduction's cap is lifted").isTrue();
    assertThat(severed.json().get("departureDeadline").get("kind").asString()).isEqualTo("DEPARTURE");
    assertThat(instant(severed.json().get("departureDeadline"), "dueAt")).isEqualTo(US_BREAKS_RELATIONS.plus(Duration.ofHours(72)));
    EventEnvelope rupture = tap.next(e -> e.type().equals("RelationsSevered") && aboutMission(embassy).test(e));
    assertThat(rupture.payload().get("initiatedBy").asString()).isEqualTo("SENDING_STATE");
    assertThat(rupture.payload().get("noteDirection").asString()).isEqualTo("OUTGOING");
    assertThat(rupture.payload().get("supersededDeadlineIds").valueStream().map(JsonNode::asString).toList())
        .containsExactly(reduction.get("id").asString());
    assertThat(noteDirection(embassy, "DOS-1961-0003")).isEqualTo("OUTGOING");
    assertThat(deadline(embassy, "REDUCTION").get("status").asString()).isEqualTo("SUPERSEDED");

    // No protecting power yet: an answer, not an error.
    Answer none = havana.get(path(embassy, "protecting-power"));
    assertThat(none.status()).as(none.toString()).isEqualTo(200);
    assertThat(absentOrNull(none.json(), "mandate")).isTrue();
    assertThat(none.json().get("history").isEmpty()).isTrue();

    // Switzerland is designated; Cuba's consent comes three days later.
    Answer designated = havana.designateProtectingPower(embassy, Map.of("protectingState", "CH", "scope", "BOTH"));
    assertThat(designated.status()).as(designated.toString()).isEqualTo(201);
    assertThat(designated.json().get("status").asString()).isEqualTo("PENDING_CONSENT");
    assertThat(designated.json().get("custodyOfPremises").asBoolean()).isTrue();
    assertThat(designated.json().get("custodyOfArchives").asBoolean()).isTrue();
    clockAt(SWISS_CONSENT.plus(Duration.ofHours(1)));
    Answer consented = havana.post(path(embassy, "protecting-power/consent"), Map.of("hostConsentAt", SWISS_CONSENT.toString()));
    assertThat(consented.status()).as(consented.toString()).isEqualTo(200);
    assertThat(consented.json().get("status").asString()).isEqualTo("IN_FORCE");
    assertThat(instant(consented.json(), "entryIntoForce")).isEqualTo(SWISS_CONSENT);
    Answer consentedAgain = havana.post(path(embassy, "protecting-power/consent"), Map.of("hostConsentAt", SWISS_CONSENT.toString()));
    assertThat(consentedAgain.status()).as(consentedAgain.toString()).isEqualTo(409);

    // No talks: the embassy ceases straight from RELATIONS_SEVERED, its last staff given 48 hours.
    String cessationNote = havana.noted(embassy, "MINREX-1961-0004", CESSATION);
    Answer ceased =
        havana.declareCessation(embassy, Map.of("noteReference", cessationNote, "finalDepartureWindow", "PT48H"));
    assertThat(ceased.status()).as(ceased.toString()).isEqualTo(200);
    assertThat(ceased.json().get("mission").get("status").asString()).isEqualTo("CEASED");
    assertThat(instant(ceased.json().get("deadline"), "dueAt")).isEqualTo(CESSATION.plus(Duration.ofHours(48)));
    EventEnvelope missionCeased = tap.next(e -> e.type().equals("MissionCeased") && aboutMission(embassy).test(e));
    assertThat(missionCeased.payload().get("from").asString()).isEqualTo("RELATIONS_SEVERED");
    assertThat(Instant.parse(missionCeased.payload().get("effectiveAt").asString())).isEqualTo(CESSATION);

    // The deadlines run out where the notes put them; then the embassy is closed, Switzerland keeping the premises.
    clockAt(CLOSURE);
    await().untilAsserted(() -> assertThat(deadline(embassy, "DEPARTURE").get("status").asString()).isEqualTo("EXPIRED"));
    await().untilAsserted(() -> assertThat(deadline(embassy, "FINAL_DEPARTURE").get("status").asString()).isEqualTo("EXPIRED"));
    Answer closed = havana.close(embassy, Map.of("noteReference", havana.noted(embassy, "DOS-1961-0005", CLOSURE), "effectiveAt", CLOSURE.toString()));
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    JsonNode mandate = havana.get(path(embassy, "protecting-power")).json().get("mandate");
    assertThat(mandate.get("status").asString()).isEqualTo("IN_FORCE");
    assertThat(mandate.get("protectingState").asString()).isEqualTo("CH");

    // The timeline reads in the order things happened, each entry with when it was recorded.
    List<JsonNode> timeline = havana.timeline(embassy).json().valueStream().toList();
    assertThat(timeline).extracting(e -> instant(e, "effectiveAt")).isSorted();
    assertThat(timeline).allSatisfy(e -> assertThat(absentOrNull(e, "recordedAt")).isFalse());
    assertThat(timeline).extracting(e -> e.get("type").asString() + " " + e.get("what").asString())
        .containsSubsequence(
            "NOTE INCOMING", "TRANSITION OPERATING", "DEADLINE STARTED",
            "NOTE OUTGOING", "TRANSITION RELATIONS_SEVERED", "DEADLINE SUPERSEDED", "DEADLINE STARTED",
            "PROTECTING_POWER DESIGNATED",
            "NOTE INCOMING", "TRANSITION CEASED", "DEADLINE STARTED",
            "PROTECTING_POWER CONSENTED",
            "DEADLINE EXPIRED", "DEADLINE EXPIRED",
            "NOTE INCOMING", "TRANSITION CLOSED");
    JsonNode expiry = timeline.stream()
        .filter(e -> e.get("what").asString().equals("EXPIRED") && e.get("deadlineKind").asString().equals("DEPARTURE"))
        .findFirst().orElseThrow();
    assertThat(instant(expiry, "effectiveAt")).as("an expiry takes effect at its due instant").isEqualTo(US_BREAKS_RELATIONS.plus(Duration.ofHours(72)));
    assertThat(instant(expiry, "recordedAt")).isAfterOrEqualTo(CLOSURE);

    // 1977: an interests section opens in Havana under Swiss protection, with its own ceiling.
    clockAt(SECTION_OPENS);
    Answer section =
        havana.register(usEmbassyInHavana().ofKind("INTERESTS_SECTION").named("United States Interests Section in Havana")
            .with("protectingState", "CH").with("staffCeiling", 10));
    assertThat(section.status()).as(section.toString()).isEqualTo(201);
    UUID sectionId = UUID.fromString(section.json().get("id").asString());
    assertThat(section.json().get("status").asString()).isEqualTo("INTERESTS_SECTION");
    assertThat(section.json().get("remainingStaffCeiling").asInt()).isEqualTo(10);
    assertThat(section.json().get("protectingState").asString()).isEqualTo("CH");
    JsonNode sectionMandate = havana.get(path(sectionId, "protecting-power")).json().get("mandate");
    assertThat(sectionMandate.get("status").asString()).isEqualTo("IN_FORCE");
    assertThat(instant(sectionMandate, "entryIntoForce")).isEqualTo(SECTION_OPENS);

    // 2015: relations restored; the section is an embassy again and Switzerland's mandate ends.
    clockAt(RESTORATION.plus(Duration.ofHours(8)));
    String restorationNote = havana.noted(sectionId, "MINREX-2015-0720", RESTORATION);
    Answer restored = havana.post(path(sectionId, "restoration"), Map.of("noteReference", restorationNote));
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(restored.json().get("mission").get("status").asString()).isEqualTo("OPERATING");
    assertThat(restored.json().get("mission").get("kind").asString()).isEqualTo("EMBASSY");
    assertThat(absentOrNull(restored.json().get("mission"), "remainingStaffCeiling")).isTrue();
    assertThat(absentOrNull(restored.json().get("mission"), "protectingState")).isTrue();
    JsonNode ended = havana.get(path(sectionId, "protecting-power")).json().get("mandate");
    assertThat(ended.get("status").asString()).isEqualTo("TERMINATED");
    assertThat(instant(ended, "terminatedAt")).isEqualTo(RESTORATION);
    Map<String, EventEnvelope> restorationEvents = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      EventEnvelope next =
          tap.next(e -> Set.of("RelationsRestored", "ProtectingPowerTerminated").contains(e.type()) && aboutMission(sectionId).test(e));
      restorationEvents.put(next.type(), next);
    }
    assertThat(restorationEvents.get("RelationsRestored").payload().get("mandateId").asString()).isEqualTo(ended.get("id").asString());
    assertThat(Instant.parse(restorationEvents.get("ProtectingPowerTerminated").payload().get("effectiveAt").asString())).isEqualTo(RESTORATION);
  }

  @Test
  void bothSidesOf2019EachWithItsOwnNote() {
    clockAt(NOTE_OF_23_JANUARY_2019.plus(Duration.ofHours(1)));
    // Caracas: the host broke relations; the United States' embassy received the note.
    UUID usEmbassy = caracas.registered(aMission());
    Answer expelled = caracas.declareRupture(usEmbassy, aRupture().byNote(aNote("MPPRE")).receivedAt(NOTE_OF_23_JANUARY_2019));
    assertThat(expelled.status()).as(expelled.toString()).isEqualTo(200);
    assertThat(expelled.json().get("mission").get("ruptureInitiatedBy").asString()).isEqualTo("RECEIVING_STATE");

    // Washington: Venezuela broke relations; its embassy's note is its own, outgoing, and was
    // entered in the register before the rupture was declared.
    UUID venezuelanEmbassy =
        washington.registered(aMission().inOffice("WAS").sentBy("VE").accreditedTo("US").inCity("Washington")
            .keepingTime("America/New_York").named("Embassy of Venezuela in Washington"));
    String outgoing = aNote("MPPRE-OUT");
    assertThat(washington.recordNote(venezuelanEmbassy, outgoing, "OUTGOING", NOTE_OF_23_JANUARY_2019).status()).isEqualTo(201);
    Answer broke =
        washington.declareRupture(
            venezuelanEmbassy, aRupture().byNote(outgoing).receivedAt(NOTE_OF_23_JANUARY_2019).with("initiatedBy", "SENDING_STATE"));
    assertThat(broke.status()).as(broke.toString()).isEqualTo(200);
    assertThat(broke.json().get("mission").get("ruptureInitiatedBy").asString()).isEqualTo("SENDING_STATE");

    assertThat(noteDirection(usEmbassy, expelled.json().get("departureDeadline").get("noteReference").asString())).isEqualTo("INCOMING");
    assertThat(noteDirection(venezuelanEmbassy, outgoing)).isEqualTo("OUTGOING");
    for (Answer side : List.of(expelled, broke)) {
      assertThat(instant(side.json().get("departureDeadline"), "dueAt")).isEqualTo(NOTE_OF_23_JANUARY_2019.plus(Duration.ofHours(72)));
    }
    // The host's note cited as if it were our own is refused: a reference is one note.
    UUID another = caracas.registered(aMission());
    Answer mismatch =
        caracas.declareRupture(
            another, aRupture().byNote(expelled.json().get("departureDeadline").get("noteReference").asString())
                .receivedAt(NOTE_OF_23_JANUARY_2019).with("initiatedBy", "SENDING_STATE"));
    assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(409);
    assertThat(caracas.mission(another).json().get("status").asString()).isEqualTo("OPERATING");
  }

  @Test
  void aPersonaNonGrataGetsAPersonalDeadlineThatExpiresAndChangesLikeAMissionsOne() {
    EventTap tap = tap("PersonaNonGrataDeclared", "DeadlineChanged", "DeadlineExpired");
    Instant note = NOTE_OF_23_JANUARY_2019.minus(Duration.ofDays(10));
    clockAt(note.plus(Duration.ofHours(1)));
    UUID embassy = caracas.registered(aMission());
    UUID attache = known(embassy, "CCS", "Daniel Whitcombe", null);
    UUID elsewhere = known(caracas.registered(aMission()), "CCS", "Ruth Okafor", null);
    UUID otherOffice = known(washington.registered(aMission().inOffice("WAS")), "WAS", "Pedro Salas", null);

    Answer declared = caracas.post(path(embassy, "persona-non-grata"), png(attache, aNote("MPPRE-PNG"), note, "PT72H"));

    assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
    assertThat(declared.json().get("staffName").asString()).isEqualTo("Daniel Whitcombe");
    assertThat(declared.json().get("mission").get("status").asString()).isEqualTo("OPERATING");
    JsonNode personal = declared.json().get("deadline");
    assertThat(personal.get("kind").asString()).isEqualTo("PERSONAL");
    assertThat(personal.get("staffId").asString()).isEqualTo(attache.toString());
    assertThat(instant(personal, "dueAt")).isEqualTo(note.plus(Duration.ofHours(72)));
    EventEnvelope event = tap.next(e -> e.type().equals("PersonaNonGrataDeclared") && aboutMission(embassy).test(e));
    assertThat(event.payload().get("staffId").asString()).isEqualTo(attache.toString());
    assertThat(event.payload().get("staffName").asString()).isEqualTo("Daniel Whitcombe");
    assertThat(event.payload().get("deadlineKind").asString()).isEqualTo("PERSONAL");
    assertThat(Instant.parse(event.payload().get("dueAt").asString())).isEqualTo(note.plus(Duration.ofHours(72)));

    // Declared twice, or someone not on this mission's staff: refused, nothing recorded.
    long eventsBefore = eventsOf(embassy);
    assertThat(caracas.post(path(embassy, "persona-non-grata"), png(attache, aNote("MPPRE-PNG"), note, "PT72H")).status()).isEqualTo(409);
    for (UUID stranger : List.of(elsewhere, otherOffice, UUID.randomUUID())) {
      Answer refused = caracas.post(path(embassy, "persona-non-grata"), png(stranger, aNote("MPPRE-PNG"), note, "PT72H"));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asString()).contains("Embassy of the United States in Caracas").doesNotContain("Washington");
    }
    assertThat(eventsOf(embassy)).isEqualTo(eventsBefore);
    assertThat(washington.post(path(embassy, "persona-non-grata"), png(attache, aNote("X"), note, "PT72H")).status())
        .as("another office's head does not see the mission").isEqualTo(404);

    // Extended like any deadline, then it runs out at its new due instant.
    Instant extendedTo = note.plus(Duration.ofHours(96));
    String extension = caracas.noted(embassy, aNote("MPPRE-EXT"), note.plus(Duration.ofMinutes(30)));
    Answer extended =
        caracas.changeDeadline(embassy, idOf(personal), "extension", Map.of("noteReference", extension, "newDueAt", extendedTo.toString()));
    assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
    JsonNode listed = caracas.deadlines(embassy).json().valueStream().filter(d -> d.get("kind").asString().equals("PERSONAL")).findFirst().orElseThrow();
    assertThat(listed.get("staffName").asString()).isEqualTo("Daniel Whitcombe");
    assertThat(caracas.timeline(embassy).json().valueStream().filter(e -> "PERSONAL".equals(e.path("deadlineKind").asString(""))))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("staffName").asString()).isEqualTo("Daniel Whitcombe"));
    EventEnvelope changed = tap.next(e -> e.type().equals("DeadlineChanged") && aboutMission(embassy).test(e));
    assertThat(changed.payload().get("deadlineKind").asString()).isEqualTo("PERSONAL");
    clockAt(extendedTo.plus(Duration.ofMinutes(1)));
    EventEnvelope expired = tap.next(e -> e.type().equals("DeadlineExpired") && aboutMission(embassy).test(e));
    assertThat(expired.payload().get("deadlineKind").asString()).isEqualTo("PERSONAL");
    assertThat(Instant.parse(expired.payload().get("dueAt").asString())).isEqualTo(extendedTo);
  }

  @Test
  void badInputIsA4xxProblemAndChangesNothing() {
    clockAt(SECTION_OPENS);
    UUID section =
        havana.registered(usEmbassyInHavana().ofKind("INTERESTS_SECTION").named("Section").with("protectingState", "CH").with("staffCeiling", 10));
    for (int i = 0; i < 3; i++) {
      UUID person = known(section, "HAV", "Diplomat " + i, null);
      personnel.designated(person, section, "HAV");
    }
    await().untilAsserted(() -> assertThat(designatedIn(section)).isEqualTo(3));
    Snapshot before = snapshot(section);

    // A cap below the three already designated to stay.
    Answer belowDesignated =
        havana.post(path(section, "staff-ceiling"), Map.of(
            "noteReference", aNote("MINREX"), "noteReceivedAt", SECTION_OPENS.toString(), "ceiling", 2, "window", "PT48H"));
    assertThat(belowDesignated.status()).as(belowDesignated.toString()).isEqualTo(409);
    assertThat(belowDesignated.json().get("ceiling").asInt()).isEqualTo(2);
    assertThat(belowDesignated.json().get("designated").asInt()).isEqualTo(3);

    // A successor mandate naming the sending or the receiving state.
    String terminationNote = havana.noted(section, aNote("DOS"), SECTION_OPENS);
    for (String notAThirdState : List.of("US", "CU")) {
      Answer successor =
          havana.post(path(section, "protecting-power/termination"), Map.of(
              "noteReference", terminationNote, "successor", Map.of("protectingState", notAThirdState, "scope", "BOTH")));
      assertThat(successor.status()).as(successor.toString()).isEqualTo(400);
      assertThat(successor.json().get("field").asString()).isEqualTo("protectingState");
    }
    assertThat(havana.get(path(section, "protecting-power")).json().get("mandate").get("status").asString()).isEqualTo("IN_FORCE");

    // effectiveAt in the future, or before the mission's previous transition.
    String restorationNote = havana.noted(section, aNote("MINREX"), SECTION_OPENS);
    Answer future =
        havana.post(path(section, "restoration"), Map.of("noteReference", restorationNote, "effectiveAt", SECTION_OPENS.plus(Duration.ofDays(1)).toString()));
    assertThat(future.status()).as(future.toString()).isEqualTo(400);
    assertThat(future.json().get("field").asString()).isEqualTo("effectiveAt");
    assertThat(snapshot(section)).isEqualTo(before.withNotes(before.notes() + 2));

    // Restoration of a mission that is not an interests section.
    UUID embassy = havana.registered(usEmbassyInHavana());
    Snapshot embassyBefore = snapshot(embassy);
    Answer notASection = havana.post(path(embassy, "restoration"), Map.of("noteReference", restorationNote));
    assertThat(notASection.status()).as(notASection.toString()).isEqualTo(409);
    assertThat(notASection.json().get("currentStatus").asString()).isEqualTo("OPERATING");
    assertThat(snapshot(embassy)).isEqualTo(embassyBefore);

    // Before the previous transition: a rupture of 1977 cited after a reduction of a later day.
    clockAt(SECTION_OPENS.plus(Duration.ofDays(30)));
    Answer reduced =
        havana.post(path(embassy, "staff-ceiling"), Map.of(
            "noteReference", aNote("MINREX"), "noteReceivedAt", SECTION_OPENS.plus(Duration.ofDays(20)).toString(), "ceiling", 10,
            "window", "P20D"));
    assertThat(reduced.status()).as(reduced.toString()).isEqualTo(200);
    Snapshot afterReduction = snapshot(embassy);
    Answer earlier =
        havana.declareRupture(embassy, aRupture().byNote(aNote("DOS")).receivedAt(SECTION_OPENS.plus(Duration.ofDays(10))));
    assertThat(earlier.status()).as(earlier.toString()).isEqualTo(400);
    assertThat(earlier.json().get("field").asString()).isEqualTo("effectiveAt");
    assertThat(earlier.json().get("detail").asString()).contains("previous transition");
    assertThat(snapshot(embassy)).isEqualTo(afterReduction);

    // A cessation's window out of bounds, and a ceiling below zero.
    Answer window = havana.declareCessation(embassy, Map.of("noteReference", restorationNote, "finalDepartureWindow", "PT0S"));
    assertThat(window.status()).as(window.toString()).isEqualTo(400);
    Answer negative =
        havana.post(path(section, "staff-ceiling"), Map.of(
            "noteReference", aNote("MINREX"), "noteReceivedAt", SECTION_OPENS.toString(), "ceiling", -1, "window", "PT48H"));
    assertThat(negative.status()).as(negative.toString()).isEqualTo(400);
    assertThat(snapshot(embassy)).isEqualTo(afterReduction);

    // An interests section without its protecting power, or an embassy with one.
    assertThat(havana.register(usEmbassyInHavana().ofKind("INTERESTS_SECTION")).status()).isEqualTo(400);
    assertThat(havana.register(usEmbassyInHavana().with("protectingState", "CH").with("staffCeiling", 3)).status()).isEqualTo(400);

    // A valid successor: the section now works under Sweden, pending Cuba's consent.
    Answer replaced =
        havana.post(path(section, "protecting-power/termination"), Map.of(
            "noteReference", terminationNote, "successor", Map.of("protectingState", "SE", "scope", "BOTH")));
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().get("terminated").get("status").asString()).isEqualTo("TERMINATED");
    assertThat(replaced.json().get("successor").get("status").asString()).isEqualTo("PENDING_CONSENT");
    assertThat(replaced.json().get("successor").get("predecessorId").asString()).isEqualTo(replaced.json().get("terminated").get("id").asString());
    assertThat(havana.mission(section).json().get("protectingState").asString()).isEqualTo("SE");
    JsonNode mandates = havana.get(path(section, "protecting-power")).json();
    assertThat(mandates.get("mandate").get("protectingState").asString()).isEqualTo("SE");
    assertThat(mandates.get("history").valueStream().map(m -> m.get("protectingState").asString()).toList()).containsExactly("CH");
  }

  // --- helpers ---

  /** What a refused command must leave as it was. */
  record Snapshot(String status, long transitions, long deadlines, long events, long notes, long mandates) {
    Snapshot withNotes(long count) {
      return new Snapshot(status, transitions, deadlines, events, count, mandates);
    }
  }

  private Snapshot snapshot(UUID missionId) {
    return new Snapshot(
        jdbc.sql("select status from mission where id = :id").param("id", missionId).query(String.class).single(),
        count("select count(*) from mission_transition where mission_id = :id", missionId),
        count("select count(*) from deadline where mission_id = :id", missionId),
        eventsOf(missionId),
        count("select count(*) from diplomatic_note where mission_id = :id", missionId),
        count("select count(*) from protecting_power_change where mission_id = :id", missionId));
  }

  private long count(String sql, UUID missionId) {
    return jdbc.sql(sql).param("id", missionId).query(Long.class).single();
  }

  private long eventsOf(UUID missionId) {
    return jdbc.sql("select count(*) from platform.outbox_event where envelope -> 'payload' ->> 'missionId' = :id")
        .param("id", missionId.toString())
        .query(Long.class)
        .single();
  }

  private int designatedIn(UUID missionId) {
    return jdbc.sql("select count(*) from known_staff where mission_id = :id and designated").param("id", missionId).query(Integer.class).single();
  }

  /** A person personnel registered in the mission, once missions has heard of them through the broker. */
  private UUID known(UUID missionId, String officeCode, String fullName, UUID principalId) {
    UUID staffId = personnel.registered(missionId, officeCode, fullName, principalId);
    await().untilAsserted(
        () -> assertThat(jdbc.sql("select full_name from known_staff where staff_id = :id").param("id", staffId).query(String.class).optional())
            .contains(fullName));
    return staffId;
  }

  private static Map<String, Object> png(UUID staffId, String note, Instant receivedAt, String window) {
    Map<String, Object> body = new HashMap<>();
    body.put("staffId", staffId.toString());
    body.put("noteReference", note);
    body.put("noteReceivedAt", receivedAt.toString());
    body.put("window", window);
    return body;
  }

  private static MissionDraft usEmbassyInHavana() {
    return aMission().inOffice("HAV").sentBy("US").accreditedTo("CU").inCity("Havana").keepingTime("America/Havana")
        .named("Embassy of the United States in Havana");
  }

  private JsonNode deadline(UUID missionId, String kind) {
    // As a ministry administrator: the helper serves missions of every office in these tests.
    return new MissionsApi(port, json).deadlines(missionId).json().valueStream()
        .filter(d -> d.get("kind").asString().equals(kind))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + kind + " deadline"));
  }

  private String noteDirection(UUID missionId, String reference) {
    return jdbc.sql("select direction from diplomatic_note where mission_id = :id and reference = :reference")
        .param("id", missionId)
        .param("reference", reference)
        .query(String.class)
        .single();
  }

  private static String aNote(String prefix) {
    return prefix + "-" + NOTES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static String path(UUID missionId, String rest) {
    return "/api/missions/" + missionId + "/" + rest;
  }

  private void clockAt(Instant instant) {
    ((MovableClock) clock).setTo(instant);
  }

  private EventTap tap(String... types) {
    return EventTap.open(admin, rabbit, json, missionEvents, "test.shapes." + UUID.randomUUID(), types);
  }

  private static UUID idOf(JsonNode deadline) {
    return UUID.fromString(deadline.get("id").asString());
  }

  private static boolean absentOrNull(JsonNode node, String field) {
    return node.path(field).isMissingNode() || node.path(field).isNull();
  }

  private static Instant instant(JsonNode node, String field) {
    return Instant.parse(node.get(field).asString());
  }
}
