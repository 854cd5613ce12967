package org.interestsoffice.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof that several instances of each service share the work without doing any of it twice.
 * Against a local run with two instances of each business service ({@code bin/prove-scale-out}
 * starts one): a mission of 500 people whose rupture note was received just under 72 hours ago,
 * and a score of small missions whose departure and negotiation deadlines fall due at the same
 * instant. It counts what really arrived — the messages in the SMTP and SMS captures, per person
 * and per slot, and the events on the broker, per deadline — not rows behind a unique key.
 *
 * <ul>
 *   <li>each person with privileges gets exactly one email (and one SMS) per slot: the departure
 *       order and each reminder before the deadline; local hires get nothing;
 *   <li>each departure deadline fires once: one {@code DeadlineExpired} on the broker and one
 *       {@code EXPIRED} in its history; each negotiation deadline once: one {@code MissionCeased} and
 *       one final-departure deadline;
 *   <li>personnel orders each person out once and marks each overdue once.
 * </ul>
 */
final class ScaleOutProof {

  private static final String HEAD = "ccs.head";
  private static final String OFFICER = "ccs.officer";
  private static final Duration EVENT_LIMIT = Duration.ofSeconds(60);

  /**
   * @param exerciseJump when set, the proof is about an exercise instead: its case clock jumps that
   *     far past the rupture note in one advance (see {@link #runExercise})
   */
  record Options(
      int staff,
      int racingMissions,
      Duration lead,
      List<Duration> reminders,
      Set<String> channels,
      Duration quiet,
      Duration timeout,
      Duration exerciseJump) {

    static Options parse(List<String> args) {
      int staff = 500;
      int racing = 20;
      Duration lead = Duration.ofMinutes(3);
      List<Duration> reminders = List.of(Duration.ofMinutes(2), Duration.ofMinutes(1));
      Set<String> channels = Set.of("email", "sms");
      Duration quiet = Duration.ofSeconds(20);
      Duration timeout = Duration.ofMinutes(10);
      Duration exerciseJump = null;
      for (int i = 0; i < args.size(); i++) {
        String value = i + 1 < args.size() ? args.get(i + 1) : "";
        switch (args.get(i)) {
          case "--staff" -> staff = Integer.parseInt(value);
          case "--racing-missions" -> racing = Integer.parseInt(value);
          case "--lead" -> lead = duration(value);
          case "--reminders" -> reminders = value.equals("none") ? List.of() : java.util.Arrays.stream(value.split(",")).map(ScaleOutProof::duration).toList();
          case "--channels" -> channels = Set.of(value.split(","));
          case "--quiet" -> quiet = duration(value);
          case "--timeout" -> timeout = duration(value);
          case "--exercise-jump" -> exerciseJump = duration(value);
          default ->
              throw new DemoFailure(
                  "Unknown option " + args.get(i) + " (--staff, --racing-missions, --lead, --reminders, --channels, --quiet, --timeout, --exercise-jump)");
        }
        i++;
      }
      if (lead.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new DemoFailure("--lead must leave at least a minute before the deadline");
      }
      if (exerciseJump != null && exerciseJump.compareTo(Duration.ofHours(72)) <= 0) {
        throw new DemoFailure("--exercise-jump must go past the 72 hours of the exercise's departure deadline, say 60d");
      }
      return new Options(staff, racing, lead, reminders, channels, quiet, timeout, exerciseJump);
    }

    /** The slots each alerted person gets: the order, and each reminder still ahead when the order goes out. */
    int slots() {
      return 1 + (int) reminders.stream().filter(offset -> offset.compareTo(lead.minusSeconds(20)) < 0).count();
    }
  }

  private final Api api;
  private final MailCapture mail;
  private final SmsCapture sms;
  private final Endpoints endpoints;
  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();

  ScaleOutProof(Api api, MailCapture mail, SmsCapture sms, Endpoints endpoints, PrintStream out) {
    this.api = api;
    this.mail = mail;
    this.sms = sms;
    this.endpoints = endpoints;
    this.out = out;
  }

