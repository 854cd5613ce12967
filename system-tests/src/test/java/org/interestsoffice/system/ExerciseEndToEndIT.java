package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.system.Captures.subjectOf;
import static org.interestsoffice.system.Captures.textOf;
import static org.interestsoffice.system.Staffing.emailOf;
import static org.interestsoffice.system.Staffing.phoneOf;
import static org.interestsoffice.system.Staffing.staff;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The 2019 case of the US embassy in Caracas replayed as an exercise, end to end through the gateway
 * with the four services as processes, its case clock starting on 23 January 2019: the rupture note,
 * a departure group, talks with 7 remaining staff, the suspension of the 72 hours, the extension of
 * the talks, the cessation when they expire in case time, the final departure and the closure. Every
 * due instant is exact to the second, the timeline is in historical order, every alert and reminder
 * is marked "EXERCISE" and stamped on the case clock, and a real mission severed beside it, on the
 * wall clock, is not touched by any of it.
 */
class ExerciseEndToEndIT {

  private static final Instant STARTS_AT = Instant.parse("2019-01-23T12:00:00Z");
  private static final Instant RUPTURE = Instant.parse("2019-01-23T20:00:00Z");
  private static final Instant DEPARTURE_DUE = Instant.parse("2019-01-26T20:00:00Z");
  private static final Instant GROUP_LEAVES = Instant.parse("2019-01-25T14:30:00Z");
  private static final Instant TALKS = Instant.parse("2019-01-26T19:00:00Z");
  private static final Instant SUSPENSION = Instant.parse("2019-01-26T19:59:00Z");
  private static final Instant TALKS_DUE = Instant.parse("2019-02-25T19:00:00Z");
  private static final Instant EXTENSION = Instant.parse("2019-02-25T18:00:00Z");
  /** The talks are extended to the day Venezuela ended them: they expire then, in case time. */
  private static final Instant TALKS_EXTENDED_TO = Instant.parse("2019-03-12T16:00:00Z");
  private static final Instant FINAL_DEPARTURE_DUE = Instant.parse("2019-03-15T16:00:00Z");
  private static final Instant LAST_DEPARTURES = Instant.parse("2019-03-14T16:00:00Z");
  private static final Instant CLOSURE = Instant.parse("2019-03-14T20:00:00Z");
  private static final int STAFF = 10;
  private static final int REMAINING = 7;

  private static RunningSystem system;
  private static GatewayClient head;
  private static GatewayClient officer;

  @BeforeAll
  static void startTheSystem() {
    system = RunningSystem.get();
    head = system.as("ccs.head");
    officer = system.as("ccs.officer");
  }

  @Test
  void the2019CaseReplaysToTheSecondOnItsCaseClockAndARealMissionBesideItIsUntouched() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String exercise = aMission("Embassy of the United States in Caracas (exercise " + run + ")", STARTS_AT);
    String real = aMission("Embassy of the United States in Caracas (real " + run + ")", null);
    assertThat(mission(exercise).path("exercise").path("caseNow").asString()).isEqualTo(STARTS_AT.toString());
    assertThat(mission(real).path("exercise").isMissingNode() || mission(real).path("exercise").isNull()).isTrue();

    List<String> names = IntStream.rangeClosed(1, STAFF).mapToObj(n -> "Drill Diplomat " + run + " " + n).toList();
    List<String> drill = new ArrayList<>();
    for (String name : names) {
      drill.add(Staffing.registerOnceMissionIsKnown(officer, exercise, staff(name, "DIPLOMATIC_AGENT", null)));
    }
    String realName = "Real Diplomat " + run;
    String realPerson = Staffing.registerOnceMissionIsKnown(officer, real, staff(realName, "DIPLOMATIC_AGENT", null));

