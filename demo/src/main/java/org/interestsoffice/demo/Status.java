package org.interestsoffice.demo;

import java.io.PrintStream;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Where the demo missions stand: status, deadlines, staff by status, and the alerts' progress. */
final class Status {

  private final Api api;
  private final PrintStream out;

  Status(Api api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  void show() {
    Map<String, String> ids = LoadingDemoData.existingMissions(api);
    if (ids.isEmpty()) {
      out.println("No demo mission is loaded: bin/demo load");
    }
    for (Case2019.Mission mission : Case2019.MISSIONS) {
      String id = ids.get(mission.key());
      if (id == null) {
        out.printf("%s: not loaded%n", mission.name());
        continue;
      }
      show(mission.name(), mission.officeCode(), id);
    }
    Map<String, String> exercises = ReplayingExercises.existingExercises(api);
    for (Exercise exercise : Histories.ALL) {
      out.printf("Exercise %s (%s)%n", exercise.name(), exercise.title());
      for (Exercise.Mission mission : exercise.missions()) {
        String id = exercises.get(mission.key());
        if (id == null) {
          out.printf("  %s: not registered yet (bin/demo replay %s)%n", mission.name(), exercise.name());
          continue;
        }
        show(mission.name(), mission.office().code(), id);
      }
    }
  }

  private void show(String name, String officeCode, String id) {
    String admin = Case2019.MINISTRY_ADMIN;
    JsonNode view = api.get(admin, "/api/missions/" + id).expect(200);
    JsonNode exercise = view.path("exercise");
    String clock =
        exercise.path("caseNow").isString()
            ? "  case clock " + exercise.path("caseNow").asString() + " (exercise from " + exercise.path("startsAt").asString() + ")"
            : "";
    out.printf("%s [%s] %s%s  id %s%n", name, officeCode, view.path("status").asString(), clock, id);
    LoadingDemoData.stream(api.get(admin, "/api/missions/" + id + "/deadlines").expect(200))
        .forEach(d -> out.printf("    deadline %-15s %-10s due %s (version %d)%n", d.path("kind").asString(), d.path("status").asString(),
            d.path("dueAt").asString(), d.path("version").asInt()));
    Api.Response account = api.get(admin, "/api/missions/" + id + "/accountability");
    if (account.is(200)) {
      out.printf("    staff %d: %s%n", account.body().path("total").asInt(), account.body().path("byStatus"));
    } else {
      out.printf("    staff: %d %s%n", account.status(), account.describe());
    }
    Api.Response progress = api.get(admin, "/api/missions/" + id + "/alert-progress");
    if (progress.is(200)) {
      JsonNode alerts = progress.body();
      out.printf("    alerts %d: queued %d, retrying %d, sent %d, failed %d, dead %d, acknowledged %d%n", alerts.path("total").asLong(),
          alerts.path("queued").asLong(), alerts.path("retrying").asLong(), alerts.path("sent").asLong(), alerts.path("failed").asLong(),
          alerts.path("dead").asLong(), alerts.path("acknowledged").asLong());
    } else if (progress.is(404)) {
      out.println("    alerts: none (notifications has never had to alert anyone of this mission)");
    } else {
      out.printf("    alerts: %d %s%n", progress.status(), progress.describe());
    }
  }
}
