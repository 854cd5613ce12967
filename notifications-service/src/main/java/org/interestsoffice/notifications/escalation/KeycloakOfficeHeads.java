package org.interestsoffice.notifications.escalation;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * The office heads Keycloak knows: enabled users in the office's group ({@code /offices/CCS}) who
 * hold the {@code office-head} realm role, with their email and {@code locale}. Notifications asks
 * with its own client credentials (client {@code notifications-service}, a service account that may
 * only view users and groups), at the issuer's address or {@code NOTIFICATIONS_KEYCLOAK_URL}, and
 * reuses an answer for {@code notifications.escalation.cache-for}.
 */
@Component
@ConditionalOnProperty(name = "notifications.escalation.directory", havingValue = "keycloak", matchIfMissing = true)
class KeycloakOfficeHeads implements OfficeHeads {

  static final String CLIENT_REGISTRATION = "keycloak-admin";
  private static final String OFFICE_HEAD_ROLE = "office-head";

  private record Cached(List<OfficeHead> heads, Instant until) {}

  private final RestClient keycloak;
  private final EscalationSettings settings;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  KeycloakOfficeHeads(RestClient.Builder builder, EscalationSettings settings, Clock clock, @Value("${platform.security.issuer}") String issuer) {
    String realmUrl = realmUrl(settings.keycloakUrl(), issuer);
    ClientRegistration registration =
        ClientRegistration.withRegistrationId(CLIENT_REGISTRATION)
            .clientId(settings.keycloakClientId())
            .clientSecret(settings.keycloakClientSecret())
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .tokenUri(realmUrl + "/protocol/openid-connect/token")
            .build();
    InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
    OAuth2ClientHttpRequestInterceptor credentials =
        new OAuth2ClientHttpRequestInterceptor(
            new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, new InMemoryOAuth2AuthorizedClientService(registrations)));
    credentials.setClientRegistrationIdResolver(request -> CLIENT_REGISTRATION);
    this.keycloak = builder.baseUrl(realmUrl.replace("/realms/", "/admin/realms/")).requestInterceptor(credentials).build();
    this.settings = settings;
    this.clock = clock;
  }

  /** The realm as this service reaches it: the issuer's realm, at the configured address if there is one. */
  static String realmUrl(URI keycloakUrl, String issuer) {
    if (keycloakUrl == null || keycloakUrl.toString().isBlank()) {
      return issuer;
    }
    String realm = issuer.substring(issuer.indexOf("/realms/"));
    return keycloakUrl.toString().replaceAll("/+$", "") + realm;
  }

  @Override
  public List<OfficeHead> of(String officeCode) {
    Instant now = clock.instant();
    Cached cached = cache.get(officeCode);
    if (cached != null && cached.until().isAfter(now)) {
      return cached.heads();
    }
    List<OfficeHead> heads = ask(officeCode);
    cache.put(officeCode, new Cached(heads, now.plus(settings.cacheFor())));
    return heads;
  }

  private List<OfficeHead> ask(String officeCode) {
    try {
      JsonNode group;
      try {
        group = keycloak.get().uri("/group-by-path/offices/{office}", officeCode).retrieve().body(JsonNode.class);
      } catch (HttpClientErrorException e) {
        if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
          return List.of();
        }
        throw e;
      }
      JsonNode members =
          keycloak.get()
              .uri("/groups/{id}/members?briefRepresentation=false&first=0&max=1000", group.path("id").asString())
              .retrieve()
              .body(JsonNode.class);
      List<OfficeHead> heads = new ArrayList<>();
      for (JsonNode user : members) {
        if (user.path("enabled").asBoolean(false) && user.path("email").isString() && isOfficeHead(user.path("id").asString())) {
          String locale = user.path("attributes").path("locale").path(0).asString("en");
          heads.add(new OfficeHead(user.path("username").asString(), user.path("email").asString(), "es".equals(locale) ? "es" : "en"));
        }
      }
      return List.copyOf(heads);
    } catch (RuntimeException e) {
      throw new OfficeHeadsUnavailable("Keycloak did not say who heads office " + officeCode + ": " + e.getMessage(), e);
    }
  }

  private boolean isOfficeHead(String userId) {
    JsonNode roles = keycloak.get().uri("/users/{id}/role-mappings/realm/composite", userId).retrieve().body(JsonNode.class);
    for (JsonNode role : roles) {
      if (OFFICE_HEAD_ROLE.equals(role.path("name").asString())) {
        return true;
      }
    }
    return false;
  }
}