    // 23 January 2019: the rupture note, 72 hours to leave. The real mission is severed now, on the wall clock.
    advanceTo(exercise, RUPTURE);
    JsonNode severed =
        ok(head.post("/api/missions/" + exercise + "/rupture",
            Map.of("noteReference", "EX2019/MPPRE/" + run, "noteReceivedAt", RUPTURE.toString(), "departureWindow", "PT72H",
                "consularPostsClosed", false, "effectiveAt", RUPTURE.toString()),
            "e2e-exercise-" + run));
    assertThat(Instant.parse(severed.path("departureDeadline").path("dueAt").asString())).isEqualTo(DEPARTURE_DUE);
    Instant realNote = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
    ok(head.post("/api/missions/" + real + "/rupture",
        Map.of("noteReference", "REAL/" + run, "noteReceivedAt", realNote.toString(), "departureWindow", "PT72H", "consularPostsClosed", false),
        "e2e-real-" + run));

    // Every order goes out marked, in the person's inbox and phone, stamped with the note's instant.
    List<String> addresses = names.stream().map(Staffing::emailOf).toList();
    await().atMost(Duration.ofSeconds(60)).until(() -> Captures.mailTo(system, addresses).size() == STAFF);
    assertThat(Captures.mailTo(system, addresses))
        .allSatisfy(mail -> {
          assertThat(subjectOf(mail)).isEqualTo("EXERCISE: Departure order: leave by 2019-01-26 20:00 UTC");
          assertThat(textOf(mail).lines().findFirst().orElseThrow()).startsWith("EXERCISE: ");
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> Captures.smsTo(system, names.stream().map(Staffing::phoneOf).toList()).size() == STAFF);
    assertThat(Captures.smsTo(system, names.stream().map(Staffing::phoneOf).toList()))
        .allSatisfy(sms -> assertThat(sms.path("text").asString()).startsWith("EXERCISE: "));
    await().atMost(Duration.ofSeconds(30)).until(() -> Captures.mailTo(system, List.of(emailOf(realName))).size() == 1);
    assertThat(subjectOf(Captures.mailTo(system, List.of(emailOf(realName))).get(0))).doesNotContain("EXERCISE");

    // A departure group of three leaves on 25 January; the 48-hour reminder (24 hours after the note)
    // has gone to everyone by then, and nobody acknowledged within the 20 seconds the tests set:
    // escalated at 20:00:20 on the case clock.
    List<String> group = drill.subList(REMAINING, STAFF);
    String groupId =
        Staffing.created(head.post("/api/departure-groups",
            Map.of("missionId", exercise, "name", "Charter " + run, "scheduledAt", GROUP_LEAVES.toString(), "transport", "CHARTER_FLIGHT"),
            "e2e-exercise-" + run));
    ok(head.post("/api/departure-groups/" + groupId + "/members", Map.of("staffIds", group), "e2e-exercise-" + run));
    advanceTo(exercise, Instant.parse("2019-01-25T15:00:00Z"));
    awaitAlerts(exercise, "REMINDER_48H", "STAFF", 2 * STAFF);
    awaitAlerts(exercise, "ESCALATION:", "OFFICE_HEAD", STAFF);
    ok(head.post("/api/departure-groups/" + groupId + "/departure", Map.of("departedAt", GROUP_LEAVES.toString()), "e2e-exercise-" + run));
    await().atMost(Duration.ofSeconds(30)).until(() -> group.stream().allMatch(id -> "DEPARTED".equals(staffMember(id).path("status").asString())));

    // 26 January, 19:00: one jump past the 24-hour, 6-hour and 1-hour slots: the seven still there get
    // the 1-hour reminder only. Then the talks open with seven remaining staff.
    advanceTo(exercise, TALKS);
    awaitAlerts(exercise, "REMINDER_1H", "STAFF", 2 * REMAINING);
    assertThat(alertsOf(exercise, "REMINDER_24H")).isEmpty();
    assertThat(alertsOf(exercise, "REMINDER_6H")).isEmpty();
    recordNote(exercise, "EX2019/TALKS/" + run, TALKS, "26 January 2019: talks on interests offices within 30 days");
    JsonNode talks =
        ok(head.post("/api/missions/" + exercise + "/negotiation",
            Map.of("noteReference", "EX2019/TALKS/" + run, "agreedAt", TALKS.toString(), "window", "P30D", "remainingStaffCeiling", REMAINING,
                "effectiveAt", TALKS.toString()),
            "e2e-exercise-" + run));
    assertThat(Instant.parse(talks.path("deadline").path("dueAt").asString())).isEqualTo(TALKS_DUE);
    for (String id : drill.subList(0, REMAINING)) {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> head.post("/api/staff/" + id + "/remaining-designation", null, "e2e-exercise-" + run).status() == 200);
    }

