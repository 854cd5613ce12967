package org.interestsoffice.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.interestsoffice.demo.Exercise.Action;
import org.interestsoffice.demo.Exercise.Command;
import org.interestsoffice.demo.Exercise.Mission;
import org.interestsoffice.demo.Exercise.Note;
import org.interestsoffice.demo.Exercise.Step;

import tools.jackson.databind.JsonNode;

/**
 * Replays a case of history as exercises, step by step, through the public API and as the users who
 * would act: for each mission a step touches, the case clock is advanced to the step's instant (the
 * deadlines falling due in between fire), the day's notes are recorded, then the command is given,
 * effective at that instant. A step already taken is reported and skipped; one whose earlier steps
 * are not taken is refused, naming the step to run first.
 */
final class ReplayingExercises {

  /** Personnel and missions learn of each other's changes from events; calls wait this long for them. */
  private static final Duration EVENT_LIMIT = Duration.ofSeconds(60);

  private final Api api;
  private final PrintStream out;

  ReplayingExercises(Api api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  /** Every step of the exercise, in order, then its timeline as recorded. */
  void replayAll(Exercise exercise) {
    out.printf("=== %s (bin/demo replay %s)%n", exercise.title(), exercise.name());
    exercise.steps().forEach(step -> replay(exercise, step));
    printTimelines(exercise);
  }

  void replay(Exercise exercise, String stepName) {
    Step step =
        exercise.step(stepName)
            .orElseThrow(() -> new DemoFailure("No step " + stepName + " in " + exercise.name() + ": the steps are "
                + String.join(", ", exercise.stepNames()) + ", or all"));
    replay(exercise, step);
  }

  private void replay(Exercise exercise, Step step) {
    out.printf("== %s %s - %s: %s%n", exercise.name(), step.name(), step.date(), step.what());
    for (Action action : step.actions()) {
      act(exercise, action);
    }
  }

  private void act(Exercise exercise, Action action) {
    Mission mission = exercise.mission(action.missionKey());
    Optional<String> found = missionId(mission);
    if (action.command() instanceof Command.Registration) {
      if (found.isPresent()) {
        done(mission, "skipped: already registered as an exercise");
        recordNotes(mission, found.get(), action);
        return;
      }
      String id = register(mission);
      recordNotes(mission, id, action);
      return;
    }
    if (found.isEmpty()) {
      throw outOfOrder(exercise, mission, action, exercise.actionsOf(mission.key()).get(0));
    }
    String id = found.get();
    State state = state(mission, id);
    if (taken(action.command(), state)) {
      done(mission, "skipped: already taken (case clock at " + state.caseNow() + ")");
      if (action.command() instanceof Command.Negotiation negotiation && state.status().equals("NEGOTIATING")) {
        designateRemainingStaff(mission, id, negotiation.ceiling()); // resumes designations a broken run left undone
      }
      return;
    }
    Optional<Action> first = firstNotTaken(exercise.actionsOf(mission.key()), action, command -> taken(command, state));
    if (first.isPresent()) {
      throw outOfOrder(exercise, mission, action, first.get());
    }
    advanceTo(mission, id, state, action.at());
    recordNotes(mission, id, action);
    give(exercise, mission, id, action);
  }

  /** The mission's first action before this one that its record does not show taken: the step to run first. */
  static Optional<Action> firstNotTaken(List<Action> actionsOfMission, Action action, Predicate<Command> taken) {
    for (Action earlier : actionsOfMission) {
      if (earlier == action) {
        break;
      }
      if (!taken.test(earlier.command())) {
        return Optional.of(earlier);
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------------ what a step does

  private String register(Mission mission) {
    ensureOffice(mission.office());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("officeCode", mission.office().code());
    body.put("kind", mission.kind());
    body.put("name", mission.name());
    body.put("sendingState", mission.sendingState());
    body.put("receivingState", mission.receivingState());
    body.put("city", mission.city());
    body.put("timeZone", mission.timeZone());
    if (mission.protectingState() != null) {
      body.put("protectingState", mission.protectingState());
      body.put("staffCeiling", mission.staffCeiling());
    }
    body.put("exercise", Map.of("startsAt", mission.startsAt().toString()));
    JsonNode created = api.post(mission.actor(), "/api/missions", body).expect(201);
    String id = created.path("id").asString();
    done(mission, "registered as an exercise, case clock at " + created.path("exercise").path("caseNow").asString() + ", status "
        + created.path("status").asString());
    if (mission.rosterOf() != null) {
      registerDiplomats(mission, id);
    }
    return id;
  }

  private void ensureOffice(Exercise.Office office) {
    boolean exists =
        LoadingDemoData.stream(api.get(Case2019.MINISTRY_ADMIN, "/api/offices").expect(200)).anyMatch(o -> o.path("code").asString().equals(office.code()));
    if (!exists) {
      api.post(Case2019.MINISTRY_ADMIN, "/api/offices",
              Map.of("code", office.code(), "capital", office.capital(), "sendingState", office.sendingState(),
                  "receivingState", office.receivingState(), "timeZone", office.timeZone()))
          .expect(201);
      out.printf("  office %s (%s) created%n", office.code(), office.capital());
    }
  }

  /** The copy's staff: the diplomats of the demo mission it copies, same people, registered on it by the office's officer. */
  private void registerDiplomats(Mission mission, String id) {
    List<Case2019.Person> diplomats =
        Case2019.staffOf(mission.rosterOf()).stream().filter(p -> p.category().equals("DIPLOMATIC_AGENT")).toList();
    Set<String> present =
        api.all(mission.officer(), "/api/staff?missionId=" + id).stream()
            .map(s -> s.path("email").asString())
            .collect(Collectors.toSet());
    for (Case2019.Person person : diplomats) {
      if (present.contains(person.email())) {
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("missionId", id);
      body.put("fullName", person.fullName());
      body.put("category", person.category());
      body.put("nationality", person.nationality());
      body.put("email", person.email());
      body.put("phone", person.phone());
      body.put("preferredLanguage", person.language());
      Api.untilCaughtUp(() -> api.post(mission.officer(), "/api/staff", body), r -> r.is(400) && r.title().equals("Unknown mission"), EVENT_LIMIT)
          .expect(201);
    }
    done(mission, diplomats.size() + " diplomats on its staff (the demo embassy's)");
  }

  private void advanceTo(Mission mission, String id, State state, Instant to) {
    if (!state.caseNow().isBefore(to)) {
      return;
    }
    JsonNode advanced = api.post(mission.actor(), "/api/missions/" + id + "/case-clock", Map.of("advanceTo", to.toString())).expect(200);
    String fired =
        LoadingDemoData.stream(advanced.path("fired"))
            .map(d -> d.path("kind").asString() + " due " + d.path("dueAt").asString())
            .collect(Collectors.joining(", "));
    done(mission, "case clock " + state.caseNow() + " -> " + to + (fired.isEmpty() ? "" : "; fired: " + fired));
  }

  /** Records the action's notes (once: a repeated replay finds them in the register). */
  private void recordNotes(Mission mission, String id, Action action) {
    for (Note note : action.notes()) {
      Api.Response recorded =
          api.post(mission.actor(), "/api/missions/" + id + "/notes",
              Map.of("reference", note.reference(), "direction", note.direction(), "at", note.at().toString(), "summary", note.summary()));
      if (recorded.is(201)) {
        done(mission, "note " + note.reference() + " (" + note.direction().toLowerCase() + ", " + note.at() + ") recorded");
      } else if (!(recorded.is(409) && recorded.title().equals("Note reference already used"))) {
        recorded.expect(201);
      }
    }
  }

  private void give(Exercise exercise, Mission mission, String id, Action action) {
    String base = "/api/missions/" + id;
    String at = action.at().toString();
    Command command = action.command();
    if (command instanceof Command.Rupture rupture) {
      Note note = noteOf(exercise, action, rupture.noteReference());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("noteReference", rupture.noteReference());
      body.put("noteReceivedAt", note.at().toString());
      body.put("departureWindow", rupture.departureWindow().toString());
      body.put("consularPostsClosed", rupture.consularPostsClosed());
      body.put("initiatedBy", rupture.initiatedBy());
      body.put("effectiveAt", at);
      JsonNode result = api.post(mission.actor(), base + "/rupture", body).expect(200);
      done(mission, "relations severed (" + rupture.initiatedBy() + "); departure due " + result.path("departureDeadline").path("dueAt").asString());
    } else if (command instanceof Command.StaffCeiling ceiling) {
      Note note = noteOf(exercise, action, ceiling.noteReference());
      JsonNode result =
          api.post(mission.actor(), base + "/staff-ceiling",
                  Map.of("noteReference", ceiling.noteReference(), "noteReceivedAt", note.at().toString(), "ceiling", ceiling.ceiling(),
                      "window", ceiling.window().toString(), "effectiveAt", at))
              .expect(200);
      done(mission, "staff to be reduced to " + ceiling.ceiling() + "; reduction due " + result.path("deadline").path("dueAt").asString());
    } else if (command instanceof Command.Negotiation negotiation) {
      JsonNode result =
          api.post(mission.actor(), base + "/negotiation",
                  Map.of("noteReference", negotiation.noteReference(), "agreedAt", noteOf(exercise, action, negotiation.noteReference()).at().toString(),
                      "window", negotiation.window().toString(), "remainingStaffCeiling", negotiation.ceiling(), "effectiveAt", at))
              .expect(200);
      done(mission, "negotiating, at most " + negotiation.ceiling() + " remaining staff; negotiation due "
          + result.path("deadline").path("dueAt").asString());
      designateRemainingStaff(mission, id, negotiation.ceiling());
    } else if (command instanceof Command.Suspension suspension) {
      JsonNode deadline = openDeadline(mission, id, suspension.deadlineKind());
      api.post(mission.actor(), base + "/deadlines/" + deadline.path("id").asString() + "/suspension",
              Map.of("noteReference", suspension.noteReference(), "effectiveAt", at))
          .expect(200);
      done(mission, suspension.deadlineKind() + " deadline (due " + deadline.path("dueAt").asString() + ") suspended at " + at);
    } else if (command instanceof Command.Extension extension) {
      JsonNode deadline = openDeadline(mission, id, extension.deadlineKind());
      JsonNode result =
          api.post(mission.actor(), base + "/deadlines/" + deadline.path("id").asString() + "/extension",
                  Map.of("noteReference", extension.noteReference(), "newDueAt", extension.newDueAt().toString(), "effectiveAt", at))
              .expect(200);
      done(mission, extension.deadlineKind() + " deadline extended from " + deadline.path("dueAt").asString() + " to "
          + result.path("dueAt").asString());
    } else if (command instanceof Command.Cessation cessation) {
      JsonNode result =
          api.post(mission.actor(), base + "/cessation",
                  Map.of("noteReference", cessation.noteReference(), "effectiveAt", at, "finalDepartureWindow", cessation.finalDepartureWindow().toString()))
              .expect(200);
      done(mission, "ceased; final departure due " + result.path("deadline").path("dueAt").asString());
    } else if (command instanceof Command.ProtectingPower protection) {
      JsonNode mandate =
          api.post(mission.actor(), base + "/protecting-power",
                  Map.of("protectingState", protection.protectingState(), "scope", protection.scope(), "hostConsentAt",
                      protection.hostConsentAt().toString()))
              .expect(201);
      done(mission, "protecting power " + mandate.path("protectingState").asString() + " (" + mandate.path("scope").asString() + "), "
          + mandate.path("status").asString() + " with the host's consent of " + mandate.path("hostConsentAt").asString());
    } else if (command instanceof Command.Departures) {
      List<JsonNode> present = staff(mission, id).stream().filter(s -> !s.path("status").asString().equals("DEPARTED")).toList();
      awaitOrdersAlerted(mission, id);
      for (JsonNode person : present) {
        // Personnel orders the remaining staff out once it has MissionCeased; until then they still remain.
        Api.untilCaughtUp(
                () -> api.post(mission.actor(), "/api/staff/" + person.path("id").asString() + "/departure", Map.of("departedAt", at)),
                r -> r.is(409) && r.title().equals("Designated remaining staff"),
                EVENT_LIMIT)
            .expect(200);
      }
      done(mission, present.size() + " staff recorded as departed at " + at);
    } else if (command instanceof Command.Closure closure) {
      api.post(mission.actor(), base + "/closure", Map.of("noteReference", closure.noteReference(), "effectiveAt", at)).expect(200);
      done(mission, "closed at " + at + " (open deadlines met)");
    } else if (command instanceof Command.Restoration restoration) {
      JsonNode result = api.post(mission.actor(), base + "/restoration", Map.of("noteReference", restoration.noteReference(), "effectiveAt", at)).expect(200);
      done(mission, "relations restored: " + result.path("mission").path("kind").asString() + " " + result.path("mission").path("status").asString());
    } else {
      throw new IllegalStateException("no way to give " + command);
    }
  }

  /** The first {@code ceiling} diplomats of the roster stay; one more is refused, as the ceiling requires. */
  private void designateRemainingStaff(Mission mission, String id, int ceiling) {
    List<JsonNode> diplomats =
        staff(mission, id).stream()
            .filter(s -> s.path("category").asString().equals("DIPLOMATIC_AGENT"))
            .sorted(Comparator.comparing(s -> rosterPosition(mission, s.path("email").asString())))
            .toList();
    int designated = 0;
    for (JsonNode diplomat : diplomats.subList(0, Math.min(ceiling, diplomats.size()))) {
      if (!diplomat.path("status").asString().equals("REMAINING")) {
        // Personnel learns the ceiling from NegotiationOpened; until then it has none.
        Api.untilCaughtUp(
                () -> api.post(mission.actor(), "/api/staff/" + diplomat.path("id").asString() + "/remaining-designation", null),
                r -> r.is(409) && r.title().equals("No ceiling agreed"),
                EVENT_LIMIT)
            .expect(200);
        designated++;
      }
    }
    done(mission, Math.min(ceiling, diplomats.size()) + " remaining staff designated by the office head (" + designated + " now)");
    if (diplomats.size() > ceiling && !diplomats.get(ceiling).path("status").asString().equals("REMAINING")) {
      Api.Response refused = api.post(mission.actor(), "/api/staff/" + diplomats.get(ceiling).path("id").asString() + "/remaining-designation", null);
      done(mission, "an eighth designation is refused: " + refused.status() + " " + refused.describe());
    }
  }

  private static int rosterPosition(Mission mission, String email) {
    List<Case2019.Person> roster = Case2019.staffOf(mission.rosterOf());
    for (int i = 0; i < roster.size(); i++) {
      if (roster.get(i).email().equals(email)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  // ------------------------------------------------------------------------------ where a mission stands

  /** What the steps' checks read: the mission, its timeline, and (for departures) its staff. */
  private record State(JsonNode mission, List<JsonNode> timeline, List<JsonNode> staff) {

    String status() {
      return mission.path("status").asString();
    }

    Instant caseNow() {
      return Instant.parse(mission.path("exercise").path("caseNow").asString());
    }
  }

  private State state(Mission mission, String id) {
    JsonNode view = api.get(mission.actor(), "/api/missions/" + id).expect(200);
    if (!view.path("exercise").path("caseNow").isString()) {
      throw new DemoFailure(mission.name() + " (" + id + ") is registered but not as an exercise: it cannot be replayed");
    }
    List<JsonNode> timeline = LoadingDemoData.stream(api.get(mission.actor(), "/api/missions/" + id + "/timeline").expect(200)).toList();
    List<JsonNode> staff = mission.rosterOf() == null ? List.of() : staff(mission, id);
    return new State(view, timeline, staff);
  }

  /** Whether the mission's record shows the command given (a repeated replay skips it). */
  static boolean taken(Command command, List<JsonNode> timeline, List<JsonNode> staff) {
    if (command instanceof Command.Registration) {
      return true;
    } else if (command instanceof Command.Rupture) {
      return transitionTo(timeline, "RELATIONS_SEVERED");
    } else if (command instanceof Command.StaffCeiling) {
      return deadlineChange(timeline, "REDUCTION", "STARTED");
    } else if (command instanceof Command.Negotiation) {
      return transitionTo(timeline, "NEGOTIATING");
    } else if (command instanceof Command.Suspension suspension) {
      return deadlineChange(timeline, suspension.deadlineKind(), "SUSPENDED");
    } else if (command instanceof Command.Extension extension) {
      return deadlineChange(timeline, extension.deadlineKind(), "EXTENDED");
    } else if (command instanceof Command.Cessation) {
      return transitionTo(timeline, "CEASED");
    } else if (command instanceof Command.ProtectingPower) {
      return timeline.stream().anyMatch(e -> e.path("type").asString().equals("PROTECTING_POWER") && e.path("what").asString().equals("DESIGNATED"));
    } else if (command instanceof Command.Departures) {
      return staff.stream().allMatch(s -> s.path("status").asString().equals("DEPARTED")) || transitionTo(timeline, "CLOSED");
    } else if (command instanceof Command.Closure) {
      return transitionTo(timeline, "CLOSED");
    } else if (command instanceof Command.Restoration) {
      return transitionTo(timeline, "OPERATING");
    }
    throw new IllegalStateException("no check for " + command);
  }

  private static boolean taken(Command command, State state) {
    return taken(command, state.timeline(), state.staff());
  }

  private static boolean transitionTo(List<JsonNode> timeline, String status) {
    return timeline.stream().anyMatch(e -> e.path("type").asString().equals("TRANSITION") && e.path("toStatus").asString().equals(status));
  }

  private static boolean deadlineChange(List<JsonNode> timeline, String kind, String change) {
    return timeline.stream()
        .anyMatch(e -> e.path("type").asString().equals("DEADLINE") && e.path("deadlineKind").asString().equals(kind)
            && e.path("what").asString().equals(change));
  }

  private JsonNode openDeadline(Mission mission, String id, String kind) {
    return LoadingDemoData.stream(api.get(mission.actor(), "/api/missions/" + id + "/deadlines").expect(200))
        .filter(d -> d.path("kind").asString().equals(kind))
        .filter(d -> d.path("status").asString().equals("RUNNING") || d.path("status").asString().equals("SUSPENDED"))
        .findFirst()
        .orElseThrow(() -> new DemoFailure(mission.name() + " has no open " + kind + " deadline"));
  }

  /**
   * As a crisis cell would, lets the departure orders go out before recording who left: everyone
   * ordered out has been sent the order they are under (an order that reached notifications only
   * after the person's departure would, rightly, no longer be sent).
   */
  private void awaitOrdersAlerted(Mission mission, String id) {
    Instant giveUp = Instant.now().plus(EVENT_LIMIT);
    while (!ordersAlerted(mission, id)) {
      if (Instant.now().isAfter(giveUp)) {
        throw new DemoFailure("The departure orders of " + mission.name() + " were not all sent within " + EVENT_LIMIT);
      }
      Api.pause(Duration.ofMillis(500));
    }
  }

  private boolean ordersAlerted(Mission mission, String id) {
    Set<String> alerted =
        api.all(mission.actor(), "/api/alerts?missionId=" + id).stream()
            .filter(alert -> alert.path("slot").asString().equals("ORDER") && alert.path("status").asString().matches("SENT|DELIVERED"))
            .map(alert -> alert.path("staffId").asString() + "/" + alert.path("deadlineKind").asString())
            .collect(Collectors.toSet());
    return staff(mission, id).stream()
        .filter(person -> person.path("status").asString().equals("DEPARTURE_ORDERED"))
        .allMatch(person -> alerted.contains(person.path("id").asString() + "/" + person.path("departureDeadlineKind").asString()));
  }

  private List<JsonNode> staff(Mission mission, String id) {
    return api.all(mission.actor(), "/api/staff?missionId=" + id);
  }

  /** The exercise missions registered, by key (matched on office and name). */
  static Map<String, String> existingExercises(Api api) {
    Map<String, String> ids = new HashMap<>();
    LoadingDemoData.stream(api.get(Case2019.MINISTRY_ADMIN, "/api/missions").expect(200))
        .forEach(m -> Histories.ALL.stream()
            .flatMap(e -> e.missions().stream())
            .filter(known -> known.office().code().equals(m.path("officeCode").asString()) && known.name().equals(m.path("name").asString()))
            .findFirst()
            .ifPresent(known -> ids.put(known.key(), m.path("id").asString())));
    return ids;
  }

  private Optional<String> missionId(Mission mission) {
    return Optional.ofNullable(existingExercises(api).get(mission.key()));
  }

  private static Note noteOf(Exercise exercise, Action action, String reference) {
    return exercise.notesUpTo(action).stream()
        .filter(n -> n.reference().equals(reference))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(reference + " is not among the notes up to this step"));
  }

  // ------------------------------------------------------------------------------ output

  /** The timeline of each of the exercise's missions, as the API gives it. */
  void printTimelines(Exercise exercise) {
    Map<String, String> ids = existingExercises(api);
    for (Mission mission : exercise.missions()) {
      String id = ids.get(mission.key());
      if (id == null) {
        continue;
      }
      JsonNode view = api.get(mission.actor(), "/api/missions/" + id).expect(200);
      out.printf("-- Timeline of %s: %s, case clock at %s%n", mission.name(), view.path("status").asString(),
          view.path("exercise").path("caseNow").asString());
      for (JsonNode entry : LoadingDemoData.stream(api.get(mission.actor(), "/api/missions/" + id + "/timeline").expect(200)).toList()) {
        out.println("   " + describe(entry));
      }
    }
  }

  static String describe(JsonNode entry) {
    String type = entry.path("type").asString();
    String at = entry.path("effectiveAt").asString(entry.path("at").asString());
    String note = entry.path("noteReference").isString() ? " [" + entry.path("noteReference").asString() + "]" : "";
    switch (type) {
      case "NOTE":
        return String.format("%-20s NOTE %s%s %s", at, entry.path("what").asString(), note, entry.path("summary").asString(""));
      case "TRANSITION":
        return String.format("%-20s %s -> %s%s", at, entry.path("fromStatus").asString("-"), entry.path("toStatus").asString(), note);
      case "DEADLINE":
        return String.format("%-20s deadline %s %s, due %s%s", at, entry.path("deadlineKind").asString(), entry.path("what").asString(),
            entry.path("dueAt").asString(), note);
      default:
        return String.format("%-20s %s %s%s", at, type, entry.path("what").asString(), note);
    }
  }

  private static DemoFailure outOfOrder(Exercise exercise, Mission mission, Action action, Action first) {
    String before = exercise.stepOf(first).name();
    return new DemoFailure(mission.name() + ": replay " + before + " before " + exercise.stepOf(action).name() + " (bin/demo replay "
        + exercise.name() + " " + before + ")");
  }

  private void done(Mission mission, String what) {
    out.printf("  %-55s %s%n", mission.name(), what);
  }
}
