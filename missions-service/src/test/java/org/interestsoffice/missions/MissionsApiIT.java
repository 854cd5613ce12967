package org.interestsoffice.missions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.missions.EventTap.aboutMission;
import static org.interestsoffice.missions.MissionDraft.aMission;
import static org.interestsoffice.missions.RuptureDraft.NOTE_OF_23_JANUARY_2019;
import static org.interestsoffice.missions.RuptureDraft.aRupture;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.interestsoffice.missions.EventTap.Received;
import org.interestsoffice.missions.MissionsApi.Answer;
import org.interestsoffice.platform.events.Correlation;
import org.interestsoffice.platform.events.EventEnvelope;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.testing.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton of the missions service, through its HTTP API, against the real database
 * and broker: a mission is registered, relations are severed, the departure deadline starts from
 * the note's receipt, and each change reaches the broker as an event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "missions")
class MissionsApiIT {

  /** The service stands twelve hours after the note of 23 January 2019 was received. */
  static final Instant NOW = NOTE_OF_23_JANUARY_2019.plus(Duration.ofHours(12));

  private static final Duration SEVENTY_TWO_HOURS = Duration.ofHours(72);

  @TestConfiguration
  static class TwelveHoursAfterTheNote {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired AmqpAdmin admin;
  @Autowired RabbitTemplate rabbit;
  @Autowired MessagingNames names;
  @Autowired TopicExchange missionEvents;
  @Autowired HealthEndpoint health;

  MissionsApi api;

  @BeforeEach
  void client() {
    api = new MissionsApi(port, json);
  }

  @Test
  void aRegisteredMissionIsOperatingAndCanBeReadAndListed() {
    Answer created = api.register(aMission());

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode mission = created.json();
    UUID id = UUID.fromString(mission.get("id").asString());
    assertThat(created.header("Location")).map(URI::create).map(URI::getPath).hasValue("/api/missions/" + id);
    assertThat(mission.get("officeCode").asString()).isEqualTo("CCS");
    assertThat(mission.get("kind").asString()).isEqualTo("EMBASSY");
    assertThat(mission.get("name").asString()).isEqualTo("Embassy of the United States in Caracas");
    assertThat(mission.get("sendingState").asString()).isEqualTo("US");
    assertThat(mission.get("receivingState").asString()).isEqualTo("VE");
    assertThat(mission.get("city").asString()).isEqualTo("Caracas");
    assertThat(mission.get("timeZone").asString()).isEqualTo("America/Caracas");
    assertThat(mission.get("status").asString()).isEqualTo("OPERATING");
    assertThat(mission.get("consularPostsClosed").asBoolean()).isFalse();
    assertThat(Instant.parse(mission.get("registeredAt").asString())).isEqualTo(NOW);

    Answer read = api.get(created.header("Location").orElseThrow());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(mission);

    Answer listed = api.missions();
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().valueStream().map(m -> m.get("id").asString())).contains(id.toString());
  }

  @Test
  void anUnknownMissionIsA404Problem() {
    UUID nobody = UUID.randomUUID();

    Answer answer = api.mission(nobody);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(404);
    assertThat(answer.json().get("title").asString()).isEqualTo("Mission not found");
    assertThat(answer.json().get("detail").asString()).contains(nobody.toString());
    assertThat(answer.json().path("correlationId").asString("")).as(answer.toString()).isNotBlank();
  }

