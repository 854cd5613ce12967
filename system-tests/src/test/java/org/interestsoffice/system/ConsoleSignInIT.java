package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.interestsoffice.testing.KeycloakServer;
import org.junit.jupiter.api.Test;

/**
 * The admin console's sign-in, as a browser does it, against the real Keycloak login page:
 * authorization code with PKCE, the session kept by the gateway, the API reached through
 * /console/api with the token relayed by the gateway — and no token ever in the browser.
 */
class ConsoleSignInIT {

  private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final ConsoleBrowserClient browser = new ConsoleBrowserClient();

  @Test
  void anOfficerSignsInOnKeycloaksPageAndUsesTheApiThroughTheSession() throws Exception {
    RunningSystem system = RunningSystem.get();
    URI console = URI.create(system.gateway.baseUrl() + "/console/api/missions");

    HttpResponse<String> notSignedIn = get(URI.create(system.gateway.baseUrl() + "/console/"));
    assertThat(notSignedIn.statusCode()).isEqualTo(302);
    HttpResponse<String> toKeycloak = get(console.resolve(location(notSignedIn)));
    assertThat(toKeycloak.statusCode()).isEqualTo(302);
    URI authorization = URI.create(location(toKeycloak));
    assertThat(authorization.toString()).startsWith(system.keycloak.issuer() + "/protocol/openid-connect/auth");
    assertThat(authorization.getQuery()).contains("client_id=gateway", "response_type=code", "code_challenge_method=S256").contains("code_challenge=");

    HttpResponse<String> loginPage = get(authorization);
    assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
    Matcher form = LOGIN_FORM.matcher(loginPage.body());
    assertThat(form.find()).as("Keycloak's login form").isTrue();
    HttpResponse<String> signedIn =
        post(URI.create(form.group(1).replace("&amp;", "&")),
            "username=ccs.officer&password=" + URLEncoder.encode(KeycloakServer.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&credentialId=");
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    URI callback = URI.create(location(signedIn));
    assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/keycloak");

    HttpResponse<String> codeExchanged = get(callback);
    assertThat(codeExchanged.statusCode()).isEqualTo(302);
    assertThat(location(codeExchanged)).as("signed in, back to the console").contains("/console/");
    HttpResponse<String> missions = get(console);
    assertThat(missions.statusCode()).as(missions.body()).isEqualTo(200);
    assertThat(missions.body()).startsWith("[");
    // Who is signed in, as the console shows it: read from the session's token, without the token.
    HttpResponse<String> session = get(URI.create(system.gateway.baseUrl() + "/console/session"));
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    assertThat(session.body())
        .contains("\"username\":\"ccs.officer\"", "\"name\":\"Olivia Officer\"", "\"offices\":[\"CCS\"]", "\"roles\":[\"office-officer\"]");

    // The API behind the session follows the gateway's table of roles: an officer may not declare a
    // rupture, refused at the gateway (403) before missions could even say the mission is unknown (404).
    String csrf = browser.cookiesOf(console).get("XSRF-TOKEN");
    assertThat(csrf).as("the CSRF cookie the console reads").isNotBlank();
    URI rupture = URI.create(system.gateway.baseUrl() + "/console/api/missions/" + java.util.UUID.randomUUID() + "/rupture");
    HttpResponse<String> refused =
        send(rupture, HttpRequest.newBuilder(rupture).header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("Your role may not do this");
    URI staff = URI.create(system.gateway.baseUrl() + "/console/api/staff");
    HttpResponse<String> allowed =
        send(staff, HttpRequest.newBuilder(staff).header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(allowed.statusCode()).as("an officer may register staff: the service validates the body").isEqualTo(400);

    // The browser holds a session cookie for the gateway, never a token: not in a cookie, not in a body.
    Map<String, String> gatewayCookies = browser.cookiesOf(console);
    assertThat(gatewayCookies).containsKey("SESSION");
    gatewayCookies.forEach((name, value) -> assertThat(value).as(name).doesNotContain("eyJ"));
    for (HttpResponse<String> response : new HttpResponse[] {notSignedIn, toKeycloak, codeExchanged, missions, session}) {
      assertThat(response.body()).doesNotContain("eyJ");
    }

    // /api/** stands on the token alone: the session cookie the browser sends there too is no
    // sign-in (that API takes no CSRF token). It was taken as one until 7 December, and the request
    // then refused only because a console sign-in carries no realm roles (403 instead of 401).
    HttpResponse<String> cookieOnly = get(URI.create(system.gateway.baseUrl() + "/api/missions"));
    assertThat(cookieOnly.statusCode()).as(cookieOnly.body()).isEqualTo(401);
  }

  @Test
  void withoutASessionTheConsoleSendsTheBrowserToSignInAndItsApiAnswers401() throws Exception {
    String gateway = RunningSystem.get().gateway.baseUrl();
    HttpResponse<String> page = get(URI.create(gateway + "/console/missions/" + java.util.UUID.randomUUID()));
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(location(page)).contains("/oauth2/authorization/keycloak");

    // The console's scripts cannot follow a redirect to a login page: they get 401 and reload into it.
    for (String path : new String[] {"/console/api/staff", "/console/session"}) {
      HttpResponse<String> api = get(URI.create(gateway + path));
      assertThat(api.statusCode()).as(path).isEqualTo(401);
      assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return browser.get(uri);
  }

  private HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
    return browser.post(uri, form);
  }

  private HttpResponse<String> send(URI uri, HttpRequest.Builder request) throws IOException, InterruptedException {
    return browser.send(uri, request);
  }

  private static String location(HttpResponse<?> response) {
    return ConsoleBrowserClient.location(response);
  }
}