  int run(Options options) {
    String run = Long.toString(Instant.now().getEpochSecond() % 100_000);
    if (options.exerciseJump() != null) {
      return runExercise(options, run);
    }
    out.printf("Scale-out proof %s: %d staff, %d racing missions, deadline in %s, reminders %s, slots per person %d, channels %s%n", run,
        options.staff(), options.racingMissions(), options.lead(), options.reminders(), options.slots(), options.channels());
    Map<String, List<String>> bindings =
        Map.of(
            "missions.events", List.of("DeadlineExpired", "MissionCeased"),
            "personnel.events", List.of("StaffRegistered", "DepartureOrdered", "StaffOverdue"));
    try (BrokerWatch broker = new BrokerWatch(endpoints.broker(), endpoints.messagingNamespace(), bindings, JsonMapper.builder().build())) {
      String missionId = register("Scale-out proof " + run, "Caracas");
      List<String> racing = IntStream.rangeClosed(1, options.racingMissions()).mapToObj(i -> register("Scale-out proof " + run + " #" + i, "Caracas")).toList();

      List<Person> people = registerStaff(run, missionId, options.staff());
      Set<String> staffIds = people.stream().map(Person::id).collect(Collectors.toSet());
      await("StaffRegistered of all " + people.size() + " on the broker", options.timeout(),
          () -> broker.distinct("StaffRegistered", p -> staffIds.contains(p.path("staffId").asString())).size() >= people.size());

      // One note for all: received just under 72 hours ago, so every departure deadline is due at once.
      Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(options.lead());
      String note = "PROOF-" + run;
      Instant received = due.minus(Duration.ofHours(72));
      List<String> departures = new ArrayList<>();
      departures.add(rupture(missionId, note, received));
      for (String mission : racing) {
        departures.add(rupture(mission, note, received));
      }
      // The small missions also negotiate, with a window that ends at the same instant.
      Map<String, String> negotiationByMission = new LinkedHashMap<>();
      for (String mission : racing) {
        negotiationByMission.put(mission, negotiate(mission, note, due.minus(Duration.ofHours(1))));
      }
      out.printf("Ruptures declared; every deadline is due at %s%n", due);

      Set<String> alerted = people.stream().filter(Person::alerted).map(Person::email).collect(Collectors.toSet());
      Set<String> silent = people.stream().filter(p -> !p.alerted()).map(Person::email).collect(Collectors.toSet());
      Set<String> alertedPhones = people.stream().filter(Person::alerted).map(Person::phone).collect(Collectors.toSet());
      Set<String> silentPhones = people.stream().filter(p -> !p.alerted()).map(Person::phone).collect(Collectors.toSet());
      Duration untilDue = Duration.between(Instant.now(), due).plus(options.timeout());

      await("every deadline expired", untilDue, () -> allExpired(missionId, racing));
      await("DeadlineExpired and MissionCeased on the broker", options.timeout(),
          () -> broker.distinct("DeadlineExpired", p -> departures.contains(p.path("deadlineId").asString())).size() >= departures.size()
              && broker.distinct("MissionCeased", p -> racing.contains(p.path("missionId").asString())).size() >= racing.size());
      if (options.channels().contains("email")) {
        await("every slot's email to every person", options.timeout(), () -> emailTally(missionId, people).complete(alerted, options.slots()));
      }
      if (options.channels().contains("sms")) {
        await("every slot's SMS to every person", options.timeout(), () -> smsTally(missionId, people).complete(alertedPhones, options.slots()));
      }
      out.printf("Everything expected has arrived; watching %s more for duplicates%n", options.quiet());
      Api.pause(options.quiet());

      out.println();
      out.println("Results");
      check("DepartureOrdered: one per person with privileges", alerted.size(),
          perKeyOnce(broker.distinct("DepartureOrdered", p -> staffIds.contains(p.path("staffId").asString())), "staffId", alerted.size()));
      check("StaffOverdue: one per person with privileges", alerted.size(),
          perKeyOnce(broker.distinct("StaffOverdue", p -> staffIds.contains(p.path("staffId").asString())), "staffId", alerted.size()));
      check("DeadlineExpired on the broker: one per departure deadline", departures.size(),
          perKeyOnce(broker.distinct("DeadlineExpired", p -> departures.contains(p.path("deadlineId").asString())), "deadlineId", departures.size()));
      check("MissionCeased on the broker: one per negotiation deadline", racing.size(),
          perKeyOnce(broker.distinct("MissionCeased", p -> racing.contains(p.path("missionId").asString())), "missionId", racing.size()));
      check("deadline histories: EXPIRED once per deadline", departures.size() + racing.size(), expiredOnceInHistory(missionId, racing));
      check("final-departure deadlines: one per ceased mission", racing.size(), oneFinalDeparture(racing));
      if (options.channels().contains("email")) {
        AlertTally tally = emailTally(missionId, people);
        check("emails: exactly one per person and slot (" + options.slots() + " slots), none to local hires",
            alerted.size() * options.slots(), tally.findings(alerted, options.slots(), silent, 10), tally.total(alerted));
      }
      if (options.channels().contains("sms")) {
        AlertTally tally = smsTally(missionId, people);
        check("SMS: exactly one per person and slot (" + options.slots() + " slots), none to local hires",
            alerted.size() * options.slots(), tally.findings(alertedPhones, options.slots(), silentPhones, 10), tally.total(alertedPhones));
      }
      if (broker.unreadable() > 0) {
        failures.add(broker.unreadable() + " unreadable messages on the broker");
      }
    } catch (DemoFailure failure) {
      failures.add(failure.getMessage());
    }
    out.println();
    if (failures.isEmpty()) {
      out.println("PROVED: with several instances, each person got exactly one alert per slot and each deadline fired once.");
      return 0;
    }
    out.println("NOT PROVED:");
    failures.forEach(f -> out.println("  " + f));
    return 1;
  }

