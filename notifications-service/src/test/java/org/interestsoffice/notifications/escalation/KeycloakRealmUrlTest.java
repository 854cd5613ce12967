package org.interestsoffice.notifications.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Where notifications reaches the realm for office heads: the issuer's address, unless told otherwise. */
class KeycloakRealmUrlTest {

  private static final String ISSUER = "http://localhost:8180/realms/interests-office";

  @Test
  void withoutAnAddressOfItsOwnTheServiceUsesTheIssuer() {
    assertThat(KeycloakOfficeHeads.realmUrl(null, ISSUER)).isEqualTo(ISSUER);
    assertThat(KeycloakOfficeHeads.realmUrl(URI.create(""), ISSUER)).isEqualTo(ISSUER);
  }

  @Test
  void insideANetworkTheSameRealmIsReachedAtTheServicesOwnAddress() {
    assertThat(KeycloakOfficeHeads.realmUrl(URI.create("http://keycloak:8080"), ISSUER)).isEqualTo("http://keycloak:8080/realms/interests-office");
    assertThat(KeycloakOfficeHeads.realmUrl(URI.create("http://keycloak-service.keycloak.svc:8080/"), ISSUER))
        .isEqualTo("http://keycloak-service.keycloak.svc:8080/realms/interests-office");
  }
}
