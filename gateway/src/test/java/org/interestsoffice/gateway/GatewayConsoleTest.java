package org.interestsoffice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The admin console's side of the gateway: its pages behind the sign-in, who is signed in, CSRF
 * on changes, 401 for its scripts when the session has ended, and the way out through Keycloak.
 * The sign-in itself, on Keycloak's real page, and /console/session with the real token are
 * tested in system-tests (ConsoleSignInIT).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "spring.security.oauth2.client.provider.keycloak.authorization-uri=https://id.example.org/realms/io/protocol/openid-connect/auth")
// A first request through a fresh context (token decoding, routes) has taken over the default 5 s on two busy cores.
@AutoConfigureWebTestClient(timeout = "PT30S")
class GatewayConsoleTest extends GatewayInFrontOfServices {

  @Autowired WebTestClient client;
  @Autowired ApplicationContext context;

  @Test
  void withoutASessionAPageGoesToSignInAndTheConsolesScriptsGet401() {
    client.get().uri("/console/missions/" + UUID.randomUUID()).accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isFound()
        .expectHeader().location("/oauth2/authorization/keycloak");
    for (String path : new String[] {"/console/api/missions", "/console/session"}) {
      client.get().uri(path).header("X-Requested-With", "XMLHttpRequest").exchange()
          .expectStatus().isUnauthorized()
          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
    assertThat(missions.received()).isEmpty();
  }

  @Test
  void theGatewaysRootSendsANewcomerToTheConsolesSignInWhileTheApiStillAsksForAToken() {
    client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isSeeOther()
        .expectHeader().location("/console/");
    client.get().uri("/console/").accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isFound()
        .expectHeader().location("/oauth2/authorization/keycloak");
    // An API client without a token is not sent to a login page: it gets the problem document.
    for (String path : new String[] {"/api/missions", "/api/", "/api"}) {
      client.get().uri(path).accept(MediaType.APPLICATION_JSON).exchange()
          .expectStatus().isUnauthorized()
          .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
    // Only the root is open, and only to be redirected: anything else there still needs a token.
    client.post().uri("/").exchange().expectStatus().value(status -> assertThat(status).isIn(401, 403));
    assertThat(missions.received()).isEmpty();
  }

  @Test
  void everyAddressOfTheConsoleIsItsPageWithAStrictContentSecurityPolicy() {
    for (String path : new String[] {"/console/", "/console/missions/" + UUID.randomUUID(), "/console/staff", "/console/alerts"}) {
      signedIn("WAS").get().uri(path).exchange()
          .expectStatus().isOk()
          .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
          .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "form-action 'self' https://id.example.org"))
          .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"app\">", "/console/assets/"));
    }
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefusedBeforeReachingAService() {
    signedIn("WAS").post().uri("/console/api/missions/42/rupture").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange()
        .expectStatus().isForbidden();
    signedIn("WAS").post().uri("/console/api/missions/42/rupture").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .cookie("XSRF-TOKEN", "one").header("X-XSRF-TOKEN", "another")
        .exchange()
        .expectStatus().isForbidden();
    assertThat(missions.received()).isEmpty();
  }

  @Test
  void signingOutSendsTheBrowserThroughKeycloaksLogoutBackToTheConsole() {
    signedIn("WAS").post().uri("/logout").cookie("XSRF-TOKEN", "t").header("X-XSRF-TOKEN", "t").exchange()
        .expectStatus().isFound()
        .expectHeader().value("Location", location -> assertThat(location)
            .startsWith("https://id.example.org/realms/io/protocol/openid-connect/logout?client_id=gateway&post_logout_redirect_uri=")
            .contains("/console/&id_token_hint="));
  }

  /** A console session: signed in with OIDC (made by Spring Security's test support, on a mock server). */
  private WebTestClient signedIn(String office) {
    return WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build()
        .mutateWith(mockOidcLogin().idToken(token -> token.claim("preferred_username", office.toLowerCase() + ".head")));
  }
}