  /** Where the exercise's case clock starts, and its rupture note: 23 January 2019, as in the 2019 replay. */
  private static final Instant EXERCISE_STARTS_AT = Instant.parse("2019-01-23T12:00:00Z");
  private static final Instant EXERCISE_NOTE = Instant.parse("2019-01-23T20:00:00Z");

  /**
   * The exercise variant: a mission drilled as an exercise, its rupture note received on its case
   * clock, then one advance of that clock far past the 72 hours. Everything that fell due in between
   * happens exactly once whatever the number of instances: the deadline's expiry, each person's
   * overdue mark and escalation, and of the alerts only the order itself (every reminder slot was
   * passed by the jump along with the deadline, so each is recorded as skipped, none sent).
   */
  private int runExercise(Options options, String run) {
    out.printf("Exercise proof %s: %d staff, one jump of the case clock by %s past the rupture note of %s, channels %s%n", run,
        options.staff(), options.exerciseJump(), EXERCISE_NOTE, options.channels());
    Map<String, List<String>> bindings =
        Map.of(
            "missions.events", List.of("DeadlineExpired", "CaseClockAdvanced"),
            "personnel.events", List.of("StaffRegistered", "DepartureOrdered", "StaffOverdue"),
            "notifications.events", List.of("AlertEscalated"));
    try (BrokerWatch broker = new BrokerWatch(endpoints.broker(), endpoints.messagingNamespace(), bindings, JsonMapper.builder().build())) {
      Map<String, Object> exercise = Map.of("startsAt", EXERCISE_STARTS_AT.toString());
      String missionId = register("Exercise proof " + run, "Caracas", exercise);
      List<Person> people = registerStaff(run, missionId, options.staff());
      Set<String> staffIds = people.stream().map(Person::id).collect(Collectors.toSet());
      Set<String> alertedIds = people.stream().filter(Person::alerted).map(Person::id).collect(Collectors.toSet());
      await("StaffRegistered of all " + people.size() + " on the broker", options.timeout(),
          () -> broker.distinct("StaffRegistered", p -> staffIds.contains(p.path("staffId").asString())).size() >= people.size());

      advance(missionId, EXERCISE_NOTE);
      String departure = rupture(missionId, "EXPROOF-" + run, EXERCISE_NOTE);
      Instant due = EXERCISE_NOTE.plus(Duration.ofHours(72));
      await("DepartureOrdered of everyone with privileges", options.timeout(),
          () -> broker.distinct("DepartureOrdered", p -> alertedIds.contains(p.path("staffId").asString())).size() >= alertedIds.size());
      Instant to = EXERCISE_NOTE.plus(options.exerciseJump());
      JsonNode advanced = advance(missionId, to);
      out.printf("Case clock advanced in one jump to %s; fired: %s%n", to,
          LoadingDemoData.stream(advanced.path("fired")).map(d -> d.path("kind").asString() + " due " + d.path("dueAt").asString()).toList());

      Set<String> alerted = people.stream().filter(Person::alerted).map(Person::email).collect(Collectors.toSet());
      Set<String> silent = people.stream().filter(p -> !p.alerted()).map(Person::email).collect(Collectors.toSet());
      Set<String> alertedPhones = people.stream().filter(Person::alerted).map(Person::phone).collect(Collectors.toSet());
      Set<String> silentPhones = people.stream().filter(p -> !p.alerted()).map(Person::phone).collect(Collectors.toSet());
      await("DeadlineExpired, StaffOverdue and AlertEscalated on the broker", options.timeout(),
          () -> broker.distinct("DeadlineExpired", p -> p.path("deadlineId").asString().equals(departure)).size() >= 1
              && broker.distinct("StaffOverdue", p -> alertedIds.contains(p.path("staffId").asString())).size() >= alertedIds.size()
              && broker.distinct("AlertEscalated", p -> alertedIds.contains(p.path("staffId").asString())).size() >= alertedIds.size());
      if (options.channels().contains("email")) {
        await("the order's email to every person", options.timeout(), () -> emailTally(missionId, people).complete(alerted, 1));
      }
      if (options.channels().contains("sms")) {
        await("the order's SMS to every person", options.timeout(), () -> smsTally(missionId, people).complete(alertedPhones, 1));
      }
      out.printf("Everything expected has arrived; watching %s more for duplicates%n", options.quiet());
      Api.pause(options.quiet());

      out.println();
      out.println("Results");
      check("DeadlineExpired on the broker: the departure deadline once", 1,
          perKeyOnce(broker.distinct("DeadlineExpired", p -> p.path("deadlineId").asString().equals(departure)), "deadlineId", 1));
      check("deadline history: EXPIRED once", 1, expiredOnceInHistory(missionId, List.of()));
      check("StaffOverdue: one per person with privileges, at the due instant " + due, alertedIds.size(),
          onceEachAt(broker.distinct("StaffOverdue", p -> staffIds.contains(p.path("staffId").asString())), "dueAt", due, alertedIds.size()));
      Instant escalatedAt = EXERCISE_NOTE.plus(Duration.ofHours(12));
      check("AlertEscalated: one per person with privileges, on the case clock (" + escalatedAt + " with the default 12h)", alertedIds.size(),
          onceEachAt(broker.distinct("AlertEscalated", p -> staffIds.contains(p.path("staffId").asString())), "escalatedAt", escalatedAt,
              alertedIds.size()));
      if (options.channels().contains("email")) {
        AlertTally tally = emailTally(missionId, people);
        check("emails: the order exactly once per person, every reminder skipped, none to local hires", alerted.size(),
            tally.findings(alerted, 1, silent, 10), tally.total(alerted));
      }
      if (options.channels().contains("sms")) {
        AlertTally tally = smsTally(missionId, people);
        check("SMS: the order exactly once per person, every reminder skipped, none to local hires", alerted.size(),
            tally.findings(alertedPhones, 1, silentPhones, 10), tally.total(alertedPhones));
      }
      if (broker.unreadable() > 0) {
        failures.add(broker.unreadable() + " unreadable messages on the broker");
      }
    } catch (DemoFailure failure) {
      failures.add(failure.getMessage());
    }
    out.println();
    if (failures.isEmpty()) {
      out.println("PROVED: with several instances, one jump of an exercise's case clock fired each deadline, overdue mark and escalation once.");
      return 0;
    }
    out.println("NOT PROVED:");
    failures.forEach(f -> out.println("  " + f));
    return 1;
  }

