package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what, for every operation the services describe (their OpenAPI descriptions), for
 * every demo user of the real realm, through the real gateway: a role the design does not allow is
 * refused (403), an allowed role reaches its own office's objects, another office's objects are
 * not found (404) and its collections come back empty or refused, no token is a 401, and a method
 * an endpoint does not have is never served. The expected access is written out below from the
 * design (§4), not read from the gateway's rules, so the two are checked against each other; an
 * operation the table does not know fails the build, so a new endpoint cannot ship without a rule.
 */
class AccessMatrixIT {

  enum Role { ADMIN, HEAD, OFFICER, VIEWER }

  /** A demo user of the realm; {@code ownOffice} is false for the Washington users, whose office is not the objects'. */
  record DemoUser(String username, Role role, boolean ownOffice) {}

  static final List<DemoUser> USERS =
      List.of(
          new DemoUser("ministry.admin", Role.ADMIN, true),
          new DemoUser("ccs.head", Role.HEAD, true),
          new DemoUser("ccs.officer", Role.OFFICER, true),
          new DemoUser("ccs.viewer", Role.VIEWER, true),
          new DemoUser("was.head", Role.HEAD, false),
          new DemoUser("was.officer", Role.OFFICER, false),
          new DemoUser("was.viewer", Role.VIEWER, false));

  private static final Set<Role> ANYONE = EnumSet.allOf(Role.class);
  private static final Set<Role> HEADS = EnumSet.of(Role.ADMIN, Role.HEAD);
  // Heads lead their office's officers and may do what they do.
  private static final Set<Role> STAFF_WRITERS = EnumSet.of(Role.ADMIN, Role.HEAD, Role.OFFICER);
  private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
  /** No token needed at all (the acknowledgement link). */
  private static final Set<Role> PUBLIC = Set.of();

  /**
   * Design §4 and §5: for each operation, the roles that may call it. Path variables are written
   * {x}: their names do not matter. Operations listed here that no service describes yet are only
   * reported; operations described that are missing here fail the test.
   */
  static final Map<String, Set<Role>> EXPECTED = new LinkedHashMap<>();

  /** Operations for a machine holding a shared key: every caller without it gets 401, token or not. */
  static final Set<String> PROVIDER_KEY = new LinkedHashSet<>();

