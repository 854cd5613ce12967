package org.interestsoffice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.interestsoffice.testing.Broker;
import org.interestsoffice.testing.Database;
import org.interestsoffice.testing.TestInfrastructure;

/**
 * Reminders at scale: {@code pending} people with a reminder ahead, {@code due} of them falling due
 * at the same instant T, the others a day later. The reminders are made the way production makes
 * them, from personnel's {@code DepartureOrdered} events consumed by the packaged notifications
 * service (its own JVM, one reminder offset of an hour); once every immediate alert has gone out,
 * it times from T the first reminder email received by the SMTP server (GreenMail over TCP, each
 * receipt timed as it arrives) and the rate at which the {@code due} reminder emails reach it; then,
 * in the same run, the raw SMTP rate over as many kept-open connections as the service's email
 * workers. Checks that each person due got exactly one reminder email, and nobody else one.
 */
public final class ReminderBenchmark {

  private static final Duration LIMIT = Duration.ofMinutes(30);
  /** The one reminder offset of the run: T is an hour before the deadline of those due. */
  private static final Duration OFFSET = Duration.ofHours(1);
  /** The notifications service's default these raw limits are measured with (docs/configuration.md). */
  private static final int EMAIL_CONNECTIONS = Integer.parseInt(System.getenv().getOrDefault("NOTIFICATIONS_EMAIL_WORKERS", "2"));
  /** About the size of a reminder email, for the raw SMTP loop. */
  private static final int EMAIL_BYTES = 3_000;
  private static final String TAG = "[reminder-benchmark]";

  public static void main(String[] args) {
    ServiceJar.measureAndExit(ReminderBenchmark::measure);
  }

