package org.interestsoffice.gateway.console;

import java.net.URI;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebSession;

import reactor.core.publisher.Mono;

/**
 * Signing out of the console ends the Keycloak session too, so that the next person at the
 * browser meets the login page. The gateway tells Keycloak itself (back channel, with the
 * session's refresh token and the gateway's client credentials): no token travels through the
 * browser, not even an ID token in a logout address. Then the gateway session is dropped and the
 * browser goes back to the console, which asks it to sign in.
 */
@Component
public class ConsoleSignOut implements ServerLogoutSuccessHandler {

  private static final Logger log = LoggerFactory.getLogger(ConsoleSignOut.class);
  private static final String REGISTRATION = "keycloak";

  private final ServerOAuth2AuthorizedClientRepository authorizedClients;
  private final WebClient keycloak;
  private final String endSessionUri;
  private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

  ConsoleSignOut(
      ServerOAuth2AuthorizedClientRepository authorizedClients,
      WebClient.Builder webClients,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
    this.authorizedClients = authorizedClients;
    this.keycloak = webClients.build();
    this.endSessionUri = issuer + "/protocol/openid-connect/logout";
  }

  @Override
  public Mono<Void> onLogoutSuccess(WebFilterExchange signOut, Authentication authentication) {
    var exchange = signOut.getExchange();
    Mono<Void> endKeycloakSession =
        authentication == null
            ? Mono.empty()
            : authorizedClients
                .<OAuth2AuthorizedClient>loadAuthorizedClient(REGISTRATION, authentication, exchange)
                .flatMap(client -> endKeycloakSession(client).then(authorizedClients.removeAuthorizedClient(REGISTRATION, authentication, exchange)));
    return endKeycloakSession
        .then(exchange.getSession().flatMap(WebSession::invalidate))
        .then(redirect.sendRedirect(exchange, URI.create("/console/")));
  }

  private Mono<Void> endKeycloakSession(OAuth2AuthorizedClient client) {
    if (client.getRefreshToken() == null) {
      return Mono.empty();
    }
    ClientRegistration registration = client.getClientRegistration();
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("client_id", registration.getClientId());
    form.add("client_secret", registration.getClientSecret());
    form.add("refresh_token", client.getRefreshToken().getTokenValue());
    return keycloak
        .post()
        .uri(endSessionUri)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(form))
        .retrieve()
        .toBodilessEntity()
        .timeout(Duration.ofSeconds(5))
        .then()
        // The gateway session ends regardless; Keycloak's ends by itself when idle.
        .onErrorResume(failure -> {
          log.warn("Keycloak did not confirm the end of the session: {}", failure.toString());
          return Mono.empty();
        });
  }
}