  static {
    expect("GET /api/offices", ANYONE);
    expect("GET /api/offices/{x}", ANYONE);
    expect("POST /api/offices", ADMINS);

    expect("GET /api/missions", ANYONE);
    expect("POST /api/missions", HEADS);
    expect("GET /api/missions/{x}", ANYONE);
    expect("POST /api/missions/{x}/rupture", HEADS);
    expect("POST /api/missions/{x}/negotiation", HEADS);
    expect("POST /api/missions/{x}/agreement", HEADS);
    expect("POST /api/missions/{x}/cessation", HEADS);
    expect("POST /api/missions/{x}/protecting-power", HEADS);
    // CEASED -> CLOSED (§2): a mission event like the others.
    expect("POST /api/missions/{x}/closure", HEADS);
    // The register of diplomatic notes (§2): recording one is a head's act, reading it is not.
    expect("POST /api/missions/{x}/notes", HEADS);
    expect("GET /api/missions/{x}/notes", ANYONE);
    expect("GET /api/missions/{x}/deadlines", ANYONE);
    expect("POST /api/missions/{x}/deadlines/{x}/extension", HEADS);
    expect("POST /api/missions/{x}/deadlines/{x}/suspension", HEADS);
    expect("POST /api/missions/{x}/deadlines/{x}/reissue", HEADS);
    expect("GET /api/missions/{x}/timeline", ANYONE);
    // Every shape of a rupture (§2, §5): a head's acts; the mandate is readable by the office.
    expect("POST /api/missions/{x}/staff-ceiling", HEADS);
    expect("POST /api/missions/{x}/persona-non-grata", HEADS);
    expect("POST /api/missions/{x}/restoration", HEADS);
    expect("GET /api/missions/{x}/protecting-power", ANYONE);
    expect("POST /api/missions/{x}/protecting-power/consent", HEADS);
    expect("POST /api/missions/{x}/protecting-power/termination", HEADS);
    // Exercises (§2): the crisis cell's heads move an exercise's case clock.
    expect("POST /api/missions/{x}/case-clock", HEADS);

    expect("GET /api/staff", ANYONE);
    expect("POST /api/staff", STAFF_WRITERS);
    expect("GET /api/staff/{x}", ANYONE);
    expect("PATCH /api/staff/{x}", STAFF_WRITERS);
    expect("POST /api/staff/{x}/remaining-designation", HEADS);
    expect("DELETE /api/staff/{x}/remaining-designation", HEADS);
    expect("POST /api/staff/{x}/departure", STAFF_WRITERS);
    expect("GET /api/departure-groups", ANYONE);
    expect("GET /api/departure-groups/{x}", ANYONE);
    expect("POST /api/departure-groups", HEADS);
    expect("POST /api/departure-groups/{x}/members", HEADS);
    expect("POST /api/departure-groups/{x}/departure", HEADS);
    expect("GET /api/missions/{x}/accountability", ANYONE);

    expect("GET /api/alerts", ANYONE);
    expect("GET /api/alerts/{x}", ANYONE);
    expect("GET /api/missions/{x}/alert-progress", ANYONE);
    expect("GET /ack/{x}", PUBLIC);
    expect("POST /ack/{x}", PUBLIC);
    expect("GET /api/dead-letters", ADMINS);
    expect("POST /api/dead-letters/{x}/redrive", ADMINS);
    // Every service's dead letters, at /api/dead-letters/<service> through the gateway.
    expect("GET /api/dead-letters/missions", ADMINS);
    expect("POST /api/dead-letters/missions/{x}/redrive", ADMINS);
    expect("GET /api/dead-letters/personnel", ADMINS);
    expect("POST /api/dead-letters/personnel/{x}/redrive", ADMINS);
    // The SMS provider's delivery reports and inbound messages (replies to alerts): its shared key,
    // not a user's token, is the credential.
    expect("POST /sms/delivery-reports", PUBLIC);
    PROVIDER_KEY.add("POST /sms/delivery-reports");
    expect("POST /sms/inbound", PUBLIC);
    PROVIDER_KEY.add("POST /sms/inbound");
  }


  private static void expect(String operation, Set<Role> roles) {
    EXPECTED.put(operation, roles);
  }

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");
  private static final JsonMapper json = JsonMapper.builder().build();

  /** One operation as a service describes it. */
  record Operation(String service, String method, String path, boolean takesBody, Set<String> queryParameters) {
    String key() {
      return method + " " + normalized(publicPath(service, path));
    }
  }

  /**
   * The path at the gateway of a path a service describes: the same, except for the dead letters
   * of missions and personnel, which the gateway serves at {@code /api/dead-letters/<service>}
   * ({@code /api/dead-letters} itself is notifications').
   */
  static String publicPath(String service, String path) {
    String deadLetters = "/api/dead-letters";
    if (!service.equals("notifications-service") && (path.equals(deadLetters) || path.startsWith(deadLetters + "/") || path.startsWith(deadLetters + "?"))) {
      return deadLetters + "/" + service.replace("-service", "") + path.substring(deadLetters.length());
    }
    return path;
  }

