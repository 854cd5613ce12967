package org.interestsoffice.notifications.personnel;

import java.util.UUID;

/**
 * A mission as personnel's events describe it to notifications.
 *
 * @param exercise an exercise (a drill, or history replayed) runs on a case clock of its own
 */
public record Mission(UUID missionId, String officeCode, String name, String timeZone, boolean exercise) {

  public Mission(UUID missionId, String officeCode, String name, String timeZone) {
    this(missionId, officeCode, name, timeZone, false);
  }

  public static Mission embassyInCaracas() {
    return new Mission(UUID.randomUUID(), "CCS", "Embassy of the United States in Caracas", "America/Caracas");
  }

  public static Mission embassyInWashington() {
    return new Mission(UUID.randomUUID(), "WAS", "Embajada de la República Bolivariana de Venezuela en Washington", "America/New_York");
  }

  /** The embassy in Caracas drilled as an exercise, on a case clock of its own. */
  public static Mission exerciseInCaracas() {
    return new Mission(UUID.randomUUID(), "CCS", "Embassy of the United States in Caracas", "America/Caracas", true);
  }
}
