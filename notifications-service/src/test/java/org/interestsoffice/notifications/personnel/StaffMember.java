package org.interestsoffice.notifications.personnel;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A staff member as personnel registers them. Every one gets an email address and phone number of
 * their own, so a test can tell its emails apart and search logs for exactly these details.
 */
public record StaffMember(
    UUID staffId,
    Mission mission,
    String fullName,
    String category,
    String email,
    String phone,
    String preferredLanguage) {

  /** An English-speaking diplomatic agent of the embassy in Caracas. */
  public static StaffMember aDiplomat() {
    UUID staffId = UUID.randomUUID();
    return new StaffMember(
        staffId,
        Mission.embassyInCaracas(),
        "Jane Doe",
        "DIPLOMATIC_AGENT",
        "diplomat-" + staffId.toString().substring(0, 8) + "@state.example",
        "+1202" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000),
        "en");
  }

  /** A diplomatic agent of this mission, with contact details of their own. */
  public static StaffMember aDiplomatOf(Mission mission) {
    return aDiplomat().of(mission);
  }

  public StaffMember named(String fullName) {
    return new StaffMember(staffId, mission, fullName, category, email, phone, preferredLanguage);
  }

  public StaffMember reachableAt(String email, String phone) {
    return new StaffMember(staffId, mission, fullName, category, email, phone, preferredLanguage);
  }

  /** The same person in another mission (of another office, say). */
  public StaffMember of(Mission otherMission) {
    return new StaffMember(staffId, otherMission, fullName, category, email, phone, preferredLanguage);
  }

  public StaffMember speaking(String language) {
    return new StaffMember(staffId, mission, fullName, category, email, phone, language);
  }
}