  @Test
  void aRegisteredMissionIsAnnouncedThroughTheOutboxWithTheRequestsCorrelationId() {
    EventTap tap = tap("MissionRegistered");

    Answer created = api.register(aMission().inOffice("WAS").sentBy("VE").accreditedTo("US").inCity("Washington")
        .keepingTime("America/New_York").named("Embassy of Venezuela in Washington"), "was-registration-1");
    UUID id = UUID.fromString(created.json().get("id").asString());

    Received received = tap.next("MissionRegistered", aboutMission(id));
    EventEnvelope event = received.envelope();
    assertThat(event.type()).isEqualTo("MissionRegistered");
    assertThat(event.version()).isEqualTo(1);
    assertThat(event.eventId()).isNotNull();
    assertThat(received.messageId()).isEqualTo(event.eventId().toString());
    assertThat(event.occurredAt()).isEqualTo(NOW);
    assertThat(event.correlationId()).isEqualTo("was-registration-1");
    assertThat(event.causationId()).isEqualTo("was-registration-1");
    assertThat(event.officeCode()).isEqualTo("WAS");
    JsonNode payload = event.payload();
    assertThat(payload.get("officeCode").asString()).isEqualTo("WAS");
    assertThat(payload.get("kind").asString()).isEqualTo("EMBASSY");
    assertThat(payload.get("name").asString()).isEqualTo("Embassy of Venezuela in Washington");
    assertThat(payload.get("sendingState").asString()).isEqualTo("VE");
    assertThat(payload.get("receivingState").asString()).isEqualTo("US");
    assertThat(payload.get("city").asString()).isEqualTo("Washington");
    assertThat(payload.get("timeZone").asString()).isEqualTo("America/New_York");
    assertThat(created.header(Correlation.HEADER)).hasValue("was-registration-1");
    // Counted as published only once the broker has confirmed it.
    await().untilAsserted(() -> assertThat(publishedAt(event.eventId())).isNotNull());
  }

  @Test
  void aRuptureStartsASeventyTwoHourDepartureDeadlineFromTheNotesReceipt() {
    UUID missionId = api.registered(aMission());
    EventTap tap = tap("RelationsSevered");
    RuptureDraft rupture = aRupture().closingConsularPosts(true);

    Answer answer = api.declareRupture(missionId, rupture, "ccs-rupture-2019");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.header(Correlation.HEADER)).hasValue("ccs-rupture-2019");
    JsonNode deadline = answer.json().get("departureDeadline");
    Instant dueAt = NOTE_OF_23_JANUARY_2019.plus(SEVENTY_TWO_HOURS);
    assertThat(deadline.get("kind").asString()).isEqualTo("DEPARTURE");
    assertThat(deadline.get("noteReference").asString()).isEqualTo(rupture.noteReference());
    assertThat(Instant.parse(deadline.get("anchoredAt").asString())).isEqualTo(NOTE_OF_23_JANUARY_2019);
    assertThat(Duration.parse(deadline.get("duration").asString())).isEqualTo(SEVENTY_TWO_HOURS);
    assertThat(Instant.parse(deadline.get("dueAt").asString())).isEqualTo(Instant.parse("2019-01-26T20:00:00Z")).isEqualTo(dueAt);
    assertThat(deadline.get("status").asString()).isEqualTo("RUNNING");
    assertThat(deadline.get("version").asInt()).isEqualTo(1);
    // Twelve of the 72 hours have passed since the note was received.
    assertThat(Duration.parse(deadline.get("remaining").asString())).isEqualTo(Duration.ofHours(60));
    assertThat(answer.json().get("mission").get("status").asString()).isEqualTo("RELATIONS_SEVERED");

    JsonNode mission = api.mission(missionId).json();
    assertThat(mission.get("status").asString()).isEqualTo("RELATIONS_SEVERED");
    assertThat(mission.get("consularPostsClosed").asBoolean()).isTrue();

