package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.interestsoffice.testing.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances on one Redis, as behind a load balancer without cookie affinity: the
 * console session (and the tokens of its sign-in) that one instance made serves on the other, a
 * restart of an instance keeps it, and signing out on one ends it on all. The sign-in is the real
 * one, on Keycloak's login page; the sessions are in the real Redis under the run's namespace.
 */
class SharedConsoleSessionsIT {

  private final ConsoleBrowserClient browser = new ConsoleBrowserClient();

  @Test
  void aSessionMadeOnOneInstanceServesOnEveryInstanceOutlivesARestartAndEndsEverywhereOnSigningOut() throws Exception {
    RunningSystem system = RunningSystem.get();
    Path logs = Path.of("target", "e2e-logs");
    int secondPort = ServiceProcess.freePort();
    ServiceProcess second = ServiceProcess.start("gateway", "gateway-second", secondPort, system.gatewayEnvironment, logs);
    try {
      second.awaitReady(Duration.ofMinutes(3));
      String first = system.gateway.baseUrl();

      // Signed in through the second instance: Keycloak sends the browser back there with the code.
      browser.signIn(second.baseUrl(), "ccs.officer");
      String session = browser.cookiesOf(URI.create(second.baseUrl())).get("SESSION");
      assertThat(session).as("the console's session cookie").isNotBlank();
      String key = TestRedis.get().namespace(RunningSystem.CONSOLE_SESSIONS) + ":sessions:" + session;
      assertThat(TestRedis.get().keys(key)).as("the session is in Redis, under the run's namespace").containsExactly(key);

      // The first instance never saw the sign-in; with the same cookie the person is signed in there.
      browser.cookiesOf(URI.create(first)).put("SESSION", session);
      assertSignedInAsTheOfficer(first);

      // The instance that made the session restarts (a rollout): nothing of it was in its memory.
      second.close();
      second = ServiceProcess.start("gateway", "gateway-second", secondPort, system.gatewayEnvironment, logs);
      second.awaitReady(Duration.ofMinutes(3));
      assertSignedInAsTheOfficer(second.baseUrl());

      // Signing out on the first instance ends the session on both.
      URI signOut = URI.create(first + "/logout");
      String csrf = browser.cookiesOf(signOut).get("XSRF-TOKEN");
      assertThat(csrf).as("the CSRF cookie the console reads").isNotBlank();
      HttpResponse<String> signedOut =
          browser.send(signOut, HttpRequest.newBuilder(signOut).header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(302);
      assertThat(ConsoleBrowserClient.location(signedOut)).as("on to Keycloak's end of session").contains("/protocol/openid-connect/logout");
      assertThat(TestRedis.get().keys(key)).as("the session is gone from Redis").isEmpty();
      for (String instance : new String[] {first, second.baseUrl()}) {
        // The same cookie as before, whatever the sign-out told the browser: the session is over.
        browser.cookiesOf(URI.create(instance)).put("SESSION", session);
        HttpResponse<String> after = browser.get(URI.create(instance + "/console/session"));
        assertThat(after.statusCode()).as(instance + ": " + after.body()).isEqualTo(401);
        HttpResponse<String> api = browser.get(URI.create(instance + "/console/api/missions"));
        assertThat(api.statusCode()).as(instance + ": " + api.body()).isEqualTo(401);
      }
    } finally {
      second.close();
    }
  }

  /** Who is signed in, and the API with the session's token relayed to missions, through this instance. */
  private void assertSignedInAsTheOfficer(String gateway) throws IOException, InterruptedException {
    HttpResponse<String> who = browser.get(URI.create(gateway + "/console/session"));
    assertThat(who.statusCode()).as(gateway + ": " + who.body()).isEqualTo(200);
    assertThat(who.body()).contains("\"username\":\"ccs.officer\"", "\"offices\":[\"CCS\"]");
    HttpResponse<String> missions = browser.get(URI.create(gateway + "/console/api/missions"));
    assertThat(missions.statusCode()).as(gateway + ": " + missions.body()).isEqualTo(200);
    assertThat(missions.body()).startsWith("[");
  }
}
