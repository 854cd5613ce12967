package org.interestsoffice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.testing.Database;
import org.interestsoffice.testing.TestInfrastructure;


/**
 * A rupture for a mission of {@code staff} people, end to end through the real broker: personnel's
 * events published to RabbitMQ, the packaged notifications service (its own JVM) consuming them, a
 * real SMTP server (GreenMail, in this JVM, over TCP) and the SMS capture file receiving the alerts.
 * Reports alerts per second and the time from the first departure order to the last alert.
 *
 * <p>Each repetition runs the shipped configuration and, as the baseline, the same service sending
 * one alert at a time (one dispatcher thread per channel, batches of one: a new SMTP connection and
 * transaction per email), on a smaller mission, so that the ratio is measured in the same run on
 * the same machine. Every run has its own database and messaging namespace, and checks that each
 * person received exactly one email and one SMS.
 */
public final class AlertFanOutBenchmark {

  private static final Duration LIMIT = Duration.ofMinutes(20);

  private record Setup(String name, Map<String, String> settings) {}

  private record Result(
      String setup, int staff, double seconds, double ordersConsumedSeconds, double emailsDoneSeconds, double smsDoneSeconds, int emails, int sms) {

    double alertsPerSecond() {
      return (emails + sms) / seconds;
    }
  }

  public static void main(String[] args) {
    ServiceJar.measureAndExit(AlertFanOutBenchmark::measure);
  }

