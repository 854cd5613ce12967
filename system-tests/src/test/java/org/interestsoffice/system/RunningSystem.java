package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.interestsoffice.testing.KeycloakServer;
import org.interestsoffice.testing.TestInfrastructure;
import org.interestsoffice.testing.TestRedis;

/**
 * The whole platform as it runs in production, once per test JVM: the real Keycloak realm, a real
 * SMTP server (GreenMail), and the three services and the gateway as separate processes from their
 * packaged jars, against the run's own databases and broker namespace, exporting their traces over
 * OTLP to a collector of the test's own. Stopped with the JVM.
 */
final class RunningSystem {

  private static RunningSystem instance;

  final KeycloakServer keycloak;
  /** How long an alert may go unacknowledged before the office heads are told, in these tests. */
  static final Duration ESCALATION_AFTER = Duration.ofSeconds(20);

  final GreenMail smtp;
  final TraceCollector traces;
  final Path smsCapture;
  final ServiceProcess missions;
  final ServiceProcess personnel;
  final ServiceProcess notifications;
  final ServiceProcess gateway;
  /** The gateway's environment, for a test that starts more instances of it beside {@link #gateway}. */
  final Map<String, String> gatewayEnvironment;
  /** The name of the Redis namespace the gateway keeps console sessions under ({@link TestRedis#namespace}). */
  static final String CONSOLE_SESSIONS = "console";

  private RunningSystem() {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    keycloak = KeycloakServer.get();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    traces = TraceCollector.start();
    Path logs = Path.of("target", "e2e-logs");
    Map<String, String> notificationsEnvironment = withRealm(infrastructure.environment("e2e_notifications"));
    notificationsEnvironment.put("SMTP_HOST", "127.0.0.1");
    notificationsEnvironment.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
    smsCapture = logs.toAbsolutePath().resolve("sms-captured.jsonl");
    try {
      // What an earlier run captured is not this run's (target/ survives between runs).
      Files.deleteIfExists(smsCapture);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    notificationsEnvironment.put("NOTIFICATIONS_DEVELOPMENT_MODE", "true");
    notificationsEnvironment.put("NOTIFICATIONS_SMS_PROVIDER", "capture");
    notificationsEnvironment.put("NOTIFICATIONS_SMS_CAPTURE_FILE", smsCapture.toString());
    // Office heads come from the real realm, read with notifications' own client credentials
    // (the realm's dev-only secret), and hear of an unacknowledged order quickly.
    notificationsEnvironment.put("NOTIFICATIONS_ESCALATION_DIRECTORY", "keycloak");
    notificationsEnvironment.put("NOTIFICATIONS_KEYCLOAK_CLIENT_SECRET", "dev-only-notifications-secret");
    notificationsEnvironment.put("NOTIFICATIONS_ESCALATION_AFTER", ESCALATION_AFTER.toString());
    missions = ServiceProcess.start("missions-service", withRealm(infrastructure.environment("e2e_missions")), logs);
    personnel = ServiceProcess.start("personnel-service", withRealm(infrastructure.environment("e2e_personnel")), logs);
    notifications = ServiceProcess.start("notifications-service", notificationsEnvironment, logs);
    gatewayEnvironment =
        withRealm(
            Map.of(
                "MISSIONS_URL", missions.baseUrl(),
                "PERSONNEL_URL", personnel.baseUrl(),
                "NOTIFICATIONS_URL", notifications.baseUrl(),
                // The tests fire many requests per user; the limit itself is tested in the gateway.
                "GATEWAY_RATE_LIMIT_PER_SECOND", "10000",
                "GATEWAY_RATE_LIMIT_BURST", "10000"));
    // Console sessions in the real Redis, under this run's namespace.
    gatewayEnvironment.putAll(TestRedis.get().environment(CONSOLE_SESSIONS));
    gateway = ServiceProcess.start("gateway", gatewayEnvironment, logs);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "system-stop"));
    Stream.of(missions, personnel, notifications, gateway).forEach(service -> service.awaitReady(Duration.ofMinutes(3)));
  }

  static synchronized RunningSystem get() {
    if (instance == null) {
      instance = new RunningSystem();
    }
    return instance;
  }

  /** The public API through the gateway, as the given demo user of the realm. */
  GatewayClient as(String demoUser) {
    return new GatewayClient(gateway.baseUrl(), keycloak.accessToken(demoUser));
  }

  /** The public API through the gateway, with whatever token (or garbage) the caller brings. */
  GatewayClient withToken(String token) {
    return new GatewayClient(gateway.baseUrl(), token);
  }

  /** The service's environment, accepting the real realm's tokens and exporting its spans to the collector. */
  private Map<String, String> withRealm(Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(keycloak.environment());
    merged.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint());
    // Spans leave in batches; a short delay lets the tests read a trace within seconds.
    merged.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "500ms");
    return merged;
  }

  /** All at once: the test JVM has only seconds to exit, and each service drains gracefully. */
  private void stop() {
    List<ServiceProcess> services = List.of(gateway, notifications, personnel, missions);
    services.forEach(ServiceProcess::requestStop);
    services.forEach(service -> service.awaitStop(Duration.ofSeconds(15)));
    smtp.stop();
    traces.close();
  }
}