  private static RunningSystem system;
  private static String missionId;
  private static String staffId;
  private static List<Operation> operations;
  private static final Map<String, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  static void caracasObjectsOfTheirOwn() {
    system = RunningSystem.get();
    operations = describedOperations();
    if (operations.stream().anyMatch(operation -> operation.key().equals("POST /api/offices"))) {
      // The Caracas office as a record, for the office paths (it may exist already: then 409).
      GatewayClient.Response office =
          system.as("ministry.admin")
              .post(
                  "/api/offices",
                  Map.of("code", "CCS", "capital", "Caracas", "sendingState", "US", "receivingState", "VE", "timeZone", "America/Caracas"),
                  "access-matrix");
      assertThat(office.status()).as(office.body().toString()).isIn(201, 409);
    }
    // A mission and a staff member of their own: what the matrix sends must not disturb other tests.
    GatewayClient.Response mission =
        system.as("ccs.head")
            .post(
                "/api/missions",
                Map.of(
                    "officeCode", "CCS", "kind", "CONSULATE", "name", "Consulate of the United States in Valencia (access matrix)",
                    "sendingState", "US", "receivingState", "VE", "city", "Valencia", "timeZone", "America/Caracas"),
                "access-matrix");
    assertThat(mission.status()).as(mission.body().toString()).isEqualTo(201);
    missionId = mission.body().path("id").asString();
    GatewayClient officer = system.as("ccs.officer");
    Map<String, Object> staff =
        Map.of(
            "missionId", missionId, "fullName", "Matrix Attaché", "category", "DIPLOMATIC_AGENT", "nationality", "US",
            "email", "matrix.attache@state.example", "phone", "+584121230000", "preferredLanguage", "en");
    // Personnel knows the mission once the MissionRegistered event has arrived.
    GatewayClient.Response member =
        await().atMost(Duration.ofSeconds(60)).until(() -> officer.post("/api/staff", staff, "access-matrix"), answer -> answer.status() != 400);
    assertThat(member.status()).as(member.body().toString()).isEqualTo(201);
    staffId = member.body().path("id").asString();
    USERS.forEach(user -> tokens.put(user.username(), system.keycloak.accessToken(user.username())));
  }

  @Test
  void everyDescribedOperationHasAnExpectedAccess() {
    assertThat(operations).as("operations described by the services").isNotEmpty();
    List<String> withoutExpectation =
        operations.stream()
            .filter(operation -> !EXPECTED.containsKey(operation.key()))
            .map(operation -> operation.key() + " (" + operation.service() + ")")
            .toList();
    assertThat(withoutExpectation)
        .as("operations the services describe but the access table (design §4) does not cover: add a rule here and in the gateway")
        .isEmpty();
  }

  @Test
  void everyCallerGetsExactlyWhatTheDesignSays() {
    List<String> failures = new ArrayList<>();
    int requests = 0;
    long started = System.nanoTime();
    // Operations without an expectation fail the test above; the rest are still checked here.
    List<Operation> covered = operations.stream().filter(operation -> EXPECTED.containsKey(operation.key())).toList();
    for (Operation operation : covered) {
      Set<Role> allowed = EXPECTED.get(operation.key());
      Target target = targetOf(operation);
      for (DemoUser user : USERS) {
        AnyRequest.Answer answer = call(operation.method(), target, operation, Optional.of(tokens.get(user.username())));
        requests++;
        judge(operation, target, user, allowed, answer).ifPresent(failures::add);
      }
      AnyRequest.Answer anonymous = call(operation.method(), target, operation, Optional.empty());
      requests++;
      boolean open = allowed.isEmpty() && !PROVIDER_KEY.contains(operation.key());
      if (open ? anonymous.status() == 401 || anonymous.status() == 403 || anonymous.status() >= 500 : anonymous.status() != 401) {
        failures.add(describe(operation, target, "no token", open ? "no 401/403/5xx" : "401", anonymous));
      }
    }

    // Methods a path does not have: refused by the gateway (deny by default) or the service, never served.
    Map<String, Set<String>> methodsByPath = new TreeMap<>();
    Map<String, Operation> samplePerPath = new LinkedHashMap<>();
    for (Operation operation : operations) {
      String publicPath = publicPath(operation.service(), operation.path());
      methodsByPath.computeIfAbsent(publicPath, path -> new LinkedHashSet<>()).add(operation.method());
      samplePerPath.putIfAbsent(publicPath, operation);
    }
    int missingMethods = 0;
    for (var entry : methodsByPath.entrySet()) {
      Operation sample = samplePerPath.get(entry.getKey());
      Target target = targetOf(sample);
      for (String method : METHODS) {
        if (entry.getValue().contains(method)) {
          continue;
        }
        missingMethods++;
        Operation absent = new Operation(sample.service(), method, sample.path(), !method.equals("GET") && !method.equals("DELETE"), Set.of());
        for (DemoUser user : USERS) {
          AnyRequest.Answer answer = call(method, target, absent, Optional.of(tokens.get(user.username())));
          requests++;
          if (answer.status() != 403 && answer.status() != 405) {
            failures.add(describe(absent, target, user.username(), "403 or 405 (method not offered)", answer));
          }
        }
        AnyRequest.Answer anonymous = call(method, target, absent, Optional.empty());
        requests++;
        if (!Set.of(401, 403, 405).contains(anonymous.status())) {
          failures.add(describe(absent, target, "no token", "401, 403 or 405 (method not offered)", anonymous));
        }
      }
    }

    int callers = USERS.size() + 1;
    System.out.printf(
        "Access matrix: %d operations x %d callers (%d demo users + no token) = %d requests; "
            + "%d methods not offered x %d callers = %d requests; %d requests in all, in %d ms%n",
        covered.size(), callers, USERS.size(), covered.size() * callers, missingMethods, callers, missingMethods * callers, requests,
        (System.nanoTime() - started) / 1_000_000);
    EXPECTED.keySet().stream()
        .filter(key -> operations.stream().noneMatch(operation -> operation.key().equals(key)))
        .forEach(key -> System.out.println("Access matrix: in the design, not described by any service yet: " + key));
    assertThat(failures).as("access matrix violations (%d of %d requests)", failures.size(), requests).isEmpty();
  }

