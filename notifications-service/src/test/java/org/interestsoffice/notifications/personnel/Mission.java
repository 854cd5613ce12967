package org.interestsoffice.notifications.personnel;

import java.util.UUID;

/** A mission as personnel's events describe it to notifications. */
public record Mission(UUID missionId, String officeCode, String name, String timeZone) {

  public static Mission embassyInCaracas() {
    return new Mission(UUID.randomUUID(), "CCS", "Embassy of the United States in Caracas", "America/Caracas");
  }

  public static Mission embassyInWashington() {
    return new Mission(UUID.randomUUID(), "WAS", "Embajada de la República Bolivariana de Venezuela en Washington", "America/New_York");
  }
}
