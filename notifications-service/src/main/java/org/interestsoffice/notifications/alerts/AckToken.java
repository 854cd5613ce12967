package org.interestsoffice.notifications.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The credential in an acknowledgement link: 32 random bytes, URL-safe base64 without padding.
 * Only its SHA-256 hash is stored, so whoever reads the database cannot acknowledge for someone.
 */
public record AckToken(String value) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

  public static AckToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new AckToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token in a link, if it has the shape of one (anything else cannot be a token of ours). */
  public static Optional<AckToken> parse(String value) {
    return value != null && FORMAT.matcher(value).matches() ? Optional.of(new AckToken(value)) : Optional.empty();
  }

  public byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  // The token is a credential: never print it by accident.
  @Override
  public String toString() {
    return "AckToken[***]";
  }
}