  /** What the design allows this caller, given whether the objects named in the path exist and are whose. */
  private static Optional<String> judge(Operation operation, Target target, DemoUser user, Set<Role> allowed, AnyRequest.Answer answer) {
    int status = answer.status();
    String who = user.username();
    if (status >= 500) {
      return Optional.of(describe(operation, target, who, "no server error", answer));
    }
    if (PROVIDER_KEY.contains(operation.key())) {
      return status == 401 ? Optional.empty() : Optional.of(describe(operation, target, who, "401 (no provider key)", answer));
    }
    if (allowed.isEmpty()) {
      return status == 401 || status == 403 ? Optional.of(describe(operation, target, who, "public: neither 401 nor 403", answer)) : Optional.empty();
    }
    if (!allowed.contains(user.role())) {
      return status == 403 ? Optional.empty() : Optional.of(describe(operation, target, who, "403 (role not allowed)", answer));
    }
    boolean read = operation.method().equals("GET");
    boolean refused = status == 401 || status == 403;
    if (target.names == Names.NOTHING) {
      if (read) {
        // A collection: the caller's own office in full, another office's not at all.
        if (user.ownOffice()) {
          return status / 100 == 2 ? Optional.empty() : Optional.of(describe(operation, target, who, "2xx (own office's collection)", answer));
        }
        boolean filtered = status / 100 == 2 && !answer.body().contains(missionId) && !answer.body().contains(staffId);
        return filtered || status == 403 || status == 404
            ? Optional.empty()
            : Optional.of(describe(operation, target, who, "403, 404 or a collection without the other office's objects", answer));
      }
      // A creation with an empty body: refused by validation, after authorization, so allowed.
      return refused || status == 404 ? Optional.of(describe(operation, target, who, "allowed: not 401/403/404", answer)) : Optional.empty();
    }
    if (target.names == Names.UNKNOWN_OBJECT) {
      // Nothing by that id exists: not found (or the empty body refused first), but never forbidden.
      Predicate<Integer> expected = read ? s -> s == 404 : s -> s == 404 || s == 400 || s == 409 || s == 422;
      return expected.test(status) ? Optional.empty() : Optional.of(describe(operation, target, who, read ? "404" : "404, 400, 409 or 422", answer));
    }
    if (user.ownOffice()) {
      if (read) {
        return status / 100 == 2 ? Optional.empty() : Optional.of(describe(operation, target, who, "2xx (own office's object)", answer));
      }
      // An empty body is refused by validation (or the object's state) after authorization: allowed.
      return refused || status == 404 ? Optional.of(describe(operation, target, who, "allowed in its own office: not 401/403/404", answer)) : Optional.empty();
    }
    // Another office's object does not exist for this caller. A body is validated before the
    // object is looked up, so an empty body may be refused as invalid first: never served anyway.
    boolean notFound = status == 404 || (operation.takesBody() && status == 400);
    return notFound ? Optional.empty() : Optional.of(describe(operation, target, who, operation.takesBody() ? "404 or 400" : "404 (another office's object)", answer));
  }

