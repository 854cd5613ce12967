package org.interestsoffice.platform.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is a resource server: it validates the access token itself (issuer, signature,
 * expiry and its own audience, configured in platform-defaults.yml) and denies by default. Only
 * health, info, metrics, the OpenAPI description (it describes the API, it holds no data) and the
 * service's declared public paths are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformSecurityConfiguration {

  @Bean
  SecurityFilterChain platformSecurity(HttpSecurity http, SecurityProperties properties, JsonMapper json) throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    http
        // Bearer tokens only, no cookies: there is no session to forge requests against.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests -> {
              requests
                  .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                  .permitAll();
              requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").permitAll();
              if (!properties.publicPaths().isEmpty()) {
                requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
              }
              requests.requestMatchers("/error").permitAll();
              requests.anyRequest().authenticated();
            })
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakTokenConverter()))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }
}
