package org.interestsoffice.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.interestsoffice.gateway.console.ConsoleSignOut;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The gateway validates access tokens itself, against the realm's keys (fetched once and cached,
 * no call to Keycloak per request), and applies {@link AccessRules} before routing. The token goes
 * on to the service unchanged, which validates it again and enforces office scope.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

  private static final Logger audit = LoggerFactory.getLogger("audit");

  /**
   * The admin console signs in here: authorization code with PKCE against Keycloak's login page,
   * the session held by the gateway, and {@code /console/api/**} relayed to the services with the
   * session's access token (TokenRelay). The browser never holds a token, only the session cookie.
   */
  @Bean
  @Order(1)
  SecurityWebFilterChain consoleSignIn(
      ServerHttpSecurity http,
      ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository sessions,
      ConsoleSignOut signOut) {
    DefaultServerOAuth2AuthorizationRequestResolver withPkce = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
    withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    return http
        .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/", "/console/**", "/oauth2/**", "/login/**", "/logout"))
        .authorizeExchange(
            exchanges ->
                exchanges
                    // The gateway's root only sends the browser on to the console, which signs in.
                    .pathMatchers(HttpMethod.GET, "/")
                    .permitAll()
                    // The API behind the session: the same table of who may do what as /api/**.
                    .pathMatchers("/console/api/**")
                    .access(new ConsoleAccessRules(sessions))
                    .anyExchange()
                    .authenticated())
        .oauth2Login(
            login ->
                login
                    .authorizationRequestResolver(withPkce)
                    // Back to where the browser was going, else to the console's start page.
                    .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/console/")))
        // The console's scripts ask with fetch: when the session has ended they get 401 (and keep
        // what the user typed, then reload into the sign-in); a page request goes to sign in.
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(consoleEntryPoint())
                    .accessDeniedHandler((exchange, denied) -> problem(exchange, HttpStatus.FORBIDDEN, "Your role may not do this")))
        .logout(logout -> logout.logoutSuccessHandler(signOut))
        // A cookie session can be ridden by another site: changes need the CSRF token the
        // console reads from the XSRF-TOKEN cookie and sends back in the X-XSRF-TOKEN header (or
        // the _csrf field of the sign-out form). The token is compared as sent: it is never
        // written into a page, so there is nothing for BREACH-style masking to protect.
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                                + " form-action 'self' " + signOut.keycloakOrigin() + "; frame-ancestors 'none'; base-uri 'none'")))
        .build();
  }

  private static ServerAuthenticationEntryPoint consoleEntryPoint() {
    ServerWebExchangeMatcher scripts = ServerWebExchangeMatchers.pathMatchers("/console/api/**", "/console/session");
    DelegatingServerAuthenticationEntryPoint entryPoint =
        new DelegatingServerAuthenticationEntryPoint(
            new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                scripts, (exchange, failure) -> problem(exchange, HttpStatus.UNAUTHORIZED, "Your console session has ended: sign in again")));
    entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/keycloak"));
    return entryPoint;
  }

  /**
   * The CSRF token is made lazily; the console needs its cookie before its first change, so every
   * response of the console's chain sends it (a no-op where the chain has no CSRF protection).
   */
  @Bean
  WebFilter consoleCsrfCookie() {
    return (exchange, chain) -> {
      Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
      return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
    };
  }

  @Bean
  @Order(2)
  SecurityWebFilterChain accessControl(ServerHttpSecurity http, GatewaySettings settings, Environment environment) {
    return http
        // Bearer tokens only for the API: no cookie session to forge requests against.
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        // Stateless: each request stands on its token. Without these, every API request looked up a
        // web session (for a saved security context and a saved request) that it never has, and that
        // lookup moved the rest of the request onto Reactor's parallel threads: a third of the
        // gateway's CPU samples under bin/gateway-benchmark ran there.
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        // Before authentication, so that a browser's preflight (no token) gets its answer.
        .cors(cors -> cors.configurationSource(corsFor(settings.corsAllowedOrigins())))
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .authorizeExchange(
            exchanges ->
                exchanges
                    // The liveness and readiness probes on the public port (no details).
                    .pathMatchers(HttpMethod.GET, "/livez", "/readyz")
                    .permitAll()
                    // The actuator itself answers only on the management port, which is not exposed
                    // (management.server.port): there, health, info and Prometheus need no token.
                    .matchers(
                        new AndServerWebExchangeMatcher(
                            onManagementPort(environment),
                            ServerWebExchangeMatchers.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")))
                    .permitAll()
                    // The acknowledgement link works without signing in; its token is the credential.
                    .pathMatchers("/ack/**")
                    .permitAll()
                    // The SMS provider's delivery reports and inbound messages (replies to alerts):
                    // notifications checks the provider's shared key.
                    .pathMatchers(HttpMethod.POST, "/sms/delivery-reports", "/sms/inbound")
                    .permitAll()
                    // API documentation is not secret: the services' descriptions and their viewer.
                    .pathMatchers(HttpMethod.GET, "/api-docs/*", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                    .permitAll()
                    .anyExchange()
                    .access(new AccessRules()))
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(keycloakRoles())))
                    .authenticationEntryPoint((exchange, failure) -> problem(exchange, HttpStatus.UNAUTHORIZED, "A valid access token is required"))
                    .accessDeniedHandler((exchange, denied) -> problem(exchange, HttpStatus.FORBIDDEN, "You may not do this")))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint((exchange, failure) -> problem(exchange, HttpStatus.UNAUTHORIZED, "A valid access token is required"))
                    .accessDeniedHandler((exchange, denied) -> problem(exchange, HttpStatus.FORBIDDEN, "You may not do this")))
        .build();
  }

  /**
   * No spans or timers of Spring Security's own: by default it observes every filter of each chain
   * and every authentication and authorization, which made observations the largest share of the
   * gateway's CPU per request (a flight recording under {@code bin/gateway-benchmark}). A request's
   * trace keeps the gateway's span of the request and its call to the service; refusals are in the
   * audit log.
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** Each access token is validated once, then remembered until it expires ({@link ValidatedTokens}). */
  @Bean
  static BeanPostProcessor rememberValidatedTokens() {
    return ValidatedTokens.wrappingTheDecoder();
  }

  /** A request that came in on the actuator's own port (never the public one). */
  private static ServerWebExchangeMatcher onManagementPort(Environment environment) {
    return exchange -> {
      Integer managementPort = environment.getProperty("local.management.port", Integer.class);
      var local = exchange.getRequest().getLocalAddress();
      boolean there = managementPort != null && local != null && local.getPort() == managementPort;
      return there ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    };
  }

  /** Only the configured frontends may call the API from a browser; none by default. */
  private static CorsConfigurationSource corsFor(List<String> allowedOrigins) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(allowedOrigins);
    cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", CorrelationIdFilter.HEADER));
    cors.setExposedHeaders(List.of(CorrelationIdFilter.HEADER, "Location", "Retry-After"));
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", cors);
    return source;
  }

  /** Realm roles ({@code realm_access.roles}) become authorities; the user name is the principal. */
  private static JwtAuthenticationConverter keycloakRoles() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName("preferred_username");
    converter.setJwtGrantedAuthoritiesConverter(
        jwt -> RealmRoles.in(jwt.getClaims()).stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList());
    return converter;
  }

  /** Refusals leave the gateway as RFC 9457 problem details, like the services' own. */
  private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
    String path = exchange.getRequest().getPath().value();
    RequestTrace.log(
        exchange,
        () ->
            audit.atWarn()
                .addKeyValue("audit", status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "refused")
                .addKeyValue("method", exchange.getRequest().getMethod().name())
                .addKeyValue("path", path)
                .addKeyValue("correlationId", Objects.toString(exchange.getAttribute(CorrelationIdFilter.ATTRIBUTE), "-"))
                .log("Gateway refused {} {}: {}", exchange.getRequest().getMethod(), path, status.getReasonPhrase()));
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED && !path.startsWith("/console/")) {
      response.getHeaders().set("WWW-Authenticate", "Bearer");
    }
    String body =
        "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"instance\":\"%s\"}"
            .formatted(status.getReasonPhrase(), status.value(), detail, path.replace("\"", "%22"));
    DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }
}