  private JsonNode advance(String missionId, Instant to) {
    return api.post(HEAD, "/api/missions/" + missionId + "/case-clock", Map.of("advanceTo", to.toString())).expect(200);
  }

  /** Once per staff member, each stamped with the expected instant in its payload's field. */
  private static List<String> onceEachAt(List<BrokerWatch.Seen> events, String field, Instant expected, int people) {
    List<String> findings = new ArrayList<>(perKeyOnce(events, "staffId", people));
    events.stream()
        .filter(e -> !Instant.parse(e.payload().path(field).asString()).equals(expected))
        .limit(5)
        .forEach(e -> findings.add("staffId " + e.payload().path("staffId").asString() + ": " + field + " " + e.payload().path(field).asString()));
    return findings;
  }

  /** A person of the proof's mission; local hires are not ordered out and get no alert. */
  private record Person(String id, String email, String phone, boolean alerted) {}

  private String register(String name, String city) {
    return register(name, city, null);
  }

  /** @param exercise null for a real mission, else the exercise's {@code {startsAt}} */
  private String register(String name, String city, Map<String, Object> exercise) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("officeCode", "CCS");
    body.put("kind", "EMBASSY");
    body.put("name", name);
    body.put("sendingState", "US");
    body.put("receivingState", "VE");
    body.put("city", city);
    body.put("timeZone", "America/Caracas");
    if (exercise != null) {
      body.put("exercise", exercise);
    }
    return api.post(HEAD, "/api/missions", body).expect(201).path("id").asString();
  }

  /** Of every category: 30% diplomats, 20% administrative and technical, 15% service, 20% family, 15% local hires. */
  private List<Person> registerStaff(String run, String missionId, int count) {
    List<Person> people = new ArrayList<>();
    List<String> diplomats = new ArrayList<>();
    Instant started = Instant.now();
    for (int i = 0; i < count; i++) {
      int share = i * 100 / count;
      String category =
          share < 30 ? "DIPLOMATIC_AGENT" : share < 50 ? "ADMINISTRATIVE_TECHNICAL" : share < 65 ? "SERVICE_STAFF" : share < 85 ? "FAMILY_MEMBER" : "LOCAL_HIRE";
      boolean localHire = category.equals("LOCAL_HIRE");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("missionId", missionId);
      body.put("fullName", "Proof Person " + run + "-" + (i + 1));
      body.put("category", category);
      if (category.equals("FAMILY_MEMBER")) {
        body.put("principalId", diplomats.get(i % diplomats.size()));
      }
      body.put("nationality", localHire ? "VE" : "US");
      String email = "proof-" + run + "-" + (i + 1) + "@proof.example.org";
      // +1 555 is no area code in service: numbers nobody has.
      String phone = "+1555" + String.format("%03d%04d", Integer.parseInt(run) % 1000, i + 1);
      body.put("email", email);
      body.put("phone", phone);
      body.put("preferredLanguage", i % 3 == 0 ? "es" : "en");
      JsonNode created =
          Api.untilCaughtUp(() -> api.post(OFFICER, "/api/staff", body), r -> r.is(400) && r.title().equals("Unknown mission"), EVENT_LIMIT)
              .expect(201);
      String id = created.path("id").asString();
      if (category.equals("DIPLOMATIC_AGENT")) {
        diplomats.add(id);
      }
      people.add(new Person(id, email, phone, !localHire));
      if ((i + 1) % 100 == 0) {
        out.printf("  %d staff registered (%d s)%n", i + 1, Duration.between(started, Instant.now()).toSeconds());
      }
    }
    return people;
  }

  private String rupture(String missionId, String note, Instant received) {
    Map<String, Object> body =
        Map.of("noteReference", note, "noteReceivedAt", received.toString(), "departureWindow", "PT72H", "consularPostsClosed", true);
    return api.post(HEAD, "/api/missions/" + missionId + "/rupture", body).expect(200).path("departureDeadline").path("id").asString();
  }

  private String negotiate(String missionId, String note, Instant agreedAt) {
    Map<String, Object> body = Map.of("noteReference", note, "agreedAt", agreedAt.toString(), "window", "PT1H", "remainingStaffCeiling", 0);
    return api.post(HEAD, "/api/missions/" + missionId + "/negotiation", body).expect(200).path("deadline").path("id").asString();
  }

  private boolean allExpired(String missionId, List<String> racing) {
    List<String> all = new ArrayList<>(racing);
    all.add(missionId);
    return all.stream()
        .allMatch(
            mission ->
                deadlines(mission).stream()
                    .filter(d -> !d.path("kind").asString().equals("FINAL_DEPARTURE"))
                    .allMatch(d -> d.path("status").asString().equals("EXPIRED")));
  }

  private List<JsonNode> deadlines(String missionId) {
    return LoadingDemoData.stream(api.get(HEAD, "/api/missions/" + missionId + "/deadlines").expect(200)).toList();
  }

  private List<String> expiredOnceInHistory(String missionId, List<String> racing) {
    List<String> findings = new ArrayList<>();
    List<String> all = new ArrayList<>(racing);
    all.add(missionId);
    for (String mission : all) {
      for (JsonNode deadline : deadlines(mission)) {
        if (deadline.path("kind").asString().equals("FINAL_DEPARTURE")) {
          continue;
        }
        long expired = LoadingDemoData.stream(deadline.path("history")).filter(e -> e.path("change").asString().equals("EXPIRED")).count();
        if (expired != 1) {
          findings.add("deadline " + deadline.path("id").asString() + " (" + deadline.path("kind").asString() + ") expired " + expired + " times");
        }
      }
    }
    return findings;
  }

  private List<String> oneFinalDeparture(List<String> racing) {
    List<String> findings = new ArrayList<>();
    for (String mission : racing) {
      long finals = deadlines(mission).stream().filter(d -> d.path("kind").asString().equals("FINAL_DEPARTURE")).count();
      if (finals != 1) {
        findings.add("mission " + mission + " has " + finals + " final-departure deadlines");
      }
    }
    return findings;
  }

  private static List<String> perKeyOnce(List<BrokerWatch.Seen> events, String key, int expected) {
    Map<String, Long> perKey = events.stream().collect(Collectors.groupingBy(e -> e.payload().path(key).asString(), Collectors.counting()));
    List<String> findings = new ArrayList<>();
    perKey.forEach((k, count) -> {
      if (count > 1) {
        findings.add(key + " " + k + ": " + count + " distinct events");
      }
    });
    if (perKey.size() != expected) {
      findings.add(perKey.size() + " of " + expected + " " + key + "s have an event");
    }
    return findings;
  }

  private AlertTally emailTally(String missionId, List<Person> people) {
    Set<String> ours = people.stream().map(Person::email).collect(Collectors.toSet());
    Slots slots = slots(missionId);
    AlertTally tally = new AlertTally();
    for (String recipient : mail.recipients()) {
      if (ours.contains(recipient)) {
        mail.to(recipient).forEach(message -> tally.received(recipient, slots.of(message)));
      }
    }
    return tally;
  }

  private AlertTally smsTally(String missionId, List<Person> people) {
    Set<String> ours = people.stream().map(Person::phone).collect(Collectors.toSet());
    Slots slots = slots(missionId);
    AlertTally tally = new AlertTally();
    sms.all().stream().filter(message -> ours.contains(message.to())).forEach(message -> tally.received(message.to(), slots.of(message)));
    return tally;
  }

  /** The slot of each of the mission's alerts, from the alerts API (a later round or version is named). */
  private Slots slots(String missionId) {
    Map<String, String> slotByAlert = new java.util.HashMap<>();
    api.all(OFFICER, "/api/alerts?missionId=" + missionId)
        .forEach(
            alert -> {
              String later =
                  alert.path("deadlineVersion").asInt(1) > 1 || alert.path("round").asInt(1) > 1
                      ? " (version " + alert.path("deadlineVersion").asInt() + ", round " + alert.path("round").asInt() + ")"
                      : "";
              slotByAlert.put(alert.path("id").asString(), alert.path("slot").asString() + later);
            });
    return new Slots(slotByAlert);
  }

  private void check(String what, int expected, List<String> findings) {
    check(what, expected, findings, expected);
  }

  private void check(String what, int expected, List<String> findings, int counted) {
    if (findings.isEmpty()) {
      out.printf("  PASS  %s: %d%n", what, counted);
    } else {
      out.printf("  FAIL  %s (expected %d, counted %d)%n", what, expected, counted);
      findings.forEach(f -> out.println("          " + f));
      failures.add(what);
    }
  }

  private void await(String what, Duration limit, BooleanSupplier condition) {
    Instant started = Instant.now();
    Instant giveUp = started.plus(limit);
    Instant nextReport = started.plusSeconds(30);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(giveUp)) {
        throw new DemoFailure("gave up waiting for " + what + " after " + limit);
      }
      if (Instant.now().isAfter(nextReport)) {
        out.printf("  waiting for %s (%d s)%n", what, Duration.between(started, Instant.now()).toSeconds());
        nextReport = Instant.now().plusSeconds(30);
      }
      Api.pause(Duration.ofSeconds(2));
    }
    out.printf("  %s (%d s)%n", what, Duration.between(started, Instant.now()).toSeconds());
  }

  static Duration duration(String value) {
    String v = value.trim().toLowerCase();
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase());
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new NumberFormatException(value);
      };
    } catch (RuntimeException e) {
      throw new DemoFailure("Not a duration: " + value + " (say 90s, 2m, 1h or PT2M)");
    }
  }
}
