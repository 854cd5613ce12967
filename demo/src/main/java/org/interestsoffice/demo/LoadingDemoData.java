package org.interestsoffice.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * Loads the 2019 case through the public API, as its users would: the ministry administrator sets
 * up the offices, each office head registers the missions, each office's officer the staff. What
 * is already there (same office code, same mission name, same staff email) is left alone, so a
 * second load adds nothing.
 */
final class LoadingDemoData {

  /** Personnel learns of a new mission from an event; registrations wait for it this long. */
  private static final Duration EVENT_LIMIT = Duration.ofSeconds(60);

  private final Api api;
  private final PrintStream out;

  LoadingDemoData(Api api, PrintStream out) {
    this.api = api;
    this.out = out;
  }

  /** @return the id of each mission of the case, by its key */
  Map<String, String> load() {
    offices();
    Map<String, String> missionIds = missions();
    for (Case2019.Mission mission : Case2019.MISSIONS) {
      staff(mission, missionIds.get(mission.key()));
    }
    return missionIds;
  }

  private void offices() {
    Set<String> existing =
        stream(api.get(Case2019.MINISTRY_ADMIN, "/api/offices").expect(200)).map(o -> o.path("code").asString()).collect(Collectors.toSet());
    for (Case2019.Office office : Case2019.OFFICES) {
      if (existing.contains(office.code())) {
        out.printf("  office %s (%s) already there%n", office.code(), office.capital());
        continue;
      }
      Map<String, Object> body =
          Map.of(
              "code", office.code(),
              "capital", office.capital(),
              "sendingState", office.sendingState(),
              "receivingState", office.receivingState(),
              "timeZone", office.timeZone());
      api.post(Case2019.MINISTRY_ADMIN, "/api/offices", body).expect(201);
      out.printf("  office %s (%s) created%n", office.code(), office.capital());
    }
  }

  private Map<String, String> missions() {
    Map<String, String> ids = new LinkedHashMap<>(existingMissions(api));
    for (Case2019.Mission mission : Case2019.MISSIONS) {
      if (ids.containsKey(mission.key())) {
        out.printf("  mission %s already there%n", mission.name());
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("officeCode", mission.officeCode());
      body.put("kind", mission.kind());
      body.put("name", mission.name());
      body.put("sendingState", mission.sendingState());
      body.put("receivingState", mission.receivingState());
      body.put("city", mission.city());
      body.put("timeZone", mission.timeZone());
      JsonNode created = api.post(Case2019.office(mission.officeCode()).head(), "/api/missions", body).expect(201);
      ids.put(mission.key(), created.path("id").asString());
      out.printf("  mission %s registered%n", mission.name());
    }
    return ids;
  }

  /** The missions of the case already registered, by key (matched on office and name). */
  static Map<String, String> existingMissions(Api api) {
    Map<String, String> ids = new HashMap<>();
    stream(api.get(Case2019.MINISTRY_ADMIN, "/api/missions").expect(200))
        .forEach(
            m ->
                Case2019.missionNamed(m.path("officeCode").asString(), m.path("name").asString())
                    .ifPresent(known -> ids.put(known.key(), m.path("id").asString())));
    return ids;
  }

  private void staff(Case2019.Mission mission, String missionId) {
    String officer = Case2019.office(mission.officeCode()).officer();
    // Personnel knows the mission once it has handled MissionRegistered: until then it answers
    // "Unknown mission" (and lists no staff).
    Map<String, String> idByEmail = new HashMap<>();
    api.all(officer, "/api/staff?missionId=" + missionId)
        .forEach(s -> idByEmail.put(s.path("email").asString(), s.path("id").asString()));
    Map<String, String> idByKey = new HashMap<>();
    List<Case2019.Person> roster = Case2019.staffOf(mission.key());
    int added = 0;
    for (Case2019.Person person : roster) {
      String existing = idByEmail.get(person.email());
      if (existing != null) {
        idByKey.put(person.key(), existing);
        continue;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("missionId", missionId);
      body.put("fullName", person.fullName());
      body.put("category", person.category());
      if (person.principalKey() != null) {
        body.put("principalId", idByKey.get(person.principalKey()));
      }
      body.put("nationality", person.nationality());
      body.put("email", person.email());
      body.put("phone", person.phone());
      body.put("preferredLanguage", person.language());
      JsonNode created =
          Api.untilCaughtUp(() -> api.post(officer, "/api/staff", body), r -> r.is(400) && r.title().equals("Unknown mission"), EVENT_LIMIT)
              .expect(201);
      idByKey.put(person.key(), created.path("id").asString());
      added++;
    }
    out.printf("  %-45s %2d staff (%s)%n", mission.name(), roster.size(), added == 0 ? "already there" : added + " registered");
  }

  static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
