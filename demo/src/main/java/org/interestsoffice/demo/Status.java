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
      return;
    }
    for (Case2019.Mission mission : Case2019.MISSIONS) {
      String id = ids.get(mission.key());
      if (id == null) {
        out.printf("%s: not loaded%n", mission.name());
        continue;
      }
      String admin = Case2019.MINISTRY_ADMIN;
      JsonNode view = api.get(admin, "/api/missions/" + id).expect(200);
      out.printf("%s [%s] %s  id %s%n", mission.name(), mission.officeCode(), view.path("status").asString(), id);
      LoadingDemoData.stream(api.get(admin, "/api/missions/" + id + "/deadlines").expect(200))
          .forEach(d -> out.printf("    deadline %-15s %-10s due %s (version %d)%n", d.path("kind").asString(), d.path("status").asString(),
              d.path("dueAt").asString(), d.path("version").asInt()));
      JsonNode account = api.get(admin, "/api/missions/" + id + "/accountability").expect(200);
      out.printf("    staff %d: %s%n", account.path("total").asInt(), account.path("byStatus"));
      JsonNode alerts = api.get(admin, "/api/missions/" + id + "/alert-progress").expect(200);
      out.printf("    alerts %d: queued %d, retrying %d, sent %d, failed %d, dead %d, acknowledged %d%n", alerts.path("total").asLong(),
          alerts.path("queued").asLong(), alerts.path("retrying").asLong(), alerts.path("sent").asLong(), alerts.path("failed").asLong(),
          alerts.path("dead").asLong(), alerts.path("acknowledged").asLong());
    }
  }
}
