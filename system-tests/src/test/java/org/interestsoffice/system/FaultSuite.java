package org.interestsoffice.system;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.interestsoffice.testing.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault suite (issue 15): the whole system with two instances of each business service, on a
 * PostgreSQL cluster, a RabbitMQ node, an SMTP server and an SMS provider of its own, takes every
 * fault an operator meets while a mission's alerts go out, in a fixed order, and then counts what
 * reached the people.
 *
 * <p>A phase per fault and cycle: a new version of the mission's departure deadline (the rupture
 * first, then an extension each phase) sends every person an email and an SMS; a small mission's
 * departure deadline falls due a few seconds later; the fault strikes at once and lasts its
 * scripted time; then the phase waits for everything to arrive. Losses and duplicates of that
 * version, and of that small deadline's expiry, are the fault's. Counted from what arrived: emails
 * in the SMTP server (by Message-ID, which names the alert), SMS at the provider (by
 * Idempotency-Key and reference), {@code DeadlineExpired} events on the broker (by event id),
 * each mapped to its person, channel, deadline version and slot through the alerts API.
 */
final class FaultSuite implements AutoCloseable {

  enum Fault {
    KILL("SIGKILL of one instance of each service, restarted"),
    BROKER("broker stopped and restarted"),
    DATABASE("PostgreSQL stopped"),
    SMTP("SMTP server down, then up"),
    SMS_500("SMS provider answers 500"),
    SMS_TIMEOUT("SMS provider answers too late");

    final String description;

    Fault(String description) {
      this.description = description;
    }
  }

  /**
   * @param staff people in the mission (everyone with privileges: each gets every alert)
   * @param cycles rounds of all six faults
   * @param databaseStop how long PostgreSQL stays down: longer than the consumers' retries
   * @param databaseConnectionTimeout the services' wait for a database connection (Hikari's
   *     connectionTimeout); with their 4 delivery attempts it sets how long the old retries lasted
   * @param brokerStop, smtpStop, smsFault how long each of those faults lasts
   * @param basePort the suite's ports: gateway +0, instances +1 to +6, SMTP +25, SMS +80,
   *     PostgreSQL +432, RabbitMQ +672 to +674
   */
  record Settings(
      int staff,
      int cycles,
      Duration databaseStop,
      Duration databaseConnectionTimeout,
      Duration brokerStop,
      Duration smtpStop,
      Duration smsFault,
      Duration phaseLimit,
      Duration quiet,
      int basePort,
      Path directory) {

    static Settings fromSystemProperties(int defaultStaff, int defaultCycles, Duration defaultDatabaseStop, Duration defaultConnectionTimeout) {
      return new Settings(
          Integer.getInteger("faults.staff", defaultStaff),
          Integer.getInteger("faults.cycles", defaultCycles),
          Duration.parse(System.getProperty("faults.database-stop", defaultDatabaseStop.toString())),
          Duration.parse(System.getProperty("faults.database-connection-timeout", defaultConnectionTimeout.toString())),
          Duration.parse(System.getProperty("faults.broker-stop", "PT15S")),
          Duration.parse(System.getProperty("faults.smtp-stop", "PT30S")),
          Duration.parse(System.getProperty("faults.sms-fault", "PT30S")),
          Duration.parse(System.getProperty("faults.phase-limit", "PT10M")),
          Duration.parse(System.getProperty("faults.quiet", "PT20S")),
          Integer.getInteger("faults.base-port", 19000),
          Path.of("target", "faults", Integer.toString(Integer.getInteger("faults.base-port", 19000))).toAbsolutePath());
    }
  }

  /** One alert as the alerts API shows it. */
  record AlertKey(String staffId, String channel, int version, String slot) {}

  /** What one phase (one fault in one cycle) sent and expired. */
  record Phase(int cycle, Fault fault, int version, String expiringDeadline) {}

  private static final String NAMESPACE = "faults";
  private static final String SMS_KEY = "fault-suite-key";
  private static final Duration SMS_READ_TIMEOUT = Duration.ofSeconds(2);
  private static final int EMAIL_BATCH = 50;
  private static final int EMAIL_WORKERS = 2;

  private final Settings settings;
  private final PrintStream out;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> environments = new HashMap<>();
  private final Map<String, String> modules = new HashMap<>();
  private final List<Phase> phases = new ArrayList<>();
  private final Map<Fault, Integer> strikes = new EnumMap<>(Fault.class);
  private PrivatePostgres postgres;
  private PrivateBroker broker;
  private SwitchableSmtp smtp;
  private SmsProviderPeer sms;
  private ServiceProcess gateway;
  private Path logs;

