package org.interestsoffice.notifications.personnel;

import java.util.UUID;

/** A mission as personnel's events describe it to notifications. */
public record Mission(UUID missionId, String officeCode, String name, String timeZone) {

  public static Mission embassyInCaracas() {
    return new Mission(UUID.randomUUID(), "CCS", "Embassy of the United States in Caracas", "America/Caracas");
  }
}
