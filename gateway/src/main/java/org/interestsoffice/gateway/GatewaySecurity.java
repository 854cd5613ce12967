package org.interestsoffice.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
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

  @Bean
  SecurityWebFilterChain accessControl(ServerHttpSecurity http) {
    return http
        // Bearer tokens only for the API: no cookie session to forge requests against.
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                    .permitAll()
                    // The acknowledgement link works without signing in; its token is the credential.
                    .pathMatchers("/ack/**")
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

  /** Realm roles ({@code realm_access.roles}) become authorities; the user name is the principal. */
  private static JwtAuthenticationConverter keycloakRoles() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName("preferred_username");
    converter.setJwtGrantedAuthoritiesConverter(new RealmRoles());
    return converter;
  }

  private static final class RealmRoles implements Converter<Jwt, Collection<GrantedAuthority>> {
    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
      Map<String, Object> access = jwt.getClaimAsMap("realm_access");
      if (access == null || !(access.get("roles") instanceof List<?> roles)) {
        return List.of();
      }
      return roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
  }

  /** Refusals leave the gateway as RFC 9457 problem details, like the services' own. */
  private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
    String path = exchange.getRequest().getPath().value();
    audit.atWarn()
        .addKeyValue("audit", status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "refused")
        .addKeyValue("method", exchange.getRequest().getMethod().name())
        .addKeyValue("path", path)
        .addKeyValue("correlationId", Objects.toString(exchange.getAttribute(CorrelationIdFilter.ATTRIBUTE), "-"))
        .log("Gateway refused {} {}: {}", exchange.getRequest().getMethod(), path, status.getReasonPhrase());
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set("WWW-Authenticate", "Bearer");
    }
    String body =
        "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"instance\":\"%s\"}"
            .formatted(status.getReasonPhrase(), status.value(), detail, path.replace("\"", "%22"));
    DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }
}
