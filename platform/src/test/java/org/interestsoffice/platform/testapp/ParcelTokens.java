package org.interestsoffice.platform.testapp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.interestsoffice.testing.TestTokens;

/** Tokens meant for the test service (its audience is its application name). */
public final class ParcelTokens {

  public static final String AUDIENCE = "platform-test";

  private ParcelTokens() {}

  public static String bearer(String username, List<String> roles, List<String> offices) {
    return "Bearer " + TestTokens.get().token(username, roles, offices, List.of(AUDIENCE), Instant.now(), Duration.ofHours(1));
  }

  public static String ministryAdmin() {
    return bearer("admin", List.of("ministry-admin"), List.of());
  }
}
