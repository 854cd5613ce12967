package org.interestsoffice.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.testing.Database;
import org.interestsoffice.testing.KeycloakServer;
import org.interestsoffice.testing.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rupture timed as its users meet it: a mission and its staff registered through the gateway, the
 * rupture declared through the gateway by the office head, and the clock stopped when the last
 * email is in the SMTP server and the last SMS in the capture. Missions, personnel, notifications
 * and the gateway run from their packaged jars in their own JVMs against the real Keycloak realm,
 * PostgreSQL, RabbitMQ and a real SMTP server (GreenMail over TCP).
 *
 * <p>Right after each repetition, in the same run on the same machine, it measures the raw rate of
 * every resource an alert passes through ({@link RawLimits}) and prints the pipeline's people per
 * second beside the slowest of them. Every repetition checks exactly one email and one SMS per person.
 */
public final class RuptureBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration ALERTS_LIMIT = Duration.ofMinutes(30);
  /** The notifications service's defaults these raw limits are measured with (docs/configuration.md). */
  private static final int EMAIL_CONNECTIONS = Integer.parseInt(System.getenv().getOrDefault("NOTIFICATIONS_EMAIL_WORKERS", "2"));
  private static final int CONSUMERS = Integer.parseInt(System.getenv().getOrDefault("PLATFORM_MESSAGING_CONSUMER_CONCURRENCY", "4"));
  /** Rough sizes of one alert email and one event, for the raw SMTP and RabbitMQ loops. */
  private static final int EMAIL_BYTES = 3_000;
  private static final int EVENT_BYTES = 900;
  private static final int REGISTRATION_THREADS = 8;
  static final String SMTP_SERVER = "SMTP server (GreenMail's connection threads)";
  /**
   * GreenMail names each connection's thread "{server}<-{client address}:{port}"; the service keeps
   * its connections open through the fan-out, so their threads live from one reading to the next.
   */
  static final java.util.function.Predicate<String> GREENMAIL_CONNECTION = thread -> thread.contains("<-");

  record Run(int staff, int repetition, double registered, double firstEmail, double lastEmail, double lastSms, double notificationsRowsPerOrder,
      double personnelRowsPerOrder, List<RawLimits.Rate> raw, double cpuPerPerson) {

    double seconds() {
      return Math.max(lastEmail, lastSms);
    }

    double peoplePerSecond() {
      return staff / seconds();
    }

    RawLimits.Rate slowest() {
      return raw.stream().min((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
    }
  }

  public static void main(String[] args) {
    ServiceJar.measureAndExit(RuptureBenchmark::measure);
  }

  private static void measure() throws Exception {
    List<Integer> sizes = Arrays.stream(System.getProperty("sizes", "1000,10000").split(",")).map(String::trim).map(Integer::parseInt).toList();
    int repetitions = Integer.getInteger("repetitions", 3);
    Path work = Files.createDirectories(Path.of(System.getProperty("iop.modules", "."), "benchmarks", "target", "rupture-benchmark"));
    TestInfrastructure infrastructure = TestInfrastructure.get();
    KeycloakServer keycloak = KeycloakServer.get();
    GreenMail smtp = new GreenMail(new ServerSetup(ServiceJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Receipts emails = Receipts.of(smtp);
    List<Run> runs = new ArrayList<>();
    try {
      for (int staff : sizes) {
        for (int repetition = 1; repetition <= repetitions; repetition++) {
          runs.add(run(infrastructure, keycloak, smtp, emails, work, staff, repetition));
          report(runs);
        }
      }
    } finally {
      smtp.stop();
    }
  }

  private static Run run(
      TestInfrastructure infrastructure, KeycloakServer keycloak, GreenMail smtp, Receipts emails, Path work, int staff, int repetition)
      throws Exception {
    String id = "rupture_" + staff + "_" + repetition;
    String namespace = infrastructure.messagingNamespace() + "-" + id.replace('_', '-');
    Path capture = work.resolve(id + "-sms.jsonl");
    Files.deleteIfExists(capture);
    smtp.purgeEmailFromAllMailboxes();
    emails.clear();
    System.out.printf(Locale.ROOT, "%n[rupture-benchmark] %,d staff, repetition %d (logs in %s)%n", staff, repetition, work);

    Database notificationsDb = infrastructure.database(id + "_notifications");
    Database personnelDb = infrastructure.database(id + "_personnel");
    Map<String, String> notifications = service(infrastructure, keycloak, id + "_notifications", namespace);
    notifications.put("SMTP_HOST", "127.0.0.1");
    notifications.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
    notifications.put("NOTIFICATIONS_SMS_PROVIDER", "capture");
    notifications.put("NOTIFICATIONS_SMS_CAPTURE_FILE", capture.toString());
    notifications.put("NOTIFICATIONS_SMS_RATE_PER_SECOND", "0");
    notifications.put("NOTIFICATIONS_ESCALATION_DIRECTORY", "configured");
    // The SMS capture and the default sender address are for development, and the service says so.
    notifications.put("NOTIFICATIONS_DEVELOPMENT_MODE", "true");
    try (ServiceJar missions = ServiceJar.start("missions-service", service(infrastructure, keycloak, id + "_missions", namespace), jvm(work, id, "missions"), work.resolve(id + "-missions.log"));
        ServiceJar personnel = ServiceJar.start("personnel-service", service(infrastructure, keycloak, id + "_personnel", namespace), jvm(work, id, "personnel"), work.resolve(id + "-personnel.log"));
        ServiceJar notifying = ServiceJar.start("notifications-service", notifications, jvm(work, id, "notifications"), work.resolve(id + "-notifications.log"))) {
      missions.awaitReady();
      personnel.awaitReady();
      notifying.awaitReady();
      Map<String, String> routes = new LinkedHashMap<>(keycloak.environment());
      routes.put("MISSIONS_URL", missions.baseUrl());
      routes.put("PERSONNEL_URL", personnel.baseUrl());
      routes.put("NOTIFICATIONS_URL", notifying.baseUrl());
      // One officer registers thousands of people: the per-user limit is the gateway's own test.
      routes.put("GATEWAY_RATE_LIMIT_PER_SECOND", "100000");
      routes.put("GATEWAY_RATE_LIMIT_BURST", "100000");
      try (ServiceJar gateway = ServiceJar.start("gateway", routes, jvm(work, id, "gateway"), work.resolve(id + "-gateway.log"))) {
        gateway.awaitReady();
        Supplier<String> head = tokens(keycloak, "ccs.head");
        Supplier<String> officer = tokens(keycloak, "ccs.officer");
        String mission =
            post(gateway, head, "/api/missions",
                    Map.of("officeCode", "CCS", "kind", "EMBASSY", "name", "Embassy of the United States in Caracas " + id, "sendingState", "US",
                        "receivingState", "VE", "city", "Caracas", "timeZone", "America/Caracas"))
                .path("id").asString();

        long registering = System.nanoTime();
        register(gateway, officer, mission, staff);
        awaitProcessed(notificationsDb, "StaffRegistered", staff, notifying);
        double registered = seconds(registering);
        long notificationsRows = RawLimits.rowsInserted(notificationsDb);
        long personnelRows = RawLimits.rowsInserted(personnelDb);

        Instant noteReceivedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        Map<String, Long> jvms = new LinkedHashMap<>();
        for (ServiceJar service : List.of(notifying, personnel, missions, gateway)) {
          jvms.put(service.module.replace("-service", ""), service.pid());
        }
        jvms.put("the benchmark (counting deliveries)", ProcessHandle.current().pid());
        CpuLedger ledger = new CpuLedger(jvms, Map.of(SMTP_SERVER, GREENMAIL_CONNECTION));
        CpuLedger.Reading beforeRupture = ledger.read();
        Instant declared = Instant.now();
        long start = System.nanoTime();
        post(gateway, head, "/api/missions/" + mission + "/rupture",
            Map.of("noteReference", "BENCH-" + id, "noteReceivedAt", noteReceivedAt.toString(), "departureWindow", "PT72H", "consularPostsClosed", true));
        double firstEmail = Double.NaN;
        double lastEmail = Double.NaN;
        double lastSms = Double.NaN;
        long lastProgress = System.nanoTime();
        long limit = start + ALERTS_LIMIT.toNanos();
        Deliveries.CaptureCounter smsLines = new Deliveries.CaptureCounter(capture);
        while (Double.isNaN(lastEmail) || Double.isNaN(lastSms)) {
          for (ServiceJar service : List.of(missions, personnel, notifying, gateway)) {
            if (!service.isAlive()) {
              throw new IllegalStateException(service.module + " exited; see " + service.log);
            }
          }
          int emailed = emails.count();
          int sms = smsLines.lines();
          // The emails' instants are taken as the server receives them; the SMS capture's when it is read.
          if (Double.isNaN(firstEmail) && emailed > 0) {
            firstEmail = secondsBetween(declared, emails.first());
          }
          if (Double.isNaN(lastEmail) && emailed >= staff) {
            lastEmail = secondsBetween(declared, emails.last());
          }
          if (Double.isNaN(lastSms) && sms >= staff) {
            lastSms = seconds(start);
          }
          if (System.nanoTime() > limit) {
            throw new IllegalStateException("Not every alert went out within " + ALERTS_LIMIT + ": " + emailed + " emails, " + sms + " SMS of " + staff);
          }
          if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
            lastProgress = System.nanoTime();
            System.out.printf(Locale.ROOT, "[rupture-benchmark]   %6.1f s after the rupture: %,d of %,d emails, %,d SMS%n", seconds(start), emailed, staff, sms);
          }
          Thread.sleep(250);
        }
        CpuLedger.Reading afterFanOut = ledger.read();
        Deliveries.checkExactlyOnce(emails, capture, staff);
        double notificationsRowsPerOrder = (RawLimits.rowsInserted(notificationsDb) - notificationsRows) / (double) staff;
        double personnelRowsPerOrder = (RawLimits.rowsInserted(personnelDb) - personnelRows) / (double) staff;
        System.out.printf(
            Locale.ROOT,
            "[rupture-benchmark]   staff registered in %.1f s; after the rupture: first email %.1f s, last email %.1f s, last SMS %.1f s; exactly one email and one SMS each%n",
            registered, firstEmail, lastEmail, lastSms);
        // The raw limits, now, on the same machine, with the services stopped (as they are not in
        // the way of each other in production either).
        gateway.close();
        notifying.close();
        personnel.close();
        missions.close();
        smtp.purgeEmailFromAllMailboxes();
        emails.clear();
        System.out.printf(Locale.ROOT, "[rupture-benchmark]   CPU per person alerted, ms: %s%n", CpuLedger.perUnit(beforeRupture, afterFanOut, staff, "person"));
        int rawCount = Math.min(staff, 10_000);
        // This JVM is both the raw loops' client and, for SMTP, the server: its CPU is theirs together
        // (the raw loop's SMTP connections end within it, and a thread's time ends with the thread).
        CpuLedger rawLedger = new CpuLedger(Map.of("the benchmark's JVM (client, and the SMTP server)", ProcessHandle.current().pid()));
        List<RawLimits.Rate> raw = new ArrayList<>();
        for (RawLimits.Measurement measurement :
            List.<RawLimits.Measurement>of(
                () -> RawLimits.smtp(smtp, EMAIL_CONNECTIONS, rawCount, EMAIL_BYTES),
                () -> RawLimits.rabbit(infrastructure.rabbit(), namespace, rawCount, EVENT_BYTES),
                () -> RawLimits.postgres(notificationsDb, CONSUMERS, rawCount, (int) Math.round(notificationsRowsPerOrder)))) {
          CpuLedger.Reading before = rawLedger.read();
          RawLimits.Rate rate = measurement.measure();
          CpuLedger.Reading after = rawLedger.read();
          raw.add(rate);
          System.out.printf(Locale.ROOT, "[rupture-benchmark]   raw %-10s %,8.0f/s (%s)%n", rate.resource(), rate.perSecond(), rate.what());
          System.out.printf(Locale.ROOT, "[rupture-benchmark]     its CPU per unit, ms: %s%n", CpuLedger.perUnit(before, after, rate.count(), "unit"));
        }
        smtp.purgeEmailFromAllMailboxes();
        Run run =
            new Run(staff, repetition, registered, firstEmail, lastEmail, lastSms, notificationsRowsPerOrder, personnelRowsPerOrder, raw,
                CpuLedger.busy(beforeRupture, afterFanOut) / staff);
        System.out.printf(
            Locale.ROOT,
            "[rupture-benchmark]   budget: at 80 %% of the slowest raw rate (%s, %,.0f/s) the %d cores allow at most %.2f ms of CPU per person; the fan-out spent %.2f%n",
            run.slowest().resource(), run.slowest().perSecond(), Runtime.getRuntime().availableProcessors(),
            CpuLedger.budgetMillis(run.slowest().perSecond(), 0.8), 1000 * run.cpuPerPerson());
        return run;
      }
    }
  }

  /**
   * Each service's JVM: the options of {@code -DserviceJvm} (by default a 768 MiB heap) and, with
   * {@code -Djfr=true}, a flight recording (JFR's profiling settings) written beside its log when it
   * stops.
   */
  private static List<String> jvm(Path work, String id, String service) {
    List<String> options = new ArrayList<>(ServiceJar.serviceJvmOptions());
    if (Boolean.getBoolean("jfr")) {
      options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + work.resolve(id + "-" + service + ".jfr"));
    }
    return options;
  }

  private static Map<String, String> service(TestInfrastructure infrastructure, KeycloakServer keycloak, String database, String namespace) {
    Map<String, String> environment = new LinkedHashMap<>(infrastructure.environment(database));
    environment.putAll(keycloak.environment());
    environment.put("PLATFORM_MESSAGING_NAMESPACE", namespace);
    environment.put("LOGGING_LEVEL_ORG_INTERESTSOFFICE", "WARN");
    return environment;
  }

  /** Registers the staff through the gateway, several requests at a time, with a progress line. */
  private static void register(ServiceJar gateway, Supplier<String> officer, String mission, int staff) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(REGISTRATION_THREADS);
    try {
      List<Future<?>> registering = new ArrayList<>();
      for (int t = 0; t < REGISTRATION_THREADS; t++) {
        registering.add(
            threads.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < staff; i = next.getAndIncrement()) {
                    post(gateway, officer, "/api/staff", person(mission, i));
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> thread : registering) {
        while (true) {
          try {
            thread.get(5, TimeUnit.SECONDS);
            break;
          } catch (java.util.concurrent.TimeoutException stillRegistering) {
            System.out.printf(Locale.ROOT, "[rupture-benchmark]   registered %,d of %,d staff%n", done.get(), staff);
          }
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static Map<String, Object> person(String mission, int i) {
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("missionId", mission);
    person.put("fullName", "Staff Member " + i);
    person.put("category", "DIPLOMATIC_AGENT");
    person.put("nationality", "US");
    person.put("email", "staff-" + i + "@bench.example");
    person.put("phone", String.format(Locale.ROOT, "+1202%07d", i));
    person.put("preferredLanguage", i % 3 == 0 ? "es" : "en");
    return person;
  }

  /** A POST through the gateway; anything but 2xx stops the benchmark with the problem document. */
  private static JsonNode post(ServiceJar gateway, Supplier<String> token, String path, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token.get())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The user's access token, fetched again a minute before the realm's five minutes run out. */
  private static Supplier<String> tokens(KeycloakServer keycloak, String user) {
    return new Supplier<>() {
      private String token;
      private long fetchedAt;

      @Override
      public synchronized String get() {
        if (token == null || System.nanoTime() - fetchedAt > TimeUnit.MINUTES.toNanos(4)) {
          token = keycloak.accessToken(user);
          fetchedAt = System.nanoTime();
        }
        return token;
      }
    };
  }

  private static void awaitProcessed(Database database, String type, int count, ServiceJar service) throws Exception {
    long limit = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    long lastProgress = System.nanoTime();
    int processed;
    while ((processed = Deliveries.processed(database, type)) < count) {
      if (!service.isAlive() || System.nanoTime() > limit) {
        throw new IllegalStateException(service.module + " took " + processed + " of " + count + " " + type + " events; see " + service.log);
      }
      if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
        lastProgress = System.nanoTime();
        System.out.printf(Locale.ROOT, "[rupture-benchmark]   notifications has %,d of %,d contacts%n", processed, count);
      }
      Thread.sleep(250);
    }
  }

  private static void report(List<Run> runs) {
    System.out.printf(
        "%n[rupture-benchmark] %8s %4s %11s %11s %11s %11s %9s %9s %9s %9s %-10s %6s %9s%n",
        "staff", "rep", "first email", "last email", "last SMS", "people/s", "SMTP/s", "AMQP/s", "orders/s", "rows/ord", "slowest", "ratio", "CPU ms/p");
    for (Run run : runs) {
      Map<String, Double> rates = new LinkedHashMap<>();
      run.raw().forEach(rate -> rates.put(rate.resource(), rate.perSecond()));
      System.out.printf(
          Locale.ROOT,
          "[rupture-benchmark] %,8d %4d %9.1f s %9.1f s %9.1f s %11.0f %9.0f %9.0f %9.0f %4.1f+%-4.1f %-10s %5.0f%% %9.2f%n",
          run.staff(), run.repetition(), run.firstEmail(), run.lastEmail(), run.lastSms(), run.peoplePerSecond(), rates.get("SMTP"),
          rates.get("RabbitMQ"), rates.get("PostgreSQL"), run.notificationsRowsPerOrder(), run.personnelRowsPerOrder(), run.slowest().resource(),
          100 * run.peoplePerSecond() / run.slowest().perSecond(), 1000 * run.cpuPerPerson());
    }
    Map<Integer, List<Run>> bySize = new LinkedHashMap<>();
    runs.forEach(run -> bySize.computeIfAbsent(run.staff(), s -> new ArrayList<>()).add(run));
    bySize.forEach(
        (staff, sized) -> {
          double[] ratios = sized.stream().mapToDouble(run -> run.peoplePerSecond() / run.slowest().perSecond()).sorted().toArray();
          double[] seconds = sized.stream().mapToDouble(Run::seconds).sorted().toArray();
          System.out.printf(
              Locale.ROOT,
              "[rupture-benchmark] %,d staff: last alert after %.1f s median (%.1f–%.1f), %.0f%% of the slowest raw resource median (%.0f–%.0f%%), %d repetitions%n",
              staff, median(seconds), seconds[0], seconds[seconds.length - 1], 100 * median(ratios), 100 * ratios[0], 100 * ratios[ratios.length - 1],
              sized.size());
        });
    System.out.printf(
        Locale.ROOT, "[rupture-benchmark] machine: %d cores, Java %s; rows/ord: notifications'+personnel's rows inserted per person; CPU ms/p: the machine's CPU time per person from the rupture to the last alert%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
  }

  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double secondsBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private RuptureBenchmark() {}
}