  FaultSuite(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  private int port(int offset) {
    return settings.basePort() + offset;
  }

  // --- the system --------------------------------------------------------------------------------

  void start() {
    // Also when the test JVM is stopped from outside (Ctrl-C on bin/chaos): nothing is left running.
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "fault-suite-stop"));
    logs = settings.directory().resolve("logs");
    try (Stream<Path> earlier = java.nio.file.Files.exists(logs) ? java.nio.file.Files.list(logs) : Stream.empty()) {
      // The instances' logs grow across their restarts within a run, not across runs.
      earlier.forEach(log -> log.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    say("starting PostgreSQL on %d, RabbitMQ on %d, SMTP on %d, the SMS provider on %d (all under %s)",
        port(432), port(672), port(25), port(80), settings.directory());
    postgres = PrivatePostgres.start(settings.directory().resolve("postgresql"), port(432));
    started.add(postgres);
    for (String database : List.of("missions", "personnel", "notifications")) {
      postgres.createDatabase("iop_faults_" + database);
    }
    broker = PrivateBroker.start(settings.directory().resolve("rabbitmq"), port(672));
    started.add(broker);
    smtp = new SwitchableSmtp(port(25));
    started.add(smtp);
    sms = new SmsProviderPeer(port(80), SMS_READ_TIMEOUT.multipliedBy(2));
    started.add(sms);
    started.add(this::stopServices);

    int next = 1;
    for (String module : List.of("missions-service", "personnel-service", "notifications-service")) {
      for (int instance = 1; instance <= 2; instance++) {
        String name = module + "-" + instance;
        modules.put(name, module);
        environments.put(name, environment(module, port(next++)));
        instances.put(name, ServiceProcess.start(module, name, Integer.parseInt(environments.get(name).get("PORT")), environments.get(name), logs));
      }
    }
    Map<String, String> gatewayEnvironment = new HashMap<>(TestTokens.get().environment());
    gatewayEnvironment.put("MISSIONS_URL", urls("missions-service"));
    gatewayEnvironment.put("PERSONNEL_URL", urls("personnel-service"));
    gatewayEnvironment.put("NOTIFICATIONS_URL", urls("notifications-service"));
    gatewayEnvironment.put("GATEWAY_RATE_LIMIT_PER_SECOND", "10000");
    gatewayEnvironment.put("GATEWAY_RATE_LIMIT_BURST", "10000");
    gateway = ServiceProcess.start("gateway", "gateway", port(0), gatewayEnvironment, logs);
    Stream.concat(instances.values().stream(), Stream.of(gateway)).forEach(service -> service.awaitReady(Duration.ofMinutes(5)));
    say("two instances of each service and the gateway are ready");
    watchExpiries();
  }

  private String urls(String module) {
    return String.join(",", instances.entrySet().stream()
        .filter(e -> modules.get(e.getKey()).equals(module))
        .map(e -> e.getValue().baseUrl()).toList());
  }

  private Map<String, String> environment(String module, int port) {
    String database = "iop_faults_" + module.replace("-service", "");
    Map<String, String> environment = new HashMap<>(TestTokens.get().environment());
    environment.put("PORT", Integer.toString(port));
    environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(database));
    environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
    environment.put("SPRING_DATASOURCE_PASSWORD", "");
    environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "8");
    environment.put("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", Long.toString(settings.databaseConnectionTimeout().toMillis()));
    environment.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
    environment.put("SPRING_RABBITMQ_PORT", Integer.toString(broker.port()));
    environment.put("PLATFORM_MESSAGING_NAMESPACE", NAMESPACE);
    if (module.equals("notifications-service")) {
      environment.put("SMTP_HOST", "127.0.0.1");
      environment.put("SMTP_PORT", Integer.toString(smtp.port()));
      environment.put("NOTIFICATIONS_SMS_PROVIDER", "http");
      environment.put("NOTIFICATIONS_SMS_HTTP_URL", sms.url());
      environment.put("NOTIFICATIONS_SMS_HTTP_APIKEY", SMS_KEY);
      environment.put("NOTIFICATIONS_SMS_HTTP_READTIMEOUT", SMS_READ_TIMEOUT.toString());
      // Reminders 2 h before a deadline that is never more than an hour away: none falls due in the
      // run, so every message counted is the order or a change of the deadline.
      environment.put("NOTIFICATIONS_REMINDERS_OFFSETS", "2h");
      environment.put("NOTIFICATIONS_ESCALATION_DIRECTORY", "configured");
      // A test's own sender address and provider without delivery reports: development settings.
      environment.put("NOTIFICATIONS_DEVELOPMENT_MODE", "true");
    }
    return environment;
  }

  /**
   * A queue of the suite's own on the broker, bound to every expiry: durable, and the events on it
   * persistent, so it keeps what it saw across broker restarts until the count reads it.
   */
  private void watchExpiries() {
    try (Connection connection = newBrokerConnection(); Channel channel = connection.createChannel()) {
      channel.queueDeclare("fault-suite.expiries", true, false, false, null);
      channel.queueBind("fault-suite.expiries", NAMESPACE + ".missions.events", "DeadlineExpired");
    } catch (Exception e) {
      throw new IllegalStateException("Cannot watch the private broker: " + e.getMessage(), e);
    }
  }

  /** Every DeadlineExpired that crossed the broker: deadline id to its distinct event ids. */
  private Map<String, Set<String>> expiriesOnTheBroker() {
    Map<String, Set<String>> byDeadline = new HashMap<>();
    try (Connection connection = newBrokerConnection(); Channel channel = connection.createChannel()) {
      GetResponse message;
      List<JsonNode> read = new ArrayList<>();
      while ((message = channel.basicGet("fault-suite.expiries", false)) != null) {
        read.add(json.readTree(new String(message.getBody(), StandardCharsets.UTF_8)));
      }
      // Not acknowledged: closing the channel puts them back, so a second count sees them again.
      for (JsonNode envelope : read) {
        byDeadline.computeIfAbsent(envelope.path("payload").path("deadlineId").asString(), d -> new HashSet<>()).add(envelope.path("eventId").asString());
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the expiries from the broker: " + e.getMessage(), e);
    }
    return byDeadline;
  }

  private Connection newBrokerConnection() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(broker.port());
    return factory.newConnection("fault-suite-count");
  }

  private void stopServices() {
    List<ServiceProcess> all = new ArrayList<>(instances.values());
    if (gateway != null) {
      all.add(gateway);
    }
    all.forEach(ServiceProcess::requestStop);
    all.forEach(service -> service.awaitStop(Duration.ofSeconds(20)));
  }

  @Override
  public synchronized void close() {
    // Last started, first stopped, each once; one failure must not leave the rest running.
    RuntimeException first = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.remove(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("Stopping the fault suite's system: " + e.getMessage(), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  // --- the run -----------------------------------------------------------------------------------

  private GatewayClient head() {
    return new GatewayClient(gateway.baseUrl(), TestTokens.get().officeHead("CCS"));
  }

  private GatewayClient officer() {
    return new GatewayClient(gateway.baseUrl(), TestTokens.get().officeOfficer("CCS"));
  }

  /** Runs every phase and returns the tally; the system stays up for the caller to look at. */
  FaultTally run() {
    String missionId = register("Fault suite mission");
    List<String> expiring = new ArrayList<>();
    for (int i = 0; i < settings.cycles() * Fault.values().length; i++) {
      expiring.add(register("Fault suite expiring mission " + (i + 1)));
    }
    Map<String, FaultTally.Person> people = registerStaff(missionId);

    String deadlineId = null;
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(45));
    int version = 0;
    for (int cycle = 1; cycle <= settings.cycles(); cycle++) {
      for (Fault fault : Fault.values()) {
        version++;
        if (deadlineId == null) {
          deadlineId = rupture(missionId, "FAULTS-RUPTURE", due.minus(Duration.ofHours(72)));
        } else {
          due = laterOf(due.plusSeconds(30), Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(45)));
          extend(missionId, deadlineId, "FAULTS-EXTENSION-" + version, due);
        }
        String expiringMission = expiring.get(version - 1);
        // Due in 5 s: it falls due while the fault lasts.
        String expiringDeadline = rupture(expiringMission, "FAULTS-EXPIRY-" + version,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5).minus(Duration.ofHours(72)));
        Phase phase = new Phase(cycle, fault, version, expiringDeadline);
        phases.add(phase);
        Instant began = Instant.now();
        // The fault strikes while the alerts go out: once the first of this version has arrived.
        long before = (long) (version - 1) * people.size();
        awaitFirstArrivals(() -> distinctEmailAlerts() > before || sms.delivered().size() > before);
        long emailsBefore = distinctEmailAlerts() - before;
        long smsBefore = sms.delivered().size() - before;
        strike(fault, cycle);
        int expected = version * people.size();
        awaitUpTo("phase " + version + " (" + fault + ", cycle " + cycle + "): every alert of deadline version " + version,
            () -> distinctEmailAlerts() >= expected && sms.delivered().size() >= expected
                && expired(expiringMission));
        say("phase %d: %s, cycle %d, done in %d s; when it struck %d of %d emails and %d of %d SMS of this version had arrived",
            version, fault, cycle, Duration.between(began, Instant.now()).toSeconds(), emailsBefore, people.size(), smsBefore, people.size());
      }
    }
    say("all phases done; %s more for late duplicates", settings.quiet());
    Commands.pause(settings.quiet());
    return tally(missionId, people);
  }

  private static Instant laterOf(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private void strike(Fault fault, int cycle) {
    strikes.merge(fault, 1, Integer::sum);
    switch (fault) {
      case KILL -> {
        int which = cycle % 2 == 1 ? 1 : 2;
        for (String module : List.of("notifications-service", "personnel-service", "missions-service")) {
          String name = module + "-" + which;
          instances.get(name).kill();
          say("SIGKILLed %s", name);
        }
        Commands.pause(Duration.ofSeconds(5));
        for (String module : List.of("notifications-service", "personnel-service", "missions-service")) {
          String name = module + "-" + which;
          Map<String, String> environment = environments.get(name);
          instances.put(name, ServiceProcess.start(module, name, Integer.parseInt(environment.get("PORT")), environment, logs));
        }
        for (String module : List.of("notifications-service", "personnel-service", "missions-service")) {
          instances.get(module + "-" + which).awaitReady(Duration.ofMinutes(5));
        }
        say("restarted instance %d of each service", which);
      }
      case BROKER -> {
        broker.down();
        say("broker stopped for %s", settings.brokerStop());
        Commands.pause(settings.brokerStop());
        broker.up();
        say("broker started again");
      }
      case DATABASE -> {
        postgres.down();
        say("PostgreSQL stopped for %s", settings.databaseStop());
        Commands.pause(settings.databaseStop());
        postgres.up();
        say("PostgreSQL started again");
      }
      case SMTP -> {
        smtp.down();
        say("SMTP server down for %s", settings.smtpStop());
        Commands.pause(settings.smtpStop());
        smtp.up();
        say("SMTP server up again");
      }
      case SMS_500 -> {
        sms.switchTo(SmsProviderPeer.Mode.FAILING);
        say("SMS provider answers 500 for %s", settings.smsFault());
        Commands.pause(settings.smsFault());
        sms.switchTo(SmsProviderPeer.Mode.ANSWERING);
      }
      case SMS_TIMEOUT -> {
        sms.switchTo(SmsProviderPeer.Mode.TIMING_OUT);
        say("SMS provider answers after the client's timeout for %s", settings.smsFault());
        Commands.pause(settings.smsFault());
        sms.switchTo(SmsProviderPeer.Mode.ANSWERING);
      }
    }
  }

  /**
   * How many email copies a fault may cause, over all its strikes. A notifications instance that
   * dies (or loses its database) after the SMTP server took a batch and before the commit that
   * marks it sent sends that batch again: at most one batch (50) per email worker (2) and instance
   * cut off, one instance for a SIGKILL, both for a database stop. An SMTP server that goes down
   * may have stored the message in flight on each connection without its answer reaching the
   * sender: at most one per worker and instance. Nothing else sends an email twice. The copies carry
   * the alert's Message-ID, so a mail client that honours it shows one.
   */
  int emailCopiesBound(Fault fault) {
    int perStrike = switch (fault) {
      case KILL -> EMAIL_BATCH * EMAIL_WORKERS;
      case DATABASE -> EMAIL_BATCH * EMAIL_WORKERS * 2;
      case SMTP -> EMAIL_WORKERS * 2;
      default -> 0;
    };
    return perStrike * strikes.getOrDefault(fault, 0);
  }

  private String register(String name) {
    Map<String, Object> body = Staffing.caracasEmbassy(name);
    return Staffing.created(head().post("/api/missions", body, "fault-suite"));
  }

  private Map<String, FaultTally.Person> registerStaff(String missionId) {
    GatewayClient officer = officer();
    Map<String, FaultTally.Person> people = new LinkedHashMap<>();
    Instant began = Instant.now();
    for (int i = 1; i <= settings.staff(); i++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("fullName", "Fault Person " + i);
      body.put("category", i % 3 == 0 ? "ADMINISTRATIVE_TECHNICAL" : "DIPLOMATIC_AGENT");
      body.put("nationality", "US");
      String email = "fault-" + i + "@faults.example.org";
      // +1 555 is no area code in service: numbers nobody has.
      String phone = "+1555" + String.format("%07d", i);
      body.put("email", email);
      body.put("phone", phone);
      body.put("preferredLanguage", i % 2 == 0 ? "es" : "en");
      String id = Staffing.registerOnceMissionIsKnown(officer, missionId, body);
      people.put(id, new FaultTally.Person(id, email, phone));
    }
    say("%d staff registered in %d s", people.size(), Duration.between(began, Instant.now()).toSeconds());
    return people;
  }

  private String rupture(String missionId, String note, Instant received) {
    Map<String, Object> body =
        Map.of("noteReference", note, "noteReceivedAt", received.toString(), "departureWindow", "PT72H", "consularPostsClosed", true);
    GatewayClient.Response response = head().post("/api/missions/" + missionId + "/rupture", body, "fault-suite");
    if (response.status() != 200) {
      throw new IllegalStateException("Rupture refused: " + response.status() + " " + response.body());
    }
    return response.body().path("departureDeadline").path("id").asString();
  }

  private void extend(String missionId, String deadlineId, String note, Instant newDueAt) {
    GatewayClient.Response recorded =
        head().post("/api/missions/" + missionId + "/notes",
            Map.of("reference", note, "direction", "INCOMING", "at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "summary", "The host state extends the departure deadline"), "fault-suite");
    if (recorded.status() != 201) {
      throw new IllegalStateException("Note refused: " + recorded.status() + " " + recorded.body());
    }
    GatewayClient.Response response =
        head().post("/api/missions/" + missionId + "/deadlines/" + deadlineId + "/extension",
            Map.of("noteReference", note, "newDueAt", newDueAt.toString()), "fault-suite");
    if (response.status() != 200) {
      throw new IllegalStateException("Extension refused: " + response.status() + " " + response.body());
    }
  }

  private boolean expired(String missionId) {
    GatewayClient.Response response = head().get("/api/missions/" + missionId + "/deadlines");
    if (response.status() != 200) {
      return false;
    }
    for (JsonNode deadline : response.body()) {
      if (deadline.path("kind").asString().equals("DEPARTURE") && deadline.path("status").asString().equals("EXPIRED")) {
        return true;
      }
    }
    return false;
  }

  private long distinctEmailAlerts() {
    return smtp.received().stream().map(FaultTally::alertOf).filter(java.util.Optional::isPresent).map(java.util.Optional::get).distinct().count();
  }

  /** Polls often, for at most a minute: the fault must strike early in the fan-out, and strikes anyway after that. */
  private void awaitFirstArrivals(BooleanSupplier arrived) {
    Instant giveUp = Instant.now().plusSeconds(60);
    while (!arrived.getAsBoolean() && Instant.now().isBefore(giveUp)) {
      Commands.pause(Duration.ofMillis(100));
    }
  }

  /** Polls (every 3 s) until the condition holds or the phase's limit passes; a phase that never completes is counted, not fatal. */
  private void awaitUpTo(String what, BooleanSupplier condition) {
    Instant giveUp = Instant.now().plus(settings.phaseLimit());
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // the gateway or a service is still coming back: ask again
      }
      if (Instant.now().isAfter(giveUp)) {
        say("gave up waiting for %s after %s: what is missing is counted as lost", what, settings.phaseLimit());
        return;
      }
      Commands.pause(Duration.ofSeconds(3));
    }
  }

  // --- the count ---------------------------------------------------------------------------------

  private FaultTally tally(String missionId, Map<String, FaultTally.Person> people) {
    Map<String, AlertKey> alerts = new HashMap<>();
    GatewayClient officer = officer();
    String cursor = null;
    do {
      GatewayClient.Response page =
          officer.get("/api/alerts?missionId=" + missionId + "&limit=500" + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      if (page.status() != 200) {
        throw new IllegalStateException("Alerts refused: " + page.status() + " " + page.body());
      }
      for (JsonNode alert : page.body().path("items")) {
        alerts.put(alert.path("id").asString(),
            new AlertKey(alert.path("staffId").asString(), alert.path("channel").asString(), alert.path("deadlineVersion").asInt(), alert.path("slot").asString()));
      }
      cursor = page.body().path("nextCursor").isString() ? page.body().path("nextCursor").asString() : null;
    } while (cursor != null);
    return new FaultTally(people, phases, alerts, smtp.received(), sms.delivered(), expiriesOnTheBroker(), this::emailCopiesBound);
  }

  private void say(String format, Object... arguments) {
    out.printf("[faults %s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, arguments));
    out.flush();
  }
}
