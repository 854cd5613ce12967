package org.interestsoffice.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Replays the 2019 timeline on the demo missions, step by step, through the public API and as the
 * office heads who would act. Each step happens now (notes received now, deadlines running from
 * now), so alerts and reminders go out as they would have; the notes' summaries give the real
 * dates. A step already taken is reported and skipped, so a replay can be repeated or resumed.
 *
 * <ol>
 *   <li>{@code rupture} — 23 January: relations severed; 72 hours to leave. In Caracas for the US
 *       embassy; in the United States for Venezuela's embassy and consulates.
 *   <li>{@code negotiation} — 26 January: both governments agree to negotiate interests offices
 *       within 30 days, with at most 7 remaining staff; each embassy designates its seven.
 *   <li>{@code suspension} — the 72 hours run out and are suspended while the talks go on.
 *   <li>{@code extension} — the departure deadline is extended to the end of the negotiation.
 *   <li>{@code cessation} — March: no agreement; the missions cease and the remaining staff get 72
 *       hours to leave.
 * </ol>
 */
final class ReplayingTimeline {

  static final List<String> STEPS = List.of("rupture", "negotiation", "suspension", "extension", "cessation");

  /** The remaining-staff ceiling agreed in January 2019 (seven US diplomats stayed in Caracas). */
  static final int CEILING = 7;

  private static final Duration EVENT_LIMIT = Duration.ofSeconds(60);

  /** One diplomatic note of the replay, per office. */
  private record Note(String reference, String summary) {}

  private static final Map<String, Map<String, Note>> NOTES =
      Map.of(
          "CCS",
          Map.of(
              "rupture", new Note("MPPRE-DM-2019-0117", "23 January 2019: Venezuela breaks diplomatic relations; US diplomats to leave within 72 hours"),
              "negotiation", new Note("MPPRE-DM-2019-0121", "26 January 2019: agreement to negotiate interests offices within 30 days; at most 7 remaining staff"),
              "suspension", new Note("MPPRE-DM-2019-0122", "26 January 2019: the 72-hour departure deadline is suspended while the talks go on"),
              "extension", new Note("MPPRE-DM-2019-0140", "February 2019: the departure deadline is extended to the end of the negotiation"),
              "cessation", new Note("MPPRE-DM-2019-0311", "11 March 2019: no agreement; the embassy ceases its activities")),
          "WAS",
          Map.of(
              "rupture", new Note("DOS-WHA-2019-0023", "24 January 2019: Venezuela closes its embassy and consulates in the United States; 72 hours to leave"),
              "negotiation", new Note("DOS-WHA-2019-0027", "26 January 2019: agreement to negotiate interests offices within 30 days; at most 7 remaining staff"),
              "suspension", new Note("DOS-WHA-2019-0028", "26 January 2019: the 72-hour departure deadline is suspended while the talks go on"),
              "extension", new Note("DOS-WHA-2019-0041", "February 2019: the departure deadline is extended to the end of the negotiation"),
              "cessation", new Note("DOS-WHA-2019-0066", "March 2019: no agreement; the embassy ceases its activities")));

