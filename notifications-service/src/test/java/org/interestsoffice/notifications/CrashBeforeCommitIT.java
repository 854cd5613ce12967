package org.interestsoffice.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.interestsoffice.notifications.personnel.StaffMember.aDiplomat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interestsoffice.notifications.fixtures.AnotherInstance;
import org.interestsoffice.notifications.fixtures.SmsProviderServer;
import org.interestsoffice.notifications.fixtures.SmsProviderServer.Hang;
import org.interestsoffice.notifications.fixtures.SmsProviderServer.SmsRequest;
import org.interestsoffice.notifications.personnel.Personnel;
import org.interestsoffice.notifications.personnel.StaffMember;
import org.interestsoffice.platform.messaging.MessagingNames;
import org.interestsoffice.platform.messaging.MessagingProperties;
import org.interestsoffice.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one window the dispatcher leaves, played for real: the packaged service, in a JVM of its own,
 * hands an SMS to the provider (a real HTTP server that deduplicates by Idempotency-Key) and is
 * killed with SIGKILL while it waits for the answer, before the commit that would mark the alert
 * sent. Restarted on the same database and broker, it sends the alert again: the same message
 * under the same key, which the provider recognises and does not send a second time; and the link
 * in the one message the person got acknowledges.
 *
 * <p>The service runs on a database and broker namespace of its own, so the shared test instance
 * never claims its alerts; SMS only, so the one transaction in flight at the kill is the SMS's.
 */
@NotificationsServiceUnderTest
class CrashBeforeCommitIT {

  private static final Pattern LINK = Pattern.compile("https://alerts\\.interests-office\\.example(/ack/[A-Za-z0-9_-]{43})");

  @Autowired ConfigurableEnvironment environment;
  @Autowired RabbitTemplate rabbit;
  @Autowired JsonMapper json;
  @Autowired SmsProviderServer provider;

  @Test
  void anSmsTakenByTheProviderBeforeTheServiceWasKilledIsSentAgainUnderTheSameKeyAndReachesThePersonOnce() throws Exception {
    Map<String, String> database = TestInfrastructure.get().springProperties("notifications_crash");
    String namespace = TestInfrastructure.get().messagingNamespace() + "crash";
    JdbcClient crashDatabase =
        JdbcClient.create(
            new DriverManagerDataSource(
                database.get("spring.datasource.url"), database.get("spring.datasource.username"), database.get("spring.datasource.password")));
    Personnel personnel = new Personnel(rabbit, json, new MessagingNames(new MessagingProperties(namespace, null, "", null, null)), crashDatabase);
    StaffMember jane = aDiplomat();
    Hang hang = provider.takeAndHang(jane.phone());

    Service crashing = Service.start("crashing", settings(database, namespace, "crashing"));
    try {
      crashing.awaitReady();
      personnel.registers(jane);
      personnel.ordersDeparture(jane, Instant.now().plus(Duration.ofHours(72)));
      hang.awaitArrival(Duration.ofSeconds(60));
      // The provider has the message; the service waits for its answer, its transaction open.
      crashing.kill();
    } finally {
      hang.release();
      crashing.kill();
    }
    assertThat(statusOfTheSms(crashDatabase, jane)).as("the commit never came").isEqualTo("QUEUED");
    assertThat(provider.requestsTo(jane.phone())).hasSize(1);

    Service restarted = Service.start("restarted", settings(database, namespace, "restarted"));
    try {
      restarted.awaitReady();
      await().atMost(Duration.ofSeconds(60)).until(() -> statusOfTheSms(crashDatabase, jane).equals("SENT"));

      List<SmsRequest> requests = provider.requestsTo(jane.phone());
      assertThat(requests).hasSize(2);
      assertThat(requests.get(1).idempotencyKey()).as("the same key").isEqualTo(requests.get(0).idempotencyKey());
      assertThat(requests.get(1).text()).as("the same message, link included").isEqualTo(requests.get(0).text());
      assertThat(requests.get(1).duplicate()).isTrue();
      assertThat(provider.sentTo(jane.phone())).as("messages the person got").hasSize(1);
      String sentBy =
          crashDatabase.sql("select sent_by from alert where staff_id = :id and channel = 'SMS'").param("id", jane.staffId()).query(String.class).single();
      assertThat(sentBy).isEqualTo("restarted");

      // The link in the message the person got, sent by the instance that was killed, works.
      HttpResponse<String> confirmed = restarted.post(linkIn(requests.get(0).text()));
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
      assertThat(confirmed.body()).contains("Your confirmation has been recorded");
    } finally {
      restarted.stop();
    }
  }

  private static String statusOfTheSms(JdbcClient database, StaffMember member) {
    return database.sql("select status from alert where staff_id = :id and channel = 'SMS'")
        .param("id", member.staffId())
        .query(String.class)
        .optional()
        .orElse("none");
  }

  private static String linkIn(String text) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("an acknowledgement link in %s", text).isTrue();
    return link.group(1);
  }

  /** The shared test instance's settings (infrastructure, servers, test properties), on the crash database and namespace. */
  private Map<String, String> settings(Map<String, String> database, String namespace, String name) {
    Map<String, String> settings = AnotherInstance.testSettings(environment);
    settings.remove("server.port");
    settings.putAll(database);
    settings.put("platform.messaging.namespace", namespace);
    settings.put("notifications.alerts.channels", "SMS");
    settings.put("notifications.instance-name", name);
    return settings;
  }

  /** The packaged service in a JVM of its own. */
  private record Service(String name, Process process, int port) {

    static Service start(String name, Map<String, String> settings) throws IOException {
      int port = freePort();
      List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-jar", jar().toString()));
      settings.forEach((key, value) -> command.add("--" + key + "=" + value));
      command.add("--server.port=" + port);
      Path log = Path.of("target", "crash-before-commit-" + name + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Service(name, process, port);
    }

    void awaitReady() {
      HttpClient http = HttpClient.newHttpClient();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                assertThat(process.isAlive()).as("%s exited while starting (see target/crash-before-commit-%s.log)", name, name).isTrue();
                try {
                  return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200;
                } catch (IOException e) {
                  return false;
                }
              });
    }

    /** SIGKILL: no shutdown hook, no graceful stop, the open transaction is simply cut off. */
    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Accept", "text/html")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }

    private static Path jar() throws IOException {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "notifications-service-*.jar")) {
        for (Path jar : jars) {
          return jar;
        }
      }
      throw new IllegalStateException("No packaged service in target/: run through Maven's verify, which packages it before the integration tests");
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