  private static void measure() throws Exception {
    int pending = Integer.getInteger("pending", 100_000);
    int due = Integer.getInteger("due", 10_000);
    if (due < 1 || due > pending) {
      throw new IllegalArgumentException("-Ddue must be between 1 and -Dpending, not " + due + " of " + pending);
    }
    Path work = Files.createDirectories(Path.of(System.getProperty("iop.modules", "."), "benchmarks", "target", "reminder-benchmark"));
    TestInfrastructure infrastructure = TestInfrastructure.get();
    String id = "bench_reminders";
    Database database = infrastructure.database(id);
    String namespace = infrastructure.messagingNamespace() + "-bench-reminders";
    Path capture = work.resolve(id + "-sms.jsonl");
    Files.deleteIfExists(capture);
    Deliveries.CaptureCounter sms = new Deliveries.CaptureCounter(capture);

    // GreenMail logs at INFO per connection and user: kept out of the progress lines.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen")).setLevel(ch.qos.logback.classic.Level.WARN);
    GreenMail smtp = new GreenMail(new ServerSetup(ServiceJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Receipts emails = Receipts.of(smtp);
    try {
      Map<String, String> environment = AlertFanOutBenchmark.notificationsEnvironment(infrastructure, id, namespace, smtp, capture);
      environment.put("NOTIFICATIONS_REMINDERS_OFFSETS", OFFSET.toHours() + "h");
      List<String> jvm = new ArrayList<>(ServiceJar.serviceJvmOptions());
      if (Boolean.getBoolean("jfr")) {
        jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + work.resolve(id + ".jfr"));
      }
      System.out.printf(Locale.ROOT, "%n%s %,d reminders pending, %,d of them due at one instant%n", TAG, pending, due);
      Measured measured;
      try (ServiceJar service = ServiceJar.start("notifications-service", environment, jvm, work.resolve(id + ".log"))) {
        service.awaitReady();
        measured = remindersAtScale(infrastructure.rabbit(), namespace, database, service, smtp, emails, sms, pending, due);
      }
      // The raw limit now, on the same machine, with the service stopped.
      smtp.purgeEmailFromAllMailboxes();
      CpuLedger rawLedger = new CpuLedger(Map.of("the benchmark's JVM (client, and the SMTP server)", ProcessHandle.current().pid()));
      CpuLedger.Reading beforeRaw = rawLedger.read();
      RawLimits.Rate raw = RawLimits.smtp(smtp, EMAIL_CONNECTIONS, due, EMAIL_BYTES);
      CpuLedger.Reading afterRaw = rawLedger.read();
      report(measured, raw, due, pending);
      System.out.printf(Locale.ROOT, "%s CPU per reminder (its email and SMS) from T to the last, ms: %s%n", TAG, CpuLedger.perUnit(measured.fromT(), measured.toLast(), due, "reminder"));
      System.out.printf(Locale.ROOT, "%s CPU per raw SMTP email, ms: %s%n", TAG, CpuLedger.perUnit(beforeRaw, afterRaw, raw.count(), "email"));
      System.out.printf(
          Locale.ROOT,
          "%s budget: at 80 %% of the raw SMTP rate (%,.0f/s) the %d cores allow at most %.2f ms of CPU per reminder; the firing spent %.2f%n",
          TAG, raw.perSecond(), Runtime.getRuntime().availableProcessors(), CpuLedger.budgetMillis(raw.perSecond(), 0.8),
          1000 * CpuLedger.busy(measured.fromT(), measured.toLast()) / due);
    } finally {
      smtp.stop();
    }
  }

  /** What the run measured, in seconds from the due instant T. */
  private record Measured(double allFired, double firstEmail, double lastEmail, double lastSms, long stillScheduled, CpuLedger.Reading fromT,
      CpuLedger.Reading toLast) {

    double emailsPerSecond(int due) {
      return due / lastEmail;
    }
  }

  private static Measured remindersAtScale(
      Broker broker, String namespace, Database database, ServiceJar service, GreenMail smtp, Receipts emails, Deliveries.CaptureCounter sms,
      int pending, int due)
      throws Exception {
    List<UUID> people = PersonnelEvents.newPeople(pending);
    UUID mission = UUID.randomUUID();
    try (PersonnelEvents.Publisher personnel = PersonnelEvents.Publisher.open(broker, namespace, "reminder-benchmark")) {
      personnel.registers(mission, people);
      Deliveries.awaitProcessed(database, pending, "StaffRegistered", service, LIMIT);
      System.out.printf(Locale.ROOT, "%s   %,d staff registered%n", TAG, pending);

      // First those whose reminder lies a day after T: their orders and immediate alerts show how
      // long the others' will take, and so how far ahead T must be.
      int later = pending - due;
      long start = System.nanoTime();
      UUID laterDeadline = UUID.randomUUID();
      Instant laterDue = Instant.now().plus(Duration.ofDays(2));
      for (int i = due; i < pending; i++) {
        personnel.orders(people.get(i), mission, laterDeadline, laterDue);
      }
      personnel.confirmed();
      awaitImmediateAlerts(database, service, smtp, emails, sms, later, "later", start);
      double perPerson = later == 0 ? 0.01 : seconds(start) / later;

      Instant t = Instant.now().plusSeconds(Math.round(20 + 2 * due * perPerson)).truncatedTo(ChronoUnit.SECONDS);
      System.out.printf(Locale.ROOT, "%s   %,d orders with a reminder a day after T; the other %,d fall due at T = %s%n", TAG, later, due, t);
      UUID dueDeadline = UUID.randomUUID();
      long ordered = System.nanoTime();
      for (int i = 0; i < due; i++) {
        personnel.orders(people.get(i), mission, dueDeadline, t.plus(OFFSET));
      }
      personnel.confirmed();
      awaitImmediateAlerts(database, service, smtp, emails, sms, pending, "due", ordered);
      if (!Instant.now().isBefore(t.minusSeconds(1))) {
        throw new IllegalStateException("The immediate alerts were still going out at T: no clean measurement; try again on a quieter machine");
      }
      emails.clear();
      smtp.purgeEmailFromAllMailboxes();
      int smsBefore = sms.lines();
      System.out.printf(Locale.ROOT, "%s   every immediate alert sent; %,d reminders scheduled; waiting for T%n", TAG, scheduled(database));

      Map<String, Long> jvms = new LinkedHashMap<>();
      jvms.put("notifications", service.pid());
      jvms.put("the benchmark (counting deliveries)", ProcessHandle.current().pid());
      CpuLedger ledger = new CpuLedger(jvms, Map.of(RuptureBenchmark.SMTP_SERVER, RuptureBenchmark.GREENMAIL_CONNECTION));
      CpuLedger.Reading fromT = null;
      long lastReport = 0;
      double lastSms = Double.NaN;
      double allFired = Double.NaN;
      long limit = System.nanoTime() + LIMIT.toNanos();
      while (true) {
        if (!service.isAlive()) {
          throw new IllegalStateException("notifications exited; see " + service.log);
        }
        if (fromT == null && !Instant.now().isBefore(t)) {
          fromT = ledger.read();
        }
        if (Double.isNaN(allFired) && Instant.now().isAfter(t) && dueLeft(database, t, 1) == 0) {
          allFired = since(t);
        }
        int smsNow = sms.lines() - smsBefore;
        if (Double.isNaN(lastSms) && smsNow >= due) {
          lastSms = since(t);
        }
        if (emails.count() >= due && smsNow >= due) {
          break;
        }
        if (System.nanoTime() > limit) {
          throw new IllegalStateException("Not every reminder went out within " + LIMIT + ": " + emails.count() + " emails, " + smsNow + " SMS");
        }
        if (Instant.now().isAfter(t) && System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
          lastReport = System.nanoTime();
          System.out.printf(
              Locale.ROOT, "%s   T + %5.1f s: %,d reminders fired, %,d reminder emails, %,d reminder SMS%n", TAG, since(t), due - dueLeft(database, t, due), emails.count(), smsNow);
        }
        Thread.sleep(100);
      }
      CpuLedger.Reading toLast = ledger.read();
      checkOneReminderEmailEach(emails, due);
      return new Measured(allFired, seconds(t, emails.first()), seconds(t, emails.last()), lastSms, scheduled(database), fromT, toLast);
    }
  }

  /** Waits until {@code people} orders are consumed and their immediate email and SMS sent, with a progress line every 5 s. */
  private static void awaitImmediateAlerts(
      Database database, ServiceJar service, GreenMail smtp, Receipts emails, Deliveries.CaptureCounter sms, int people, String group, long since)
      throws Exception {
    long limit = System.nanoTime() + LIMIT.toNanos();
    long lastReport = System.nanoTime();
    while (true) {
      int orders = Deliveries.processed(database, "DepartureOrdered");
      int sent = emails.count();
      int texts = sms.lines();
      if (orders >= people && sent >= people && texts >= people) {
        return;
      }
      if (!service.isAlive()) {
        throw new IllegalStateException("notifications exited; see " + service.log);
      }
      if (System.nanoTime() > limit) {
        throw new IllegalStateException("The immediate alerts did not all go out within " + LIMIT);
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
        lastReport = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s   %s orders, %5.1f s: %,d orders consumed, %,d emails, %,d SMS%n", TAG, group, seconds(since), orders, sent, texts);
        // Counted as they arrive; kept, they would only fill this JVM's heap.
        smtp.purgeEmailFromAllMailboxes();
      }
      Thread.sleep(200);
    }
  }

  /** Each person due (staff 0 to due - 1) got exactly one reminder email; nobody else got one. */
  private static void checkOneReminderEmailEach(Receipts emails, int due) {
    Map<String, Integer> received = emails.perRecipient();
    received.forEach(
        (to, count) -> {
          if (count != 1) {
            throw new IllegalStateException(count + " reminder emails to " + to);
          }
        });
    for (int i = 0; i < due; i++) {
      if (!received.containsKey(PersonnelEvents.email(i))) {
        throw new IllegalStateException("No reminder email to " + PersonnelEvents.email(i));
      }
    }
    if (received.size() != due) {
      throw new IllegalStateException(received.size() + " people got a reminder email, of " + due + " due");
    }
  }

  /**
   * The reminders due by T not yet fired, counted up to {@code atMost}: read through the due
   * reminders' own index, and while they fire (every 100 ms) only up to the first one left.
   * (Counting every scheduled reminder took 120 ms of PostgreSQL's CPU at 100,000 pending, a
   * quarter of the machine beside the service being measured.)
   */
  private static long dueLeft(Database database, Instant t, int atMost) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        PreparedStatement statement =
            connection.prepareStatement(
                "select count(*) from (select 1 from reminder where status = 'SCHEDULED' and exercise_mission_id is null and fire_at <= ? limit ?) due")) {
      statement.setTimestamp(1, Timestamp.from(t));
      statement.setInt(2, atMost);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long scheduled(Database database) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from reminder where status = 'SCHEDULED'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void report(Measured measured, RawLimits.Rate raw, int due, int pending) {
    double rate = measured.emailsPerSecond(due);
    System.out.printf(Locale.ROOT, "%n%s %-34s %12s%n", TAG, "what", "figure");
    System.out.printf(Locale.ROOT, "%s %-34s %,12d%n", TAG, "reminders pending", pending);
    System.out.printf(Locale.ROOT, "%s %-34s %,12d%n", TAG, "due at T", due);
    System.out.printf(Locale.ROOT, "%s %-34s %10.1f s%n", TAG, "every due reminder fired after T", measured.allFired());
    System.out.printf(Locale.ROOT, "%s %-34s %10.3f s%n", TAG, "first reminder email after T", measured.firstEmail());
    System.out.printf(Locale.ROOT, "%s %-34s %10.1f s%n", TAG, "last reminder email after T", measured.lastEmail());
    System.out.printf(Locale.ROOT, "%s %-34s %10.1f s%n", TAG, "last reminder SMS after T", measured.lastSms());
    System.out.printf(Locale.ROOT, "%s %-34s %,10.0f/s%n", TAG, "reminder emails to SMTP, from T", rate);
    System.out.printf(Locale.ROOT, "%s %-34s %,10.0f/s  (%s)%n", TAG, "raw SMTP", raw.perSecond(), raw.what());
    System.out.printf(Locale.ROOT, "%s %-34s %,12d%n", TAG, "reminders still scheduled after", measured.stillScheduled());
    System.out.printf(
        Locale.ROOT,
        "%s ratio %.0f %% of raw SMTP (target >= 80 %%); first email %.3f s after T (target <= 1 s); exactly one reminder email each%n",
        TAG, 100 * rate / raw.perSecond(), measured.firstEmail());
    System.out.printf(
        Locale.ROOT,
        "%s machine: %d cores, Java %s, %s%n",
        TAG, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"));
  }

  private static double since(Instant t) {
    return seconds(t, Instant.now());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private ReminderBenchmark() {}
}
