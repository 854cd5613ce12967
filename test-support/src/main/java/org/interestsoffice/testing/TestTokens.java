package org.interestsoffice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * An issuer of access tokens shaped like the realm's (Keycloak: {@code realm_access.roles},
 * {@code offices}, {@code preferred_username}, audiences of the services), for tests whose subject
 * is not identity itself. The services validate these tokens exactly as they validate Keycloak's:
 * signature against a JWKS fetched over HTTP, issuer, audience and expiry. Tests about identity run
 * against the real Keycloak instead.
 */
public final class TestTokens {

  public static final List<String> ALL_SERVICES = List.of("missions-service", "personnel-service", "notifications-service");

  private static TestTokens instance;

  private final RSAKey key;
  private final HttpServer server;
  private final String issuer;
  private final NimbusJwtEncoder encoder;

  private TestTokens() {
    key = rsaKey();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/realms/test/protocol/openid-connect/certs",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          // No keep-alive: a client's pool must never reuse a connection this server has since
          // closed as idle (a reused dead connection hangs a key fetch until the client times out).
          exchange.getResponseHeaders().add("Connection", "close");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    // Several services and test contexts fetch the keys at once: no request waits behind another.
    server.setExecutor(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "test-tokens-jwks");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
  }

  public static synchronized TestTokens get() {
    if (instance == null) {
      instance = new TestTokens();
    }
    return instance;
  }

  public String issuer() {
    return issuer;
  }

  public String jwkSetUri() {
    return issuer + "/protocol/openid-connect/certs";
  }

  /** The resource-server settings that make a service accept these tokens. */
  public Map<String, String> springProperties() {
    return Map.of("platform.security.issuer", issuer(), "platform.security.jwk-set-uri", jwkSetUri());
  }

  /** The same, as environment variables for a service started as a process. */
  public Map<String, String> environment() {
    return Map.of("PLATFORM_SECURITY_ISSUER", issuer(), "PLATFORM_SECURITY_JWK_SET_URI", jwkSetUri());
  }

  public String ministryAdmin() {
    return token("ministry-admin", List.of("ministry-admin"), List.of());
  }

  public String officeHead(String office) {
    return token(office.toLowerCase() + "-head", List.of("office-head"), List.of(office));
  }

  public String officeOfficer(String office) {
    return token(office.toLowerCase() + "-officer", List.of("office-officer"), List.of(office));
  }

  public String officeViewer(String office) {
    return token(office.toLowerCase() + "-viewer", List.of("office-viewer"), List.of(office));
  }

  /** A valid token for all services, valid for an hour. */
  public String token(String username, List<String> roles, List<String> offices) {
    return token(username, roles, offices, ALL_SERVICES, Instant.now(), Duration.ofHours(1));
  }

  public String token(String username, List<String> roles, List<String> offices, List<String> audiences, Instant issuedAt, Duration lifetime) {
    return token(issuer, username, roles, offices, audiences, issuedAt, lifetime);
  }

  /** A token claiming any issuer, signed with this issuer's key: a forgery unless the issuer is this one. */
  public String token(String claimedIssuer, String username, List<String> roles, List<String> offices, List<String> audiences, Instant issuedAt, Duration lifetime) {
    Map<String, Object> realmAccess = new LinkedHashMap<>();
    realmAccess.put("roles", roles);
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(claimedIssuer)
            .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
            .audience(audiences)
            .issuedAt(issuedAt)
            .notBefore(issuedAt)
            .expiresAt(issuedAt.plus(lifetime))
            .id(UUID.randomUUID().toString())
            .claim("typ", "Bearer")
            .claim("azp", "api-client")
            .claim("preferred_username", username)
            .claim("realm_access", realmAccess)
            .claim("offices", offices)
            .build();
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
    return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
  }

  private static RSAKey rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
          .privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID(UUID.randomUUID().toString())
          .build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