  private static String describe(Operation operation, Target target, String who, String expected, AnyRequest.Answer answer) {
    String body = answer.body().length() > 200 ? answer.body().substring(0, 200) + "..." : answer.body();
    return String.format("%s %s (%s) as %s: expected %s, got %d %s", operation.method(), operation.path(), target.url, who, expected, answer.status(), body);
  }

  private static AnyRequest.Answer call(String method, Target target, Operation operation, Optional<String> token) {
    Optional<String> body = operation.takesBody() ? Optional.of("{}") : Optional.empty();
    return AnyRequest.send(method, system.gateway.baseUrl() + target.url, token, body);
  }

  enum Names { NOTHING, OWN_OBJECTS, UNKNOWN_OBJECT }

  /** The concrete URL for an operation, and what its path names. */
  record Target(String url, Names names) {}

  /**
   * Fills the path's variables with the matrix's Caracas objects where the path names a mission,
   * a staff member or the office, and with ids nobody has otherwise; adds the query filters the
   * operation takes.
   */
  private static Target targetOf(Operation operation) {
    String[] segments = operation.path().split("/");
    boolean unknown = false;
    boolean variables = false;
    for (int i = 0; i < segments.length; i++) {
      if (!VARIABLE.matcher(segments[i]).matches()) {
        continue;
      }
      variables = true;
      String owner = i > 0 ? segments[i - 1] : "";
      switch (owner) {
        case "missions" -> segments[i] = missionId;
        case "staff" -> segments[i] = staffId;
        case "offices" -> segments[i] = "CCS";
        default -> {
          segments[i] = UUID.randomUUID().toString();
          unknown = true;
        }
      }
    }
    StringBuilder url = new StringBuilder(String.join("/", segments));
    List<String> query = new ArrayList<>();
    if (operation.queryParameters().contains("missionId")) {
      query.add("missionId=" + missionId);
    }
    if (operation.queryParameters().contains("staffId")) {
      query.add("staffId=" + staffId);
    }
    if (!query.isEmpty()) {
      url.append('?').append(String.join("&", query));
    }
    Names names = !variables ? Names.NOTHING : unknown ? Names.UNKNOWN_OBJECT : Names.OWN_OBJECTS;
    return new Target(publicPath(operation.service(), url.toString()), names);
  }

  /** Every operation in the three services' OpenAPI descriptions, read from the services themselves. */
  private static List<Operation> describedOperations() {
    List<Operation> found = new ArrayList<>();
    Map<String, ServiceProcess> services = new LinkedHashMap<>();
    services.put("missions-service", system.missions);
    services.put("personnel-service", system.personnel);
    services.put("notifications-service", system.notifications);
    services.forEach(
        (name, service) -> {
          AnyRequest.Answer answer = AnyRequest.send("GET", service.baseUrl() + "/v3/api-docs", Optional.empty(), Optional.empty());
          assertThat(answer.status()).as("%s publishes its OpenAPI description without a token", name).isEqualTo(200);
          JsonNode description = json.readTree(answer.body());
          assertThat(description.path("info").path("title").asString()).isEqualTo(name);
          for (var path : description.path("paths").properties()) {
            for (var method : path.getValue().properties()) {
              String verb = method.getKey().toUpperCase();
              if (!METHODS.contains(verb)) {
                continue;
              }
              JsonNode operation = method.getValue();
              Set<String> query = new LinkedHashSet<>();
              operation.path("parameters").forEach(
                  parameter -> {
                    if ("query".equals(parameter.path("in").asString())) {
                      query.add(parameter.path("name").asString());
                    }
                  });
              found.add(new Operation(name, verb, path.getKey(), operation.has("requestBody"), query));
            }
          }
        });
    return found;
  }

  static String normalized(String path) {
    Matcher matcher = VARIABLE.matcher(path);
    return matcher.replaceAll("{x}");
  }
}
