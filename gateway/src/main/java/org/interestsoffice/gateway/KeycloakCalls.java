package org.interestsoffice.gateway;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoderFactory;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway's own calls to Keycloak during the console's sign-in and session: the code exchange,
 * the token refresh, the user info, and the realm's keys for the ID token. Spring Security's
 * defaults make them without any time limit, so a Keycloak that took a request and never answered
 * would leave the user's browser waiting for ever. Here each call gets a bound: a failure or a
 * silence ends the sign-in as a failed one (Spring Security then sends the browser back to sign in,
 * where Keycloak's session usually lets it straight through), within {@code response-timeout}.
 *
 * <p>The calls have a connection pool of their own: a connection idle for longer than {@code
 * max-idle-time} is closed by the gateway (checked in the background), so that none is reused just as
 * Keycloak or a proxy in between closes it for being idle. A code can be exchanged only once, so a
 * failed exchange is never sent again: Reactor Netty retries a request only when nothing of it was
 * sent, which cannot use the code.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakCalls.Limits.class)
class KeycloakCalls {

  /**
   * @param connectTimeout how long a new connection to Keycloak may take
   * @param responseTimeout how long Keycloak may take to answer one call (and the whole call, the
   *     connection included, in the end)
   * @param maxIdleTime a pooled connection unused for this long is closed (Keycloak's own limit is 30 minutes)
   */
  @ConfigurationProperties("gateway.keycloak")
  record Limits(
      @DefaultValue("2s") Duration connectTimeout, @DefaultValue("15s") Duration responseTimeout, @DefaultValue("20s") Duration maxIdleTime) {}

  private final Limits limits;
  private final WebClient keycloak;

  KeycloakCalls(Limits limits, ConnectionProvider keycloakConnections) {
    this.limits = limits;
    HttpClient http =
        HttpClient.create(keycloakConnections)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(limits.connectTimeout().toMillis()))
            .responseTimeout(limits.responseTimeout());
    this.keycloak = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
  }

  /** Closed with the application context, with its connections. */
  @Bean(destroyMethod = "dispose")
  static ConnectionProvider keycloakConnections(Limits limits) {
    return ConnectionProvider.builder("keycloak")
        .maxConnections(50)
        .pendingAcquireTimeout(limits.responseTimeout())
        .maxIdleTime(limits.maxIdleTime())
        .evictInBackground(limits.maxIdleTime().dividedBy(2))
        .build();
  }

  /** The authorization code for the session's tokens, once. */
  @Bean
  ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> codeExchange() {
    WebClientReactiveAuthorizationCodeTokenResponseClient client = new WebClientReactiveAuthorizationCodeTokenResponseClient();
    client.setWebClient(keycloak);
    return request -> bounded(client.getTokenResponse(request), "exchange the sign-in's code");
  }

  /** A new access token for the session when its own has expired (TokenRelay, the console's session). */
  @Bean
  ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenRefresh() {
    WebClientReactiveRefreshTokenTokenResponseClient client = new WebClientReactiveRefreshTokenTokenResponseClient();
    client.setWebClient(keycloak);
    return request -> bounded(client.getTokenResponse(request), "refresh the session's token");
  }

  /** The signed-in user's claims; Spring Security reports its failures as a failed sign-in. */
  @Bean
  ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> userInfo() {
    DefaultReactiveOAuth2UserService service = new DefaultReactiveOAuth2UserService();
    service.setWebClient(keycloak);
    return request ->
        service.loadUser(request)
            .timeout(overall())
            .onErrorMap(
                TimeoutException.class,
                silence -> new OAuth2AuthenticationException(new OAuth2Error("temporarily_unavailable", "Keycloak did not answer in time with the user's claims", null), silence));
  }

  /**
   * The ID token's checks as Spring Security makes them; the realm's keys, fetched on the first
   * sign-in and when they change, are awaited for a bounded time (a failure is an invalid ID token).
   */
  @Bean
  ReactiveJwtDecoderFactory<ClientRegistration> idTokenDecoders() {
    ReactiveOidcIdTokenDecoderFactory checks = new ReactiveOidcIdTokenDecoderFactory();
    return registration -> {
      ReactiveJwtDecoder decoder = checks.createDecoder(registration);
      return token ->
          decoder.decode(token).timeout(overall(), Mono.error(() -> new JwtException("Keycloak's keys did not come within " + overall())));
    };
  }

  private Mono<OAuth2AccessTokenResponse> bounded(Mono<OAuth2AccessTokenResponse> call, String what) {
    return call.timeout(overall())
        .onErrorMap(
            failure -> !(failure instanceof OAuth2AuthorizationException),
            failure ->
                new OAuth2AuthorizationException(
                    new OAuth2Error(
                        "temporarily_unavailable",
                        (failure instanceof TimeoutException ? "Keycloak did not answer in time" : "Keycloak could not be reached") + " to " + what,
                        null),
                    failure));
  }

  /** The whole call: connecting, then the answer. */
  private Duration overall() {
    return limits.connectTimeout().plus(limits.responseTimeout());
  }
}
