package org.interestsoffice.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * Who may use which route, refused here before anything reaches a service (design §4). Deny by
 * default: a method and path not listed is refused to everyone. The services still check office
 * scope on every object, which the gateway cannot know.
 */
final class AccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

  static final String ADMIN = "ministry-admin";
  static final String HEAD = "office-head";
  static final String OFFICER = "office-officer";
  static final String VIEWER = "office-viewer";

  private static final Set<String> ANYONE = Set.of(ADMIN, HEAD, OFFICER, VIEWER);
  private static final Set<String> HEADS = Set.of(ADMIN, HEAD);
  private static final Set<String> STAFF_WRITERS = Set.of(ADMIN, HEAD, OFFICER);
  private static final Set<String> ADMINS = Set.of(ADMIN);

  record Rule(HttpMethod method, PathPattern path, Set<String> roles) {}

  static final List<Rule> RULES =
      List.of(
          rule(HttpMethod.GET, "/api/offices", ANYONE),
          rule(HttpMethod.GET, "/api/offices/{code}", ANYONE),
          rule(HttpMethod.POST, "/api/offices", ADMINS),
          rule(HttpMethod.GET, "/api/missions", ANYONE),
          rule(HttpMethod.POST, "/api/missions", HEADS),
          rule(HttpMethod.GET, "/api/missions/{id}", ANYONE),
          rule(
              HttpMethod.POST,
              "/api/missions/{id}/{event:rupture|negotiation|agreement|cessation|closure|protecting-power|staff-ceiling|persona-non-grata|restoration}",
              HEADS),
          rule(HttpMethod.POST, "/api/missions/{id}/protecting-power/{change:consent|termination}", HEADS),
          rule(HttpMethod.POST, "/api/missions/{id}/case-clock", HEADS),
          rule(HttpMethod.GET, "/api/missions/{id}/protecting-power", ANYONE),
          rule(HttpMethod.POST, "/api/missions/{id}/notes", HEADS),
          rule(HttpMethod.POST, "/api/missions/{id}/deadlines/{deadline}/{change:extension|suspension|reissue}", HEADS),
          rule(HttpMethod.GET, "/api/missions/{id}/{view:deadlines|timeline|notes|accountability|alert-progress}", ANYONE),
          rule(HttpMethod.GET, "/api/staff", ANYONE),
          rule(HttpMethod.POST, "/api/staff", STAFF_WRITERS),
          rule(HttpMethod.GET, "/api/staff/{id}", ANYONE),
          rule(HttpMethod.PATCH, "/api/staff/{id}", STAFF_WRITERS),
          rule(HttpMethod.POST, "/api/staff/{id}/remaining-designation", HEADS),
          rule(HttpMethod.DELETE, "/api/staff/{id}/remaining-designation", HEADS),
          rule(HttpMethod.POST, "/api/staff/{id}/departure", STAFF_WRITERS),
          rule(HttpMethod.GET, "/api/departure-groups", ANYONE),
          rule(HttpMethod.GET, "/api/departure-groups/{id}", ANYONE),
          rule(HttpMethod.POST, "/api/departure-groups", HEADS),
          rule(HttpMethod.POST, "/api/departure-groups/{id}/{action:members|departure}", HEADS),
          rule(HttpMethod.GET, "/api/alerts", ANYONE),
          rule(HttpMethod.GET, "/api/alerts/{id}", ANYONE),
          rule(HttpMethod.GET, "/api/dead-letters", ADMINS),
          rule(HttpMethod.POST, "/api/dead-letters/{id}/redrive", ADMINS),
          // Dead letters per service (routes dead-letters-*): /api/dead-letters/<service>/...
          rule(HttpMethod.GET, "/api/dead-letters/{service:missions|personnel|notifications}", ADMINS),
          rule(HttpMethod.POST, "/api/dead-letters/{service:missions|personnel|notifications}/{id}/redrive", ADMINS));

  private static Rule rule(HttpMethod method, String path, Set<String> roles) {
    return new Rule(method, PathPatternParser.defaultInstance.parse(path), roles);
  }

  static Optional<Rule> ruleFor(HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return RULES.stream().filter(rule -> rule.method().equals(method) && rule.path().matches(container)).findFirst();
  }

  @Override
  public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
    var request = context.getExchange().getRequest();
    Optional<Rule> rule = ruleFor(request.getMethod(), request.getPath().pathWithinApplication().value());
    if (rule.isEmpty()) {
      return Mono.just(new AuthorizationDecision(false));
    }
    return authentication
        .filter(Authentication::isAuthenticated)
        .map(caller -> new AuthorizationDecision(hasAnyRole(caller.getAuthorities(), rule.get().roles())))
        .cast(AuthorizationResult.class)
        .defaultIfEmpty(new AuthorizationDecision(false));
  }

  private static boolean hasAnyRole(Collection<? extends GrantedAuthority> authorities, Set<String> roles) {
    return authorities.stream().map(GrantedAuthority::getAuthority).anyMatch(authority -> roles.contains(authority.replaceFirst("^ROLE_", "")));
  }
}
