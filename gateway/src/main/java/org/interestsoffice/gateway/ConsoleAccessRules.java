package org.interestsoffice.gateway;

import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.authorization.AuthorizationContext;

import reactor.core.publisher.Mono;

/**
 * {@link AccessRules} for the console's calls: {@code /console/api/x} is the public {@code /api/x}
 * behind the session, so the same deny-by-default table applies, with the roles of the access token
 * the session holds (the one relayed to the services). That token came to the gateway from Keycloak
 * over its own back channel and never left it, so its claims are read here as they are; the
 * services still validate it in full when it is relayed.
 */
final class ConsoleAccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

  static final String PREFIX = "/console";

  private final ServerOAuth2AuthorizedClientRepository sessions;

  ConsoleAccessRules(ServerOAuth2AuthorizedClientRepository sessions) {
    this.sessions = sessions;
  }

  @Override
  public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
    ServerHttpRequest request = context.getExchange().getRequest();
    String path = request.getPath().pathWithinApplication().value();
    Optional<AccessRules.Rule> rule = path.startsWith(PREFIX) ? AccessRules.ruleFor(request.getMethod(), path.substring(PREFIX.length())) : Optional.empty();
    if (rule.isEmpty()) {
      return Mono.just(new AuthorizationDecision(false));
    }
    return authentication
        .filter(Authentication::isAuthenticated)
        .flatMap(caller -> sessions.<OAuth2AuthorizedClient>loadAuthorizedClient("keycloak", caller, context.getExchange()))
        .map(client -> rolesIn(client.getAccessToken().getTokenValue()))
        .map(roles -> (AuthorizationResult) new AuthorizationDecision(roles.stream().anyMatch(rule.get().roles()::contains)))
        .defaultIfEmpty(new AuthorizationDecision(false));
  }

  static Set<String> rolesIn(String accessToken) {
    try {
      return Set.copyOf(RealmRoles.in(JWTParser.parse(accessToken).getJWTClaimsSet().getClaims()));
    } catch (ParseException e) {
      return Set.of();
    }
  }
}