  private static void measure() throws Exception {
    int staff = Integer.getInteger("staff", 10_000);
    int repetitions = Integer.getInteger("repetitions", 3);
    int baselineStaff = Integer.getInteger("baseline.staff", 1_000);
    Path work = Files.createDirectories(Path.of(System.getProperty("iop.modules", "."), "benchmarks", "target", "benchmark"));
    TestInfrastructure infrastructure = TestInfrastructure.get();

    Setup shipped = new Setup("shipped defaults", Map.of());
    Setup oneAtATime =
        new Setup(
            "one at a time",
            Map.of(
                "NOTIFICATIONS_EMAIL_WORKERS", "1",
                "NOTIFICATIONS_SMS_WORKERS", "1",
                "NOTIFICATIONS_ALERTS_BATCH_SIZE", "1",
                "PLATFORM_MESSAGING_CONSUMER_CONCURRENCY", "1"));

    GreenMail smtp = new GreenMail(new ServerSetup(ServiceJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Receipts emailed = Receipts.of(smtp);
    List<Result> results = new ArrayList<>();
    try {
      for (int repetition = 1; repetition <= repetitions; repetition++) {
        results.add(run(infrastructure, work, smtp, emailed, oneAtATime, baselineStaff, repetition));
        results.add(run(infrastructure, work, smtp, emailed, shipped, staff, repetition));
      }
    } finally {
      smtp.stop();
    }
    report(results, shipped.name(), oneAtATime.name());
  }

  private static Result run(
      TestInfrastructure infrastructure, Path work, GreenMail smtp, Receipts emailed, Setup setup, int staff, int repetition)
      throws Exception {
    String id = "bench_" + repetition + "_" + (setup.settings().isEmpty() ? "shipped" : "baseline");
    Database database = infrastructure.database(id);
    String namespace = infrastructure.messagingNamespace() + "-" + id.replace('_', '-');
    Path capture = work.resolve(id + "-sms.jsonl");
    Files.deleteIfExists(capture);
    smtp.purgeEmailFromAllMailboxes();
    emailed.clear();

    Map<String, String> environment = notificationsEnvironment(infrastructure, id, namespace, smtp, capture);
    environment.putAll(setup.settings());
    System.out.printf(Locale.ROOT, "%n[benchmark] run %d, %s: %,d staff%n", repetition, setup.name(), staff);

    try (ServiceJar service = ServiceJar.start("notifications-service", environment, ServiceJar.serviceJvmOptions(), work.resolve(id + ".log"))) {
      service.awaitReady();
      List<UUID> people = PersonnelEvents.newPeople(staff);
      UUID mission = UUID.randomUUID();
      try (PersonnelEvents.Publisher personnel = PersonnelEvents.Publisher.open(infrastructure.rabbit(), namespace, "benchmark")) {
        personnel.registers(mission, people);
        Deliveries.awaitProcessed(database, staff, "StaffRegistered", service, LIMIT);
        long start = System.nanoTime();
        Instant due = Instant.now().plus(Duration.ofHours(72));
        UUID deadline = UUID.randomUUID();
        for (UUID person : people) {
          personnel.orders(person, mission, deadline, due);
        }
        personnel.confirmed();
        double published = seconds(start);
        double consumed = Double.NaN;
        double emailsDone = Double.NaN;
        double smsDone = Double.NaN;
        long deadlineNanos = System.nanoTime() + LIMIT.toNanos();
        int emails = 0;
        int sms = 0;
        long lastReport = 0;
        Deliveries.CaptureCounter smsLines = new Deliveries.CaptureCounter(capture);
        while (true) {
          if (!service.isAlive()) {
            throw new IllegalStateException("notifications exited; see " + work.resolve(id + ".log"));
          }
          if (Double.isNaN(consumed) && Deliveries.processed(database, "DepartureOrdered") == staff) {
            consumed = seconds(start);
          }
          emails = emailed.count();
          sms = smsLines.lines();
          if (Double.isNaN(emailsDone) && emails >= staff) {
            emailsDone = seconds(start);
          }
          if (Double.isNaN(smsDone) && sms >= staff) {
            smsDone = seconds(start);
          }
          if (emails >= staff && sms >= staff) {
            break;
          }
          if (System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException("Not every alert went out within " + LIMIT + ": " + emails + " emails, " + sms + " SMS");
          }
          if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
            lastReport = System.nanoTime();
            System.out.printf(Locale.ROOT, "[benchmark]   %5.1f s: %,d emails, %,d SMS%n", seconds(start), emails, sms);
          }
          Thread.sleep(500);
        }
        double seconds = Math.max(emailsDone, smsDone);
        Deliveries.checkExactlyOnce(emailed, capture, staff);
        Result result = new Result(setup.name(), staff, seconds, consumed, emailsDone, smsDone, emails, sms);
        System.out.printf(
            Locale.ROOT,
            "[benchmark]   published %,d orders in %.1f s; orders consumed after %.1f s; last email after %.1f s, last SMS after %.1f s: %.0f alerts/s%n",
            staff, published, consumed, emailsDone, smsDone, result.alertsPerSecond());
        return result;
      }
    }
  }

  /**
   * The notifications service against the run's own database and namespace, this GreenMail and the
   * SMS capture file, logging warnings only.
   */
  static Map<String, String> notificationsEnvironment(TestInfrastructure infrastructure, String database, String namespace, GreenMail smtp, Path capture) {
    Map<String, String> environment = new LinkedHashMap<>(infrastructure.environment(database));
    environment.put("PLATFORM_MESSAGING_NAMESPACE", namespace);
    environment.put("SMTP_HOST", "127.0.0.1");
    environment.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
    environment.put("NOTIFICATIONS_DEVELOPMENT_MODE", "true");
    environment.put("NOTIFICATIONS_SMS_PROVIDER", "capture");
    environment.put("NOTIFICATIONS_SMS_CAPTURE_FILE", capture.toString());
    // The capture has no provider limit to respect; a real provider's would be set here.
    environment.put("NOTIFICATIONS_SMS_RATE_PER_SECOND", "0");
    environment.put("NOTIFICATIONS_ESCALATION_DIRECTORY", "configured");
    environment.put("LOGGING_LEVEL_ORG_INTERESTSOFFICE", "WARN");
    return environment;
  }

  private static void report(List<Result> results, String shipped, String baseline) {
    System.out.printf(
        "%n[benchmark] %-18s %8s %12s %12s %12s %12s %10s%n", "setup", "staff", "orders in", "last email", "last SMS", "last alert", "alerts/s");
    for (Result result : results) {
      System.out.printf(
          Locale.ROOT,
          "[benchmark] %-18s %,8d %10.1f s %10.1f s %10.1f s %10.1f s %10.0f%n",
          result.setup(), result.staff(), result.ordersConsumedSeconds(), result.emailsDoneSeconds(), result.smsDoneSeconds(), result.seconds(),
          result.alertsPerSecond());
    }
    double shippedRate = median(results.stream().filter(r -> r.setup().equals(shipped)).mapToDouble(Result::alertsPerSecond).toArray());
    double baselineRate = median(results.stream().filter(r -> r.setup().equals(baseline)).mapToDouble(Result::alertsPerSecond).toArray());
    double shippedSeconds = median(results.stream().filter(r -> r.setup().equals(shipped)).mapToDouble(Result::seconds).toArray());
    System.out.printf(
        Locale.ROOT,
        "[benchmark] medians: %s %.0f alerts/s (last alert after %.1f s); %s %.0f alerts/s; ratio %.1f×%n",
        shipped, shippedRate, shippedSeconds, baseline, baselineRate, shippedRate / baselineRate);
    System.out.printf(
        Locale.ROOT,
        "[benchmark] machine: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private AlertFanOutBenchmark() {}
}