  private final Api api;
  private final PrintStream out;
  private final Instant ruptureAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));

  ReplayingTimeline(Api api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  void replay(String step) {
    if (step.equals("all")) {
      STEPS.forEach(this::replay);
      return;
    }
    if (!STEPS.contains(step)) {
      throw new DemoFailure("No step " + step + ": the steps are " + String.join(", ", STEPS) + ", or all");
    }
    Map<String, String> ids = LoadingDemoData.existingMissions(api);
    if (!ids.keySet().containsAll(Case2019.MISSIONS.stream().map(Case2019.Mission::key).toList())) {
      throw new DemoFailure("The demo missions are not loaded: run bin/demo load first (bin/run-local loads them unless --no-demo)");
    }
    out.printf("== %s%n", step);
    switch (step) {
      case "rupture" -> Case2019.MISSIONS.forEach(mission -> rupture(mission, ids.get(mission.key())));
      case "negotiation" -> embassies().forEach(mission -> negotiation(mission, ids.get(mission.key())));
      case "suspension" -> embassies().forEach(mission -> suspension(mission, ids.get(mission.key())));
      case "extension" -> embassies().forEach(mission -> extension(mission, ids.get(mission.key())));
      case "cessation" -> embassies().forEach(mission -> cessation(mission, ids.get(mission.key())));
      default -> throw new IllegalStateException(step);
    }
  }

  private static List<Case2019.Mission> embassies() {
    return Case2019.MISSIONS.stream().filter(Case2019.Mission::isEmbassy).toList();
  }

  private void rupture(Case2019.Mission mission, String id) {
    JsonNode current = mission(mission, id);
    if (!current.path("status").asString().equals("OPERATING")) {
      skip(mission, "relations already severed (" + current.path("status").asString() + ")");
      return;
    }
    Note note = note(mission, "rupture");
    Instant received = ruptureNoteReceivedAt(mission);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("noteReference", note.reference());
    body.put("noteReceivedAt", received.toString());
    body.put("departureWindow", "PT72H");
    body.put("consularPostsClosed", true);
    JsonNode result = api.post(head(mission), "/api/missions/" + id + "/rupture", body).expect(200);
    done(mission, "relations severed by note " + note.reference() + "; everyone with privileges must leave by "
        + result.path("departureDeadline").path("dueAt").asString());
  }

  /**
   * One note severs all the office's missions: the time it was received, as registered with a
   * mission severed before, or else a minute ago (the 72 hours run from its receipt).
   */
  private Instant ruptureNoteReceivedAt(Case2019.Mission mission) {
    String reference = note(mission, "rupture").reference();
    Map<String, String> ids = LoadingDemoData.existingMissions(api);
    return Case2019.MISSIONS.stream()
        .filter(other -> other.officeCode().equals(mission.officeCode()))
        .flatMap(other -> LoadingDemoData.stream(api.get(head(other), "/api/missions/" + ids.get(other.key()) + "/notes").expect(200)))
        .filter(registered -> registered.path("reference").asString().equals(reference))
        .map(registered -> Instant.parse(registered.path("at").asString()))
        .findFirst()
        .orElseGet(() -> ruptureAt);
  }

  private void negotiation(Case2019.Mission mission, String id) {
    String status = mission(mission, id).path("status").asString();
    if (status.equals("OPERATING")) {
      throw outOfOrder(mission, "negotiation", "rupture");
    }
    if (status.equals("RELATIONS_SEVERED")) {
      Note note = recordNote(mission, id, "negotiation");
      Map<String, Object> body =
          Map.of(
              "noteReference", note.reference(),
              "agreedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
              "window", "P30D",
              "remainingStaffCeiling", CEILING);
      JsonNode result = api.post(head(mission), "/api/missions/" + id + "/negotiation", body).expect(200);
      done(mission, "negotiation open until " + result.path("deadline").path("dueAt").asString() + ", at most " + CEILING + " remaining staff");
    } else {
      skip(mission, "negotiation already opened (" + status + ")");
      if (!status.equals("NEGOTIATING")) {
        return; // the remaining staff were designated while it was (or the talks are over)
      }
    }
    designateRemainingStaff(mission, id);
  }

  /** The first seven diplomats stay; an eighth is refused, as the ceiling requires. */
  private void designateRemainingStaff(Case2019.Mission mission, String id) {
    String head = head(mission);
    List<JsonNode> diplomats =
        LoadingDemoData.stream(api.get(head, "/api/staff?missionId=" + id).expect(200))
            .filter(s -> s.path("category").asString().equals("DIPLOMATIC_AGENT"))
            .filter(s -> Case2019.staffOf(mission.key()).stream().anyMatch(p -> p.email().equals(s.path("email").asString())))
            .sorted(java.util.Comparator.comparing(s -> rosterPosition(mission, s.path("email").asString())))
            .toList();
    int designated = 0;
    for (JsonNode diplomat : diplomats.subList(0, Math.min(CEILING, diplomats.size()))) {
      if (!diplomat.path("status").asString().equals("REMAINING")) {
        // Personnel learns the ceiling from NegotiationOpened; until then it has none.
        Api.untilCaughtUp(
                () -> api.post(head, "/api/staff/" + diplomat.path("id").asString() + "/remaining-designation", null),
                r -> r.is(409) && r.title().equals("No ceiling agreed"),
                EVENT_LIMIT)
            .expect(200);
        designated++;
      }
    }
    out.printf("  %-45s %d remaining staff designated (%d now)%n", mission.name(), CEILING, designated);
    if (diplomats.size() > CEILING && !diplomats.get(CEILING).path("status").asString().equals("REMAINING")) {
      Api.Response eighth = api.post(head, "/api/staff/" + diplomats.get(CEILING).path("id").asString() + "/remaining-designation", null);
      out.printf("  %-45s an eighth designation is refused: %d %s%n", "", eighth.status(), eighth.describe());
    }
  }

  private static int rosterPosition(Case2019.Mission mission, String email) {
    List<Case2019.Person> roster = Case2019.staffOf(mission.key());
    for (int i = 0; i < roster.size(); i++) {
      if (roster.get(i).email().equals(email)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private void suspension(Case2019.Mission mission, String id) {
    requireNegotiating(mission, id, "suspension");
    JsonNode departure = departureDeadline(mission, id);
    if (changed(departure, "SUSPENDED")) {
      skip(mission, "departure deadline already suspended once");
      return;
    }
    if (!departure.path("status").asString().equals("RUNNING")) {
      throw new DemoFailure(mission.name() + ": the departure deadline is " + departure.path("status").asString() + ", not RUNNING; nothing to suspend");
    }
    Note note = recordNote(mission, id, "suspension");
    api.post(head(mission), "/api/missions/" + id + "/deadlines/" + departure.path("id").asString() + "/suspension",
            Map.of("noteReference", note.reference()))
        .expect(200);
    done(mission, "departure deadline suspended by note " + note.reference());
  }

  private void extension(Case2019.Mission mission, String id) {
    requireNegotiating(mission, id, "extension");
    JsonNode departure = departureDeadline(mission, id);
    if (changed(departure, "EXTENDED")) {
      skip(mission, "departure deadline already extended");
      return;
    }
    if (!changed(departure, "SUSPENDED")) {
      throw outOfOrder(mission, "extension", "suspension");
    }
    Instant currentDue = Instant.parse(departure.path("dueAt").asString());
    Instant negotiationDue =
        deadlines(id).stream()
            .filter(d -> d.path("kind").asString().equals("NEGOTIATION"))
            .map(d -> Instant.parse(d.path("dueAt").asString()))
            .findFirst()
            .orElse(currentDue);
    Instant newDue = negotiationDue.isAfter(currentDue) ? negotiationDue : currentDue.plus(Duration.ofDays(7));
    Note note = recordNote(mission, id, "extension");
    api.post(head(mission), "/api/missions/" + id + "/deadlines/" + departure.path("id").asString() + "/extension",
            Map.of("noteReference", note.reference(), "newDueAt", newDue.toString()))
        .expect(200);
    done(mission, "departure deadline runs again, now due " + newDue);
  }

  private void cessation(Case2019.Mission mission, String id) {
    String status = mission(mission, id).path("status").asString();
    if (status.equals("CEASED") || status.equals("CLOSED")) {
      skip(mission, "already ceased (" + status + ")");
      return;
    }
    if (!status.equals("NEGOTIATING")) {
      throw outOfOrder(mission, "cessation", "negotiation");
    }
    Note note = recordNote(mission, id, "cessation");
    JsonNode result =
        api.post(head(mission), "/api/missions/" + id + "/cessation",
                Map.of("noteReference", note.reference(), "effectiveAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
            .expect(200);
    done(mission, "ceased; the remaining staff must leave by " + result.path("deadline").path("dueAt").asString());
  }

  private void requireNegotiating(Case2019.Mission mission, String id, String step) {
    String status = mission(mission, id).path("status").asString();
    if (status.equals("OPERATING") || status.equals("RELATIONS_SEVERED")) {
      throw outOfOrder(mission, step, status.equals("OPERATING") ? "rupture" : "negotiation");
    }
  }

  private JsonNode mission(Case2019.Mission mission, String id) {
    return api.get(head(mission), "/api/missions/" + id).expect(200);
  }

  private List<JsonNode> deadlines(String id) {
    return LoadingDemoData.stream(api.get(Case2019.MINISTRY_ADMIN, "/api/missions/" + id + "/deadlines").expect(200)).toList();
  }

  /** The mission's departure deadline that is still in force (not superseded). */
  private JsonNode departureDeadline(Case2019.Mission mission, String id) {
    Optional<JsonNode> departure =
        deadlines(id).stream()
            .filter(d -> d.path("kind").asString().equals("DEPARTURE"))
            .filter(d -> !d.path("status").asString().equals("SUPERSEDED"))
            .findFirst();
    return departure.orElseThrow(() -> new DemoFailure(mission.name() + " has no departure deadline: replay the rupture first"));
  }

  private static boolean changed(JsonNode deadline, String change) {
    return LoadingDemoData.stream(deadline.path("history")).anyMatch(entry -> entry.path("change").asString().equals(change));
  }

  /** Records the step's note in the office's register (once; a repeated replay finds it there). */
  private Note recordNote(Case2019.Mission mission, String id, String step) {
    Note note = note(mission, step);
    Map<String, Object> body =
        Map.of(
            "reference", note.reference(),
            "direction", "INCOMING",
            "at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            "summary", note.summary());
    Api.Response recorded = api.post(head(mission), "/api/missions/" + id + "/notes", body);
    if (!recorded.is(201) && !(recorded.is(409) && recorded.title().equals("Note reference already used"))) {
      recorded.expect(201);
    }
    return note;
  }

  private static Note note(Case2019.Mission mission, String step) {
    return NOTES.get(mission.officeCode()).get(step);
  }

  private static String head(Case2019.Mission mission) {
    return Case2019.office(mission.officeCode()).head();
  }

  private static DemoFailure outOfOrder(Case2019.Mission mission, String step, String before) {
    return new DemoFailure(mission.name() + ": replay " + before + " before " + step + " (bin/demo replay " + before + ")");
  }

  private void done(Case2019.Mission mission, String what) {
    out.printf("  %-45s %s%n", mission.name(), what);
  }

  private void skip(Case2019.Mission mission, String why) {
    out.printf("  %-45s skipped: %s%n", mission.name(), why);
  }
}