    // The 72 hours are suspended in their last minute; the talks, about to run out, are extended.
    advanceTo(exercise, SUSPENSION);
    String departureDeadline = deadline(exercise, "DEPARTURE").path("id").asString();
    ok(head.post("/api/missions/" + exercise + "/deadlines/" + departureDeadline + "/suspension",
        Map.of("noteReference", "EX2019/TALKS/" + run, "effectiveAt", SUSPENSION.toString()), "e2e-exercise-" + run));
    advanceTo(exercise, EXTENSION);
    recordNote(exercise, "EX2019/ASSUMED/" + run, EXTENSION, "ASSUMED: the 30 days run out, the talks go on");
    String talksDeadline = deadline(exercise, "NEGOTIATION").path("id").asString();
    ok(head.post("/api/missions/" + exercise + "/deadlines/" + talksDeadline + "/extension",
        Map.of("noteReference", "EX2019/ASSUMED/" + run, "newDueAt", TALKS_EXTENDED_TO.toString(), "effectiveAt", EXTENSION.toString()),
        "e2e-exercise-" + run));

    // One jump to 14 March: the talks expire on 12 March at 16:00 exactly and the mission ceases; the
    // seven are ordered out on the final departure (72 hours from the expiry), alerted as of then.
    JsonNode jump = advanceTo(exercise, LAST_DEPARTURES);
    assertThat(jump.path("fired")).hasSize(1);
    assertThat(jump.path("fired").get(0).path("kind").asString()).isEqualTo("NEGOTIATION");
    assertThat(jump.path("fired").get(0).path("dueAt").asString()).isEqualTo(TALKS_EXTENDED_TO.toString());
    assertThat(Instant.parse(deadline(exercise, "FINAL_DEPARTURE").path("dueAt").asString())).isEqualTo(FINAL_DEPARTURE_DUE);
    awaitAlerts(exercise, "ORDER", "STAFF", 2 * STAFF + 2 * REMAINING);
    assertThat(alertsOf(exercise, "ORDER").stream().filter(a -> a.path("deadlineKind").asString().equals("FINAL_DEPARTURE")))
        .hasSize(2 * REMAINING)
        .allSatisfy(alert -> assertThat(alert.path("caseAt").asString()).isEqualTo(TALKS_EXTENDED_TO.toString()));
    // Their reminders and the office head's escalation went out before they leave (a departure ends them).
    awaitAlerts(exercise, "REMINDER_24H", "STAFF", 2 * REMAINING);
    awaitAlerts(exercise, "ESCALATION:", "OFFICE_HEAD", STAFF + REMAINING);
    for (String id : drill.subList(0, REMAINING)) {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> officer.post("/api/staff/" + id + "/departure", Map.of("departedAt", LAST_DEPARTURES.toString()), "e2e-exercise-" + run).status()
              == 200);
    }
    advanceTo(exercise, CLOSURE);
    ok(head.post("/api/missions/" + exercise + "/closure",
        Map.of("noteReference", "EX2019/MPPRE/" + run, "effectiveAt", CLOSURE.toString()), "e2e-exercise-" + run));

    // The timeline, in historical order, to the second.
    List<JsonNode> timeline = list(head.get("/api/missions/" + exercise + "/timeline").body());
    List<Instant> effective = timeline.stream().map(entry -> Instant.parse(entry.path("effectiveAt").asString())).toList();
    assertThat(effective).isSorted().allSatisfy(at -> assertThat(at).isBetween(STARTS_AT, CLOSURE));
    assertThat(transitions(timeline))
        .containsExactly(
            "RELATIONS_SEVERED@" + RUPTURE, "NEGOTIATING@" + TALKS, "CEASED@" + TALKS_EXTENDED_TO, "CLOSED@" + CLOSURE);
    assertThat(timeline)
        .anySatisfy(entry -> {
          assertThat(entry.path("type").asString()).isEqualTo("DEADLINE");
          assertThat(entry.path("deadlineKind").asString()).isEqualTo("NEGOTIATION");
          assertThat(entry.path("what").asString()).isEqualTo("EXPIRED");
          assertThat(entry.path("effectiveAt").asString()).isEqualTo(TALKS_EXTENDED_TO.toString());
        });

    // Every alert of the exercise is marked and stamped on the case clock, each slot exactly where it fell due.
    List<JsonNode> alerts = alertsOf(exercise, null);
    assertThat(alerts).allSatisfy(alert -> assertThat(alert.path("exercise").asBoolean()).isTrue());
    assertThat(stamps(alerts, "ORDER", "DEPARTURE")).containsOnly(RUPTURE.toString());
    assertThat(stamps(alerts, "REMINDER_48H", "DEPARTURE")).containsOnly("2019-01-24T20:00:00Z");
    assertThat(stamps(alerts, "REMINDER_1H", "DEPARTURE")).containsOnly("2019-01-26T19:00:00Z");
    assertThat(stamps(alerts, "ESCALATION:", "DEPARTURE")).hasSize(STAFF).containsOnly("2019-01-23T20:00:20Z");
    assertThat(stamps(alerts, "ESCALATION:", "FINAL_DEPARTURE")).hasSize(REMAINING).containsOnly("2019-03-12T16:00:20Z");
    // The final departure's 24-hour reminder fell due at the instant the clock jumped to; the 48-hour one was passed in the jump.
    assertThat(stamps(alerts, "REMINDER_24H", "FINAL_DEPARTURE")).hasSize(2 * REMAINING).containsOnly(LAST_DEPARTURES.toString());
    assertThat(stamps(alerts, "REMINDER_48H", "FINAL_DEPARTURE")).isEmpty();
    assertThat(head.get("/api/missions/" + exercise + "/alert-progress").body().path("exercise").asBoolean()).isTrue();
    JsonNode accountability = head.get("/api/missions/" + exercise + "/accountability").body();
    assertThat(accountability.path("exercise").asBoolean()).isTrue();

    // The real mission: its deadline still runs on the wall clock, its person ordered out and alerted once, unmarked.
    JsonNode realDeadline = deadline(real, "DEPARTURE");
    assertThat(realDeadline.path("status").asString()).isEqualTo("RUNNING");
    assertThat(Instant.parse(realDeadline.path("dueAt").asString())).isEqualTo(realNote.plus(Duration.ofHours(72)));
    assertThat(staffMember(realPerson).path("status").asString()).isEqualTo("DEPARTURE_ORDERED");
    assertThat(alertsOf(real, null))
        .allSatisfy(alert -> {
          assertThat(alert.path("exercise").asBoolean()).isFalse();
          assertThat(alert.path("caseAt").isNull() || alert.path("caseAt").isMissingNode()).isTrue();
        })
        .extracting(alert -> alert.path("slot").asString())
        .containsOnly("ORDER");
    assertThat(mission(real).path("status").asString()).isEqualTo("RELATIONS_SEVERED");
  }

  @Test
  void theCaseClockRefusesBadInputAndChangesNothing() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String exercise = aMission("Embassy drill " + run, STARTS_AT);
    String real = aMission("Embassy real " + run, null);
    advanceTo(exercise, RUPTURE);

    assertProblem(head.post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", STARTS_AT.toString()), "e2e-bad"), 409);
    assertProblem(head.post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", "23 January 2019"), "e2e-bad"), 400);
    assertProblem(head.post("/api/missions/" + real + "/case-clock", Map.of("advanceTo", RUPTURE.toString()), "e2e-bad"), 409);
    // An officer may not move the clock; a head of another office does not even see the mission.
    assertProblem(officer.post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", TALKS.toString()), "e2e-bad"), 403);
    assertProblem(system.as("was.head").post("/api/missions/" + exercise + "/case-clock", Map.of("advanceTo", TALKS.toString()), "e2e-bad"), 404);

    assertThat(mission(exercise).path("exercise").path("caseNow").asString()).isEqualTo(RUPTURE.toString());
    assertThat(mission(real).path("exercise").isMissingNode() || mission(real).path("exercise").isNull()).isTrue();
  }

  // --- helpers ---

  private static String aMission(String name, Instant exerciseStartsAt) {
    Map<String, Object> body = Staffing.caracasEmbassy(name);
    if (exerciseStartsAt != null) {
      body.put("exercise", Map.of("startsAt", exerciseStartsAt.toString()));
    }
    return Staffing.created(head.post("/api/missions", body, "e2e-exercise"));
  }

  private static void recordNote(String missionId, String reference, Instant at, String summary) {
    ok(head.post("/api/missions/" + missionId + "/notes",
        Map.of("reference", reference, "direction", "INCOMING", "at", at.toString(), "summary", summary), "e2e-exercise"));
  }

  private static JsonNode advanceTo(String missionId, Instant to) {
    JsonNode advanced = ok(head.post("/api/missions/" + missionId + "/case-clock", Map.of("advanceTo", to.toString()), "e2e-exercise"));
    assertThat(advanced.path("mission").path("exercise").path("caseNow").asString()).isEqualTo(to.toString());
    return advanced;
  }

  private static JsonNode mission(String id) {
    return ok(head.get("/api/missions/" + id));
  }

  private static JsonNode staffMember(String id) {
    return ok(officer.get("/api/staff/" + id));
  }

  private static JsonNode deadline(String missionId, String kind) {
    return list(ok(head.get("/api/missions/" + missionId + "/deadlines"))).stream()
        .filter(deadline -> deadline.path("kind").asString().equals(kind))
        .reduce((first, later) -> later)
        .orElseThrow(() -> new AssertionError("No " + kind + " deadline on mission " + missionId));
  }

  /** The mission's alerts, of one slot (all, if null), as the alerts API lists them. */
  private static List<JsonNode> alertsOf(String missionId, String slot) {
    return list(ok(head.get("/api/alerts?missionId=" + missionId + "&limit=500"))).stream()
        .filter(alert -> slot == null || isSlot(alert, slot))
        .toList();
  }

  private static void awaitAlerts(String missionId, String slot, String audience, int count) {
    await().atMost(Duration.ofSeconds(60))
        .until(() -> alertsOf(missionId, slot).stream()
            .filter(alert -> alert.path("audience").asString().equals(audience))
            .filter(alert -> List.of("SENT", "DELIVERED").contains(alert.path("status").asString()))
            .count() == count);
  }

  private static List<String> stamps(List<JsonNode> alerts, String slot, String deadlineKind) {
    return alerts.stream()
        .filter(alert -> isSlot(alert, slot) && alert.path("deadlineKind").asString().equals(deadlineKind))
        .map(alert -> alert.path("caseAt").asString())
        .toList();
  }

  /** A slot by its code; one ending in ':' (an escalation's, to whichever office head) by its prefix. */
  private static boolean isSlot(JsonNode alert, String slot) {
    String code = alert.path("slot").asString();
    return slot.endsWith(":") ? code.startsWith(slot) : code.equals(slot);
  }

  private static List<String> transitions(List<JsonNode> timeline) {
    return timeline.stream()
        .filter(entry -> entry.path("type").asString().equals("TRANSITION"))
        .map(entry -> entry.path("toStatus").asString() + "@" + entry.path("effectiveAt").asString())
        .toList();
  }

  /** A list the API returns whole (deadlines, timeline), or its one page of items (alerts, at most 500 a page here). */
  private static List<JsonNode> list(JsonNode body) {
    if (body.isArray()) {
      return StreamSupport.stream(body.spliterator(), false).toList();
    }
    assertThat(body.path("nextCursor").isNull()).as("everything on one page").isTrue();
    return StreamSupport.stream(body.path("items").spliterator(), false).toList();
  }

  private static JsonNode ok(GatewayClient.Response response) {
    assertThat(response.status()).as(response.body().toString()).isBetween(200, 201);
    return response.body();
  }

  private static void assertProblem(GatewayClient.Response response, int status) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.body().path("title").asString()).isNotBlank();
  }
}
