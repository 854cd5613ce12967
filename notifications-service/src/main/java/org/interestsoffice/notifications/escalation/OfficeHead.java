package org.interestsoffice.notifications.escalation;

/**
 * Someone who is told when a person of their office does not acknowledge an alert.
 *
 * @param language {@code es} or {@code en}
 */
public record OfficeHead(String username, String email, String language) {

  @Override
  public String toString() {
    return "OfficeHead[" + username + "]";
  }
}
