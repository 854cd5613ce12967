package org.interestsoffice.gateway.console;

import java.net.URI;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.UriComponentsBuilder;

import reactor.core.publisher.Mono;

/**
 * Signing out of the console ends the Keycloak session too, so that the next person at the
 * browser meets the login page: after dropping its own session, the gateway sends the browser to
 * Keycloak's end-session endpoint (OpenID Connect RP-initiated logout), which clears Keycloak's
 * cookies and sends the browser back to the console. A call from the gateway alone cannot clear
 * those cookies, and Keycloak would sign the browser straight back in.
 *
 * <p>The registration gives Keycloak's endpoints explicitly (the gateway starts without asking
 * Keycloak for its metadata), so the end-session endpoint is the one beside the authorization
 * endpoint, at the address browsers use.
 */
@Component
public class ConsoleSignOut implements ServerLogoutSuccessHandler {

  private final String endSessionUri;
  private final String clientId;
  private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

  ConsoleSignOut(
      @Value("${spring.security.oauth2.client.provider.keycloak.authorization-uri}") String authorizationUri,
      @Value("${spring.security.oauth2.client.registration.keycloak.client-id}") String clientId) {
    this.endSessionUri = authorizationUri.replaceFirst("/auth$", "/logout");
    this.clientId = clientId;
  }

  /** The Keycloak origin browsers are sent to, for the console's Content-Security-Policy. */
  public String keycloakOrigin() {
    URI uri = URI.create(endSessionUri);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Override
  public Mono<Void> onLogoutSuccess(WebFilterExchange signOut, Authentication authentication) {
    var exchange = signOut.getExchange();
    String console = UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replacePath("/console/").replaceQuery(null).build().toUriString();
    // The ID token tells Keycloak whose session to end without asking the user to confirm.
    Optional<String> idToken =
        Optional.ofNullable(authentication).map(Authentication::getPrincipal).filter(OidcUser.class::isInstance)
            .map(user -> ((OidcUser) user).getIdToken().getTokenValue());
    URI endSession =
        UriComponentsBuilder.fromUriString(endSessionUri)
            .queryParam("client_id", clientId)
            .queryParam("post_logout_redirect_uri", console)
            .queryParamIfPresent("id_token_hint", idToken)
            .encode()
            .build()
            .toUri();
    return exchange.getSession().flatMap(WebSession::invalidate).then(redirect.sendRedirect(exchange, endSession));
  }
}
