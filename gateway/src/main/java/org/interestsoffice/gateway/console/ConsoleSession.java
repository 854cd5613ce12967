package org.interestsoffice.gateway.console;

import java.util.List;
import java.util.Objects;

import org.interestsoffice.gateway.RealmRoles;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Tells the console who is signed in: name, offices and roles, read from the access token the
 * session holds (the one relayed to the services, refreshed when it has expired), validated like
 * any token the gateway accepts. The token itself never leaves the gateway.
 */
@RestController
class ConsoleSession {

  private final ReactiveJwtDecoder tokens;

  ConsoleSession(ReactiveJwtDecoder tokens) {
    this.tokens = tokens;
  }

  /**
   * @param name the person's display name (given and family name), else the user name
   * @param offices office codes the user belongs to; empty for a ministry administrator, who sees every office
   * @param roles the platform's roles held ({@code ministry-admin}, {@code office-head}, ...)
   */
  record SignedIn(String username, String name, List<String> offices, List<String> roles) {}

  @GetMapping("/console/session")
  Mono<SignedIn> session(@RegisteredOAuth2AuthorizedClient("keycloak") OAuth2AuthorizedClient client) {
    return tokens.decode(client.getAccessToken().getTokenValue()).map(ConsoleSession::signedIn);
  }

  static SignedIn signedIn(Jwt token) {
    String username = Objects.requireNonNullElse(token.getClaimAsString("preferred_username"), token.getSubject());
    String name = Objects.requireNonNullElse(token.getClaimAsString("name"), username);
    List<String> offices = Objects.requireNonNullElse(token.getClaimAsStringList("offices"), List.of());
    return new SignedIn(username, name, offices.stream().sorted().toList(), platformRoles(token));
  }

  private static final List<String> PLATFORM_ROLES = List.of("ministry-admin", "office-head", "office-officer", "office-viewer");

  /** Only the platform's roles: Keycloak adds its own (offline_access, default roles) that mean nothing here. */
  private static List<String> platformRoles(Jwt token) {
    List<String> roles = RealmRoles.in(token.getClaims());
    return PLATFORM_ROLES.stream().filter(roles::contains).toList();
  }
}