    UUID deadlineId = UUID.fromString(deadline.get("id").asString());
    EventEnvelope event = tap.next("RelationsSevered", aboutMission(missionId)).envelope();
    assertThat(event.version()).isEqualTo(1);
    assertThat(event.officeCode()).isEqualTo("CCS");
    assertThat(event.correlationId()).isEqualTo("ccs-rupture-2019");
    assertThat(event.causationId()).isEqualTo("ccs-rupture-2019");
    assertThat(event.occurredAt()).isEqualTo(NOW);
    JsonNode payload = event.payload();
    assertThat(payload.get("deadlineId").asString()).isEqualTo(deadlineId.toString());
    assertThat(payload.get("deadlineKind").asString()).isEqualTo("DEPARTURE");
    assertThat(payload.get("deadlineVersion").asInt()).isEqualTo(1);
    assertThat(Instant.parse(payload.get("dueAt").asString())).isEqualTo(dueAt);
    assertThat(Instant.parse(payload.get("noteReceivedAt").asString())).isEqualTo(NOTE_OF_23_JANUARY_2019);
    assertThat(Duration.parse(payload.get("departureWindow").asString())).isEqualTo(SEVENTY_TWO_HOURS);
    assertThat(payload.get("noteReference").asString()).isEqualTo(rupture.noteReference());
    assertThat(payload.get("timeZone").asString()).isEqualTo("America/Caracas");
    assertThat(payload.get("receivingState").asString()).isEqualTo("VE");
    assertThat(payload.get("consularPostsClosed").asBoolean()).isTrue();
    assertThat(payload.get("missionName").asString()).isEqualTo("Embassy of the United States in Caracas");
  }

  @Test
  void aNoteLoggedMinutesAheadOfTheServicesClockIsAcceptedAsClockSkew() {
    UUID missionId = api.registered(aMission());
    Instant aheadOfTheClock = NOW.plus(Duration.ofMinutes(4));

    Answer answer = api.declareRupture(missionId, aRupture().receivedAt(aheadOfTheClock));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(Instant.parse(answer.json().get("departureDeadline").get("dueAt").asString()))
        .isEqualTo(aheadOfTheClock.plus(SEVENTY_TWO_HOURS));
  }

  @Test
  void aSecondRuptureIsRefusedAndChangesNothing() {
    UUID missionId = api.registered(aMission());
    Answer first = api.declareRupture(missionId, aRupture());
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    RuptureDraft second = aRupture().receivedAt(NOTE_OF_23_JANUARY_2019.plus(Duration.ofHours(1)));

    Answer refused = api.declareRupture(missionId, second);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("title").asString()).isEqualTo("Transition not allowed");
    assertThat(refused.json().get("currentStatus").asString()).isEqualTo("RELATIONS_SEVERED");
    assertThat(refused.json().get("allowedFrom").valueStream().map(JsonNode::asString)).containsExactly("OPERATING");
    assertThat(refused.json().get("correlationId").asString()).isNotBlank();
    assertThat(deadlinesOf(missionId)).isEqualTo(1);
    assertThat(transitionsOf(missionId)).isEqualTo(1);
    assertThat(relationsSeveredEventsOf(missionId)).isEqualTo(1);
    assertThat(notesWithReference(second.noteReference())).isZero();
    assertThat(api.mission(missionId).json().get("status").asString()).isEqualTo("RELATIONS_SEVERED");
  }

  @Test
  void ofRupturesDeclaredAtTheSameTimeExactlyOneTakesEffect() {
    UUID missionId = api.registered(aMission());
    List<RuptureDraft> ruptures = IntStream.range(0, 4).mapToObj(i -> aRupture()).toList();

    List<CompletableFuture<Answer>> sent = ruptures.stream().map(r -> api.declareRuptureAsync(missionId, r)).toList();
    List<Answer> answers = sent.stream().map(CompletableFuture::join).toList();

    assertThat(answers).as(answers.toString()).extracting(Answer::status).containsOnly(200, 409).containsOnlyOnce(200);
    RuptureDraft winner = ruptures.get(answers.stream().map(Answer::status).toList().indexOf(200));
    assertThat(deadlinesOf(missionId)).isEqualTo(1);
    assertThat(transitionsOf(missionId)).isEqualTo(1);
    assertThat(relationsSeveredEventsOf(missionId)).isEqualTo(1);
    for (RuptureDraft rupture : ruptures) {
      assertThat(notesWithReference(rupture.noteReference()))
          .as("note %s registered", rupture.noteReference())
          .isEqualTo(rupture == winner ? 1 : 0);
    }
  }

  static Stream<Arguments> badRegistrations() {
    return Stream.of(
        arguments("an unknown kind", aMission().ofKind("BUNKER"), "kind"),
        arguments("no kind", aMission().without("kind"), "kind"),
        arguments("an invalid country code", aMission().accreditedTo("XX"), "receivingState"),
        arguments("a lower-case country code", aMission().sentBy("us"), "sendingState"),
        arguments("the same sending and receiving state", aMission().sentBy("VE").accreditedTo("VE"), "must differ"),
        arguments("a time zone that does not exist", aMission().keepingTime("Mars/Olympus"), "timeZone"),
        arguments("an offset instead of a time zone", aMission().keepingTime("-04:00"), "timeZone"),
        arguments("a blank name", aMission().named("   "), "name"),
        arguments("no name", aMission().without("name"), "name"),
        arguments("a blank city", aMission().inCity(""), "city"),
        arguments("a lower-case office code", aMission().inOffice("ccs"), "officeCode"),
        arguments("a two-letter office code", aMission().inOffice("CC"), "officeCode"),
        arguments("a four-letter office code", aMission().inOffice("CCSX"), "officeCode"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRegistrations")
  void aRegistrationWithBadInputIsA400ProblemAndWritesNothing(String what, MissionDraft mission, String mentioning) {
    long missionsBefore = count("select count(*) from mission");
    long eventsBefore = count("select count(*) from platform.outbox_event");

    Answer answer = api.register(mission);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(400);
    // The platform's problem details: the caller can quote the request, and is told what to fix.
    assertThat(answer.json().path("correlationId").asString("")).as(answer.toString()).isNotBlank();
    assertThat(answer.body()).as("the problem names what is wrong").contains(mentioning);
    assertThat(count("select count(*) from mission")).isEqualTo(missionsBefore);
    assertThat(count("select count(*) from platform.outbox_event")).isEqualTo(eventsBefore);
  }

  static Stream<Arguments> badRuptures() {
    return Stream.of(
        arguments("a malformed receipt time", aRupture().with("noteReceivedAt", "yesterday"), "noteReceivedAt"),
        arguments("no receipt time", aRupture().without("noteReceivedAt"), "noteReceivedAt"),
        arguments("no note reference", aRupture().without("noteReference"), "noteReference"),
        arguments("a blank note reference", aRupture().byNote("  "), "noteReference"),
        arguments("a negative departure window", aRupture().withDepartureWindow("-PT1H"), "departureWindow"),
        arguments("no time to leave at all", aRupture().withDepartureWindow("PT0S"), "departureWindow"),
        arguments("a departure window of 400 days", aRupture().withDepartureWindow("P400D"), "departureWindow"),
        arguments("a departure window in words", aRupture().withDepartureWindow("72 hours"), "departureWindow"),
        arguments("no departure window", aRupture().without("departureWindow"), "departureWindow"),
        arguments(
            "a note received beyond the clock's tolerance",
            aRupture().receivedAt(NOW.plus(Duration.ofMinutes(6))),
            "in the future"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRuptures")
  void aRuptureWithBadInputIsA400ProblemAndChangesNothing(String what, RuptureDraft rupture, String mentioning) {
    UUID missionId = api.registered(aMission());
    long notesBefore = count("select count(*) from diplomatic_note");

    Answer answer = api.declareRupture(missionId, rupture);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    // The platform's problem details: the caller can quote the request, and is told what to fix.
    assertThat(answer.json().path("correlationId").asString("")).as(answer.toString()).isNotBlank();
    assertThat(answer.body()).as("the problem names what is wrong").contains(mentioning);
    assertThat(api.mission(missionId).json().get("status").asString()).isEqualTo("OPERATING");
    assertThat(deadlinesOf(missionId)).isZero();
    assertThat(transitionsOf(missionId)).isZero();
    assertThat(relationsSeveredEventsOf(missionId)).isZero();
    assertThat(count("select count(*) from diplomatic_note")).isEqualTo(notesBefore);
  }

  @Test
  void aRuptureOfAnUnknownMissionIsA404ProblemAndRegistersNoNote() {
    RuptureDraft rupture = aRupture();

    Answer answer = api.declareRupture(UUID.randomUUID(), rupture);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("title").asString()).isEqualTo("Mission not found");
    assertThat(notesWithReference(rupture.noteReference())).isZero();
  }

  @Test
  void aMissionIdThatIsNotAUuidIsA400Problem() {
    Answer answer = api.get("/api/missions/embassy-in-caracas");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("correlationId").asString("")).as(answer.toString()).isNotBlank();
  }

  @Test
  void isReadyWhenItsDatabaseAnswersWhateverTheBroker() {
    Answer readiness = api.get("/actuator/health/readiness");

    assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
    assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    // Over HTTP the components stay hidden (show-details defaults to never); that readiness
    // depends on the database is read from the endpoint itself. The broker is left out on
    // purpose: the outbox rides a broker outage, and a failover must not make every instance
    // unready (the whole API 503). Its health is still reported, outside the readiness group.
    CompositeHealthDescriptor group = (CompositeHealthDescriptor) health.healthForPath("readiness");
    assertThat(group.getStatus()).isEqualTo(Status.UP);
    assertThat(group.getComponents()).containsKey("db").doesNotContainKey("rabbit");
    assertThat(group.getComponents().get("db").getStatus()).isEqualTo(Status.UP);
    CompositeHealthDescriptor whole = (CompositeHealthDescriptor) health.health();
    assertThat(whole.getComponents()).containsKey("rabbit");
    assertThat(whole.getComponents().get("rabbit").getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void exposesPrometheusMetricsOfItsApi() {
    api.missions();

    await()
        .untilAsserted(
            () -> {
              Answer metrics = api.get("/actuator/prometheus");
              assertThat(metrics.status()).isEqualTo(200);
              assertThat(metrics.contentType()).containsAnyOf("text/plain", "application/openmetrics-text");
              assertThat(metrics.body()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/missions\"");
            });
  }

  @Test
  void flywayMigratedTheServicesTablesAndThePlatformsOwn() {
    assertThat(tableExists("public.mission")).isTrue();
    assertThat(tableExists("public.deadline")).isTrue();
    assertThat(tableExists("public.diplomatic_note")).isTrue();
    assertThat(tableExists("public.mission_transition")).isTrue();
    assertThat(tableExists("platform.outbox_event")).isTrue();
    assertThat(tableExists("platform.processed_event")).isTrue();
    // Two histories, so the two sets of migrations never compete for version numbers.
    assertThat(count("select count(*) from public.flyway_schema_history where success and version = '1'")).isEqualTo(1);
    assertThat(count("select count(*) from platform.flyway_schema_history where success and version = '1'")).isEqualTo(1);
  }

  private EventTap tap(String... types) {
    return EventTap.open(
        admin, rabbit, json, missionEvents, names.of("missions.test-tap." + UUID.randomUUID()), types);
  }

  private Object publishedAt(UUID eventId) {
    return jdbc.sql("select published_at from platform.outbox_event where event_id = :id")
        .param("id", eventId)
        .query((rs, row) -> rs.getObject("published_at"))
        .single();
  }

  private long deadlinesOf(UUID missionId) {
    return jdbc.sql("select count(*) from deadline where mission_id = :id").param("id", missionId).query(Long.class).single();
  }

  private long transitionsOf(UUID missionId) {
    return jdbc.sql("select count(*) from mission_transition where mission_id = :id")
        .param("id", missionId)
        .query(Long.class)
        .single();
  }

  private long relationsSeveredEventsOf(UUID missionId) {
    return jdbc.sql(
            """
            select count(*) from platform.outbox_event
            where type = 'RelationsSevered' and envelope -> 'payload' ->> 'missionId' = :id
            """)
        .param("id", missionId.toString())
        .query(Long.class)
        .single();
  }

  private long notesWithReference(String reference) {
    return jdbc.sql("select count(*) from diplomatic_note where reference = :reference")
        .param("reference", reference)
        .query(Long.class)
        .single();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private boolean tableExists(String qualifiedName) {
    return jdbc.sql("select to_regclass(:name) is not null").param("name", qualifiedName).query(Boolean.class).single();
  }
}
