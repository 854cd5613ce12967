package org.interestsoffice.gateway;

import org.interestsoffice.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the gateway's token validation at the test issuer. */
final class TestIssuer {

  private TestIssuer() {}

  static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.get()::issuer);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.get()::jwkSetUri);
  }
}
